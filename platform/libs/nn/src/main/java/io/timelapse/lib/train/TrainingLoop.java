package io.timelapse.lib.train;

import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Operation;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;
import io.timelapse.lib.checkpoint.Checkpoint;
import io.timelapse.lib.checkpoint.CheckpointDirectory;
import io.timelapse.lib.checkpoint.CheckpointSchedule;
import io.timelapse.lib.checkpoint.CheckpointWriter;
import io.timelapse.lib.checkpoint.OptimizerSlots;
import io.timelapse.lib.metrics.CompositeMetricsWriter;
import io.timelapse.lib.metrics.MetricsWriter;
import io.timelapse.lib.nn.LoadReport;
import io.timelapse.lib.nn.StateDict;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.function.LongToIntFunction;

/**
 * Runs optimizer steps, writes a checkpoint of every variable of the graph (parameters, optimizer
 * slots, the step counter, averages) on a {@link CheckpointSchedule}, and logs scalar metrics as CSV,
 * JSON lines and TensorBoard events. A loop started where checkpoints exist resumes from the latest
 * complete one (damaged files are skipped), so a killed run continues to the same weights provided
 * {@link Batches} gives each step the same data.
 */
public final class TrainingLoop {

    /** The feeds of one micro-batch of one step; a pure function of its arguments for reproducible runs. */
    @FunctionalInterface
    public interface Batches {
        /**
         * @param step completed steps before this one (0 for the first)
         * @param microBatch 0 … microBatches−1
         */
        Map<Tensor, HostTensor> feeds(long step, int microBatch);
    }

    /**
     * Hears about a run as it goes; an exception it throws stops the run like a kill.
     *
     * @since 1.1
     */
    public interface Listener {
        /** After the checkpoint of the model after {@code step} steps was written to {@code file} (step 0 included). */
        default void checkpointWritten(long step, Path file) throws IOException {}

        /** After step {@code completedSteps}, once its checkpoint (if scheduled) is written; {@code metrics} are its values. */
        default void stepCompleted(long completedSteps, Map<String, Double> metrics) throws IOException {}
    }

    /** What a call to {@link #run} did. */
    public record Result(long startStep, long endStep, boolean resumed, List<Long> checkpointsWritten, Map<String, Double> lastMetrics) {}

    /**
     * One of several train steps the loop chooses from per step ({@link Builder#variants}): its operation and the scalars
     * fetched with it, under the same names in every variant. With micro-batches ({@link Builder#microBatches}),
     * {@code accumulate} is run on each but the last, and the metrics named in {@code averaged} are fetched with it
     * too and logged as their mean over the step's micro-batches (the others are those of the last one's run).
     *
     * @since 1.1
     */
    public record Variant(Operation trainStep, Map<String, Tensor> metrics, Operation accumulate, Set<String> averaged) {

        public Variant {
            Objects.requireNonNull(trainStep, "train step");
            metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
            averaged = Set.copyOf(averaged);
            if (!metrics.keySet().containsAll(averaged)) {
                throw new IllegalArgumentException("averaged metrics " + averaged + " are not all among " + metrics.keySet());
            }
        }

        /** A variant of one micro-batch per step, or whose micro-batches run the loop's {@link Builder#accumulate} operation. */
        public Variant(Operation trainStep, Map<String, Tensor> metrics) {
            this(trainStep, metrics, null, Set.of());
        }
    }

    private final Graph graph;
    private final Session session;
    private final StepCounter step;
    private final LongFunction<Variant> variantAt;
    private final Operation accumulate;
    private final int microBatches;
    private final Operation afterInitialize;
    private final Operation afterStep;
    private final Batches batches;
    private final CheckpointDirectory checkpoints;
    private final CheckpointSchedule schedule;
    private final Path metricsDirectory;
    private final long logEvery;
    private final String configHash;
    private final Clock clock;
    private final Listener listener;

