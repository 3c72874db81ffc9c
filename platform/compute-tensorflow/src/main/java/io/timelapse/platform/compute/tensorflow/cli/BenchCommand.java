package io.timelapse.platform.compute.tensorflow.cli;

import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.run.RunService;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code timelapse bench <what>}: benchmarks measured side by side with a reference, reported as ratios. */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = ComputeBenchmark.class,
        description = "Benchmarks, each measured side by side with its reference in the same run.")
public final class BenchCommand implements PluginCommand {

    final ComputeService compute;
    final RunService runs;

    @Spec
    CommandSpec spec;

    @Inject
    BenchCommand(ComputeService compute, RunService runs) {
        this.compute = compute;
        this.runs = runs;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }
}
