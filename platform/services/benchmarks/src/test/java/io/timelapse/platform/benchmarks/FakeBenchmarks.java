package io.timelapse.platform.benchmarks;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.lib.bench.BenchReport;
import io.timelapse.lib.bench.Machine;
import io.timelapse.lib.bench.Metric;
import io.timelapse.lib.bench.Spread;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Tiny stand-ins for the bench group's commands, which {@code bench all} runs in its tests: no timing, fixed figures. */
final class FakeBenchmarks {

    private FakeBenchmarks() {}

    /** Shared by the fakes: a run through the platform's run service. */
    abstract static class Fake implements PluginCommand {
        final RunService runs;

        @Spec
        CommandSpec spec;

        @Mixin
        CommonOptions common;

        Fake(RunService runs) {
            this.runs = runs;
        }
    }

    /** Reports through BenchReport: a time against numpy, a rate whose reference is missing. */
    @Command(name = "reported", description = "Reports fixed figures through the bench library.")
    static final class Reported extends Fake {
        Reported(RunService runs) {
            super(runs);
        }

        @Override
        public Integer call() throws Exception {
            try (Run run = runs.start(spec, common)) {
                new BenchReport(new Machine("Test CPU", 2), "CPU (test)", 0.5)
                        .note("numpy_version", "1.24.2")
                        .add(Metric.time("features", "ms", Spread.of(2, 3, 5)).against("numpy", Spread.of(5, 6, 9)).ofMatmul(0.25))
                        .add(Metric.rate("parse", "chains_per_s", Spread.of(10, 20, 30)))
                        .referenceMissing("pytorch", "/usr/bin/python3 cannot be started")
                        .finish(run, spec.commandLine().getOut());
                run.succeeded();
            }
            return ExitCode.OK;
        }
    }

    /** Records flat keys only, as a benchmark that does not use BenchReport (dsb's) does. */
    @Command(name = "flat", description = "Records flat result keys only.")
    static final class Flat extends Fake {
        Flat(RunService runs) {
            super(runs);
        }

        @Override
        public Integer call() throws Exception {
            try (Run run = runs.start(spec, common)) {
                run.result("probe_s", 4.0);
                run.result("probe_speedup_vs_pytorch", 2.5);
                run.result("probe_fraction_of_matmul", 0.3);
                run.result("stats_ratio_vs_numpy", 0.8);
                run.succeeded();
            }
            return ExitCode.OK;
        }
    }

    /** Fails after its run started. */
    @Command(name = "broken", description = "Fails while it measures.")
    static final class Broken extends Fake {
        Broken(RunService runs) {
            super(runs);
        }

        @Override
        public Integer call() throws Exception {
            try (Run run = runs.start(spec, common)) {
                run.result("started", true);
                throw new IllegalStateException("the reference machine is on fire");
            }
        }
    }

    /** Refuses to start, as a benchmark whose data is not installed does. */
    @Command(name = "needs-data", description = "Needs data that is not installed.")
    static final class NeedsData extends Fake {
        NeedsData(RunService runs) {
            super(runs);
        }

        @Override
        public Integer call() {
            throw new ParameterException(spec.commandLine(), "--data /nowhere: not found; apt-get install test-data");
        }
    }
}