    private TrainingLoop(Builder builder) {
        this.graph = Objects.requireNonNull(builder.graph, "graph");
        this.session = Objects.requireNonNull(builder.session, "session");
        this.step = Objects.requireNonNull(builder.step, "step counter");
        if (builder.variants != null) {
            Map<Integer, Variant> variants = Map.copyOf(builder.variants);
            LongToIntFunction choice = builder.choice;
            this.variantAt = completed -> Objects.requireNonNull(variants.get(choice.applyAsInt(completed)),
                    () -> "no train step variant " + choice.applyAsInt(completed));
        } else {
            Variant only = new Variant(Objects.requireNonNull(builder.trainStep, "train step"), builder.metrics);
            this.variantAt = completed -> only;
        }
        this.accumulate = builder.accumulate;
        this.microBatches = builder.microBatches;
        this.afterInitialize = builder.afterInitialize;
        this.afterStep = builder.afterStep;
        this.batches = Objects.requireNonNull(builder.batches, "batches");
        this.checkpoints = builder.checkpointDirectory == null ? null : new CheckpointDirectory(builder.checkpointDirectory);
        this.schedule = builder.schedule;
        this.metricsDirectory = builder.metricsDirectory;
        this.logEvery = builder.logEvery;
        this.configHash = Objects.requireNonNull(builder.configHash, "config hash");
        this.clock = builder.clock;
        this.listener = builder.listener;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Trains until {@code totalSteps} steps are complete, resuming from the latest complete checkpoint if there is one. */
    public Result run(long totalSteps) throws IOException {
        Map<String, Variable> state = variablesByName();
        long start = restore(state);
        boolean resumed = start >= 0;
        if (!resumed) {
            session.initialize();
            if (afterInitialize != null) {
                session.run(Map.of(), List.of(), List.of(afterInitialize)).close();
            }
            start = 0;
        }
        List<Long> written = new ArrayList<>();
        if (!resumed && schedule != null && schedule.isCheckpointStep(0)) {
            save(state, 0);
            written.add(0L);
        }
        Map<String, Double> last = Map.of();
        try (MetricsWriter writer = metricsWriter(resumed ? OptionalLong.of(start + 1) : OptionalLong.empty())) {
            for (long completed = start; completed < totalSteps; completed++) {
                Variant variant = variantAt.apply(completed);
                last = step(variant, completed);
                if (afterStep != null) {
                    session.run(Map.of(), List.of(), List.of(afterStep)).close();
                }
                long done = completed + 1;
                if (writer != null && !last.isEmpty() && done % logEvery == 0) {
                    writer.write(done, last);
                }
                if (schedule != null && schedule.isCheckpointStep(done)) {
                    save(state, done);
                    written.add(done);
                }
                listener.stepCompleted(done, last);
            }
        }
        return new Result(start, Math.max(start, totalSteps), resumed, written, last);
    }

    /** One optimizer step over its micro-batches; the metrics, those named averaged by the variant as means over them. */
    private Map<String, Double> step(Variant variant, long completed) {
        Operation accumulation = variant.accumulate() != null ? variant.accumulate() : accumulate;
        if (microBatches > 1 && accumulation == null) {
            throw new IllegalStateException("no accumulate operation for " + microBatches + " micro-batches");
        }
        List<String> averaged = variant.metrics().keySet().stream().filter(variant.averaged()::contains).toList();
        Map<String, Double> sums = new LinkedHashMap<>();
        for (int micro = 0; micro < microBatches - 1; micro++) {
            List<Tensor> fetches = averaged.stream().map(variant.metrics()::get).toList();
            try (Outputs out = session.run(batches.feeds(completed, micro), fetches, List.of(accumulation))) {
                scalars(averaged, out).forEach((name, value) -> sums.merge(name, value, Double::sum));
            }
        }
        Map<String, Double> values;
        try (Outputs out = session.run(batches.feeds(completed, microBatches - 1), new ArrayList<>(variant.metrics().values()),
                List.of(variant.trainStep()))) {
            values = scalars(variant.metrics().keySet(), out);
        }
        for (String name : averaged) {
            values.put(name, (sums.getOrDefault(name, 0.0) + values.get(name)) / microBatches);
        }
        return values;
    }

    /** Loads the latest complete checkpoint into the session and returns its step, or −1 when there is none. */
    private long restore(Map<String, Variable> state) throws IOException {
        if (checkpoints == null) {
            return -1;
        }
        Optional<CheckpointDirectory.Entry> latest = checkpoints.latest();
        if (latest.isEmpty()) {
            return -1;
        }
        try (Checkpoint checkpoint = Checkpoint.open(latest.get().path())) {
            checkpoint.requireConfigHash(configHash);
            LoadReport report = StateDict.load(session, state, checkpoint.file(), false);
            if (!report.isExact()) {
                throw new IOException("cannot resume from " + report.describe());
            }
            long counted = (long) session.read(step.variable()).scalarValue();
            if (counted != checkpoint.step()) {
                throw new IOException(checkpoint.path() + ": metadata step " + checkpoint.step() + " but " + StepCounter.NAME + " = " + counted);
            }
            return checkpoint.step();
        }
    }

    private void save(Map<String, Variable> state, long done) throws IOException {
        CheckpointWriter writer = new CheckpointWriter(done, configHash).clock(clock);
        // One run for all variables: a run per variable costs the backend a pass over the whole graph each time.
        List<HostTensor> values = session.read(new ArrayList<>(state.values()));
        int index = 0;
        for (Map.Entry<String, Variable> entry : state.entrySet()) {
            HostTensor value = values.get(index++);
            long[] shape = value.shape().dims();
            Optional<OptimizerSlots.Slot> slot = OptimizerSlots.parse(entry.getKey());
            if (slot.isPresent()) {
                writer.slot(slot.get().optimizer(), slot.get().slot(), slot.get().parameter(), StateDict.fileDtypeOf(value.dtype()), shape, value.buffer());
            } else {
                writer.variable(entry.getKey(), StateDict.fileDtypeOf(value.dtype()), shape, value.buffer());
            }
        }
        checkpoints.write(writer);
        listener.checkpointWritten(done, checkpoints.pathFor(done));
    }

    private Map<String, Variable> variablesByName() {
        Map<String, Variable> state = new LinkedHashMap<>();
        for (Variable variable : graph.variables()) {
            state.put(variable.name(), variable);
        }
        return state;
    }

    private MetricsWriter metricsWriter(OptionalLong resumeAt) throws IOException {
        return metricsDirectory == null ? null : CompositeMetricsWriter.standard(metricsDirectory, resumeAt, clock);
    }

    private static Map<String, Double> scalars(Iterable<String> names, Outputs out) {
        Map<String, Double> values = new LinkedHashMap<>();
        int i = 0;
        for (String name : names) {
            values.put(name, out.get(i++).scalarValue());
        }
        return values;
    }

    /** Configures a {@link TrainingLoop}; graph, session, step counter, train step, batches and config hash are required. */
    public static final class Builder {
        private Graph graph;
        private Session session;
        private StepCounter step;
        private Operation trainStep;
        private LongToIntFunction choice;
        private Map<Integer, Variant> variants;
        private Operation accumulate;
        private int microBatches = 1;
        private Operation afterInitialize;
        private Operation afterStep;
        private final Map<String, Tensor> metrics = new LinkedHashMap<>();
        private Batches batches;
        private Path checkpointDirectory;
        private CheckpointSchedule schedule;
        private Path metricsDirectory;
        private long logEvery = 1;
        private String configHash;
        private Clock clock = Clock.systemUTC();
        private Listener listener = new Listener() {};

        private Builder() {}

        /** The graph whose every variable is checkpointed, and the session that holds their values. */
        public Builder graph(Graph newGraph, Session newSession) {
            this.graph = newGraph;
            this.session = newSession;
            return this;
        }

        /** The counter the optimizer increments; it decides where a resumed run continues. */
        public Builder stepCounter(StepCounter counter) {
            this.step = counter;
            return this;
        }

        /** The operation of one optimizer step, for example {@link Optimizer#update} or {@link GradientAccumulation#apply}. */
        public Builder trainStep(Operation operation) {
            this.trainStep = operation;
            return this;
        }

        /**
         * Train steps that vary from step to step, instead of {@link #trainStep} and {@link #metric}: before step s
         * (the steps completed) the loop runs {@code variants.get(choice.applyAsInt(s))}. The choice must be a function
         * of s alone, so that a resumed run makes the same choices.
         *
         * @since 1.1
         */
        public Builder variants(LongToIntFunction choice, Map<Integer, Variant> stepVariants) {
            if (stepVariants.isEmpty()) {
                throw new IllegalArgumentException("no train step variants");
            }
            this.choice = Objects.requireNonNull(choice, "choice");
            this.variants = stepVariants;
            return this;
        }

        /** Runs {@code operation} on micro-batches 0 … n−2 and the train step on micro-batch n−1 of every step. */
        public Builder accumulate(Operation operation, int n) {
            if (n < 2) {
                throw new IllegalArgumentException("accumulating needs at least 2 micro-batches, got " + n);
            }
            this.accumulate = operation;
            this.microBatches = n;
            return this;
        }

        /**
         * Runs each variant's own {@link Variant#accumulate()} on micro-batches 0 … n−2 and its train step on micro-batch
         * n−1 of every step.
         *
         * @since 1.1
         */
        public Builder microBatches(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("micro-batches must be at least 1, got " + n);
            }
            this.microBatches = n;
            return this;
        }

        /** Run once after a fresh initialisation (not on resume), for example {@link ExponentialMovingAverage#reset()}. */
        public Builder afterInitialize(Operation operation) {
            this.afterInitialize = operation;
            return this;
        }

        /** Run after every step in a run of its own, for example {@link ExponentialMovingAverage#update()}. */
        public Builder afterStep(Operation operation) {
            this.afterStep = operation;
            return this;
        }

        /** A scalar fetched with the train step and logged under {@code name}. */
        public Builder metric(String name, Tensor scalar) {
            metrics.put(name, scalar);
            return this;
        }

        public Builder batches(Batches source) {
            this.batches = source;
            return this;
        }

        public Builder checkpoints(Path directory, CheckpointSchedule checkpointSchedule) {
            this.checkpointDirectory = directory;
            this.schedule = checkpointSchedule;
            return this;
        }

        /** Writes metrics.csv, metrics.jsonl and tensorboard/ in {@code directory} every {@code every} steps. */
        public Builder metrics(Path directory, long every) {
            if (every < 1) {
                throw new IllegalArgumentException("log every must be at least 1, got " + every);
            }
            this.metricsDirectory = directory;
            this.logEvery = every;
            return this;
        }

        /** The {@link io.timelapse.lib.checkpoint.ConfigHash} of the run; a checkpoint of another configuration is refused. */
        public Builder configHash(String hash) {
            this.configHash = hash;
            return this;
        }

        public Builder clock(Clock newClock) {
            this.clock = newClock;
            return this;
        }

        /**
         * Told of every completed step and written checkpoint.
         *
         * @since 1.1
         */
        public Builder listener(Listener newListener) {
            this.listener = Objects.requireNonNull(newListener, "listener");
            return this;
        }

        public TrainingLoop build() {
            return new TrainingLoop(this);
        }
    }
}
