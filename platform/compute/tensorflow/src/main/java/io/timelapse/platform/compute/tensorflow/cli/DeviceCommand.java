package io.timelapse.platform.compute.tensorflow.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.compute.DeviceInfo;
import io.timelapse.api.compute.MemoryUsage;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code timelapse device}: what the compute service runs on, and a quick matmul throughput check. */
@Command(name = "device", mixinStandardHelpOptions = true,
        description = "Show the compute device, backend versions, threads and memory, and measure matmul throughput.")
public final class DeviceCommand implements PluginCommand {

    private final ComputeService compute;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--size", defaultValue = "1024", paramLabel = "N", description = "Matrix size n of the n×n×n check (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--repeats", defaultValue = "10", paramLabel = "N", description = "Timed matmuls (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Inject
    DeviceCommand(ComputeService compute) {
        this.compute = compute;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        DeviceInfo device = compute.device();
        out.printf("device:   %s (%s)%n", device.device(), device.description());
        out.printf("backend:  %s%n", device.backend());
        out.printf("threads:  %d intra-op, %d inter-op%n", device.intraOpThreads(), device.interOpThreads());
        if (device.fellBack()) {
            out.printf("WARNING:  %s%n", device.note());
        }
        for (Map.Entry<String, String> version : new TreeMap<>(compute.versions()).entrySet()) {
            out.printf("version:  %s %s%n", version.getKey(), version.getValue());
        }
        out.printf("matmul:   %.1f GFLOP/s (float32, %d×%d×%d, best of %d)%n", compute.matmulGflops(size, repeats), size, size, size, repeats);
        MemoryUsage memory = compute.memory();
        out.printf("memory:   %.0f MiB in use, %.0f MiB peak (%s)%n", memory.inUseBytes() / 1048576.0, memory.peakBytes() / 1048576.0, memory.what());
        out.flush();
        return ExitCode.OK;
    }
}
