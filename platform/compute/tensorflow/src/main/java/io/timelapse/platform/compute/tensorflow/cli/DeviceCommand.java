package io.timelapse.platform.compute.tensorflow.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.DeviceInfo;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Initializer;
import io.timelapse.api.compute.MemoryUsage;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.List;
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
        out.printf("matmul:   %.1f GFLOP/s (float32, %d×%d×%d, best of %d)%n", matmulGflops(), size, size, size, repeats);
        MemoryUsage memory = compute.memory();
        out.printf("memory:   %.0f MiB in use, %.0f MiB peak (%s)%n", memory.inUseBytes() / 1048576.0, memory.peakBytes() / 1048576.0, memory.what());
        out.flush();
        return ExitCode.OK;
    }

    private double matmulGflops() {
        try (Graph graph = compute.newGraph(common.seed())) {
            Ops ops = graph.ops();
            Variable a = ops.variable("a", DType.F32, Shape.of(size, size), Initializer.normal(0, 1));
            Variable b = ops.variable("b", DType.F32, Shape.of(size, size), Initializer.normal(0, 1));
            Tensor product = ops.sum(ops.matmul(a, b, false, false), false);
            try (Session session = graph.newSession()) {
                session.initialize();
                session.run(Map.of(), List.of(product)).close();
                long best = Long.MAX_VALUE;
                for (int i = 0; i < repeats; i++) {
                    long start = System.nanoTime();
                    Outputs outputs = session.run(Map.<Tensor, HostTensor>of(), List.of(product));
                    best = Math.min(best, System.nanoTime() - start);
                    outputs.close();
                }
                return 2.0 * size * size * size / best;
            }
        }
    }
}
