package io.timelapse.plugin.dsb.cli;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.lib.bench.Spread;
import io.timelapse.lib.bench.Timing;
import io.timelapse.lib.train.TrainingLoop;
import io.timelapse.plugin.dsb.model.ImageShape;
import io.timelapse.plugin.dsb.probing.ProbeEvaluator;
import io.timelapse.plugin.dsb.sets.ClassModels;
import io.timelapse.plugin.dsb.sets.ProbeSet;
import io.timelapse.plugin.dsb.training.Augmentation;
import io.timelapse.plugin.dsb.training.ClassifierTrainer;
import io.timelapse.plugin.dsb.training.Recipe;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The Timelapse side of {@code bench dsb}, on the code {@code dsb train} and {@code dsb probe} run: the
 * {@link ClassifierTrainer}'s training step (AdamW by the paper's recipe, batches fed from the host), its
 * {@link ProbeEvaluator}, and the class statistics of {@link ClassModels}.
 */
final class BenchWorkloads {

    /** Untimed ConvNeXt training steps before a measurement, so graph set-up is not counted. */
    static final int WARMUP_STEPS = 2;

    /**
     * Untimed MLP training steps before the epoch is timed, on both sides alike: a fresh process compiles the loop
     * during its first steps (on a 2-core EPYC the first 47 averaged 2.0–2.3 ms a step, later ones 1.2–1.4 ms).
     */
    static final int MLP_WARMUP_STEPS = 50;

    private final ComputeService compute;
    private final long seed;

    BenchWorkloads(ComputeService compute, long seed) {
        this.compute = compute;
        this.seed = seed;
    }

    /** The seconds of every timed step and of the whole timed run. */
    record Steps(double[] seconds, double totalSeconds) {
        Spread spread() {
            return Spread.of(seconds);
        }
    }

    /** A trainer of {@code model} for {@code steps} steps of the paper's recipe, without augmentation. */
    ClassifierTrainer trainer(String model, ImageShape shape, ProbeSet train, long steps) {
        long warmup = Math.min(Recipe.scaledWarmup(steps), steps - 1);
        Recipe recipe = new Recipe(model, steps, Recipe.BATCH, Recipe.LEARNING_RATE, Recipe.BETA2, Recipe.WEIGHT_DECAY,
                warmup, Augmentation.NONE, seed);
        return new ClassifierTrainer(compute, recipe, shape, train, ProbeEvaluator.DEFAULT_BATCH);
    }

    /**
     * Trains {@code warmup} steps, then {@code steps} steps from a fresh start (the training loop
     * initialises the variables on every call), timing each step of the second run.
     */
    Steps train(ClassifierTrainer trainer, long steps, int warmup) throws IOException {
        trainer.train(warmup, null, null, null, new TrainingLoop.Listener() {});
        double[] seconds = new double[(int) steps];
        long[] last = {System.nanoTime()};
        long start = last[0];
        trainer.train(steps, null, null, null, new TrainingLoop.Listener() {
            @Override
            public void stepCompleted(long completedSteps, Map<String, Double> metrics) {
                long now = System.nanoTime();
                seconds[(int) completedSteps - 1] = (now - last[0]) / 1e9;
                last[0] = now;
            }
        });
        return new Steps(seconds, (System.nanoTime() - start) / 1e9);
    }

    /** Seconds to score the trainer's current weights on every prepared set, in each of three runs after an untimed one. */
    Spread probe(ClassifierTrainer trainer, List<ProbeEvaluator.PreparedSet> sets) {
        trainer.probe(sets);
        return Timing.spread(3, () -> trainer.probe(sets));
    }

    /**
     * Seconds to fit every class's mean and shrunk covariance and its Cholesky factor, classes in parallel as
     * {@link ClassModels#fitAll} fits them, on fresh models so nothing is cached.
     */
    double statistics(ClassModels models) {
        long start = System.nanoTime();
        IntStream.range(0, models.classes()).parallel().forEach(k -> models.gaussian(k).sampler());
        return (System.nanoTime() - start) / 1e9;
    }
}
