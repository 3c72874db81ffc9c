package io.timelapse.platform.benchmarks;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.platform.compute.tensorflow.TensorFlowComputeService;
import io.timelapse.platform.lm.model.NeoXModels;
import io.timelapse.testkit.CommandTester;
import java.nio.file.Path;

/**
 * Runs {@code timelapse bench lm ARGS} from the test class path (no distribution needed), with runs
 * under {@code target/bench-runs}: see {@code platform/services/benchmarks/README.md}. Not a test.
 */
public final class LmBenchMain {

    private LmBenchMain() {}

    public static void main(String[] args) {
        ComputeService compute = new TensorFlowComputeService();
        CommandTester tester = new CommandTester(Path.of("target", "bench-runs"));
        CommandTester.Result result = tester.execute("bench", new LmBenchmark(new NeoXModels(compute), compute, tester.runs()), args);
        System.out.print(result.out());
        System.err.print(result.err());
        System.exit(result.exitCode());
    }
}
