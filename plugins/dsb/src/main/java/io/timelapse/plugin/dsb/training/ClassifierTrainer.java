package io.timelapse.plugin.dsb.training;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Operation;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;
import io.timelapse.lib.checkpoint.CheckpointSchedule;
import io.timelapse.lib.checkpoint.ConfigHash;
import io.timelapse.lib.train.Adam;
import io.timelapse.lib.train.Optimizer;
import io.timelapse.lib.train.StepCounter;
import io.timelapse.lib.train.TrainingLoop;
import io.timelapse.plugin.dsb.model.Architectures;
import io.timelapse.plugin.dsb.model.ImageClassifier;
import io.timelapse.plugin.dsb.model.ImageShape;
import io.timelapse.plugin.dsb.probing.ProbeEvaluator;
import io.timelapse.plugin.dsb.probing.ProbeScore;
import io.timelapse.plugin.dsb.sets.ProbeSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A classifier, its AdamW training step on {@link TrainingImages} by the {@link Recipe}, and a {@link ProbeEvaluator}
 * of its current weights, in one graph and session. {@link #train} runs lib.train's {@link TrainingLoop}: resumable
 * checkpoints of every variable on a schedule, and {@code metrics.csv/.jsonl} of the loss and learning rate.
 */
public final class ClassifierTrainer implements AutoCloseable {

    private final Recipe recipe;
    private final ImageShape shape;
    private final Graph graph;
    private final Session session;
    private final ImageClassifier model;
    private final StepCounter counter;
    private final Operation trainStep;
    private final Tensor images;
    private final Tensor labels;
    private final Tensor loss;
    private final Optimizer optimizer;
    private final TrainingImages data;
    private final ProbeEvaluator evaluator;

    public ClassifierTrainer(ComputeService compute, Recipe recipe, ImageShape shape, ProbeSet trainingData, int evalBatch) {
        this.recipe = recipe;
        this.shape = shape;
        this.data = new TrainingImages(trainingData, shape, recipe.batchSize(), recipe.seed(), recipe.augmentation());
        this.graph = compute.newGraph(recipe.seed());
        try {
            Ops ops = graph.ops();
            this.model = Architectures.build(recipe.model(), ops, shape);
            Ops train = ops.scope("train");
            this.images = train.placeholder("images", DType.F32, Shape.of(recipe.batchSize(), shape.dimension()));
            this.labels = train.placeholder("labels", DType.I64, Shape.of(recipe.batchSize()));
            this.loss = train.mean(train.sparseCrossEntropy(model.logits(images, true), labels), false);
            this.counter = StepCounter.create(graph);
            this.optimizer = Adam.adamW(graph, counter, recipe.schedule(), Recipe.BETA1, recipe.beta2(), Recipe.EPS, recipe.weightDecay(),
                Adam.BIASES_AND_NORMS);
            this.trainStep = optimizer.minimize(loss, new ArrayList<Variable>(model.parameters().values()));
            this.evaluator = new ProbeEvaluator(graph, model, evalBatch);
            this.session = graph.newSession();
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    public ImageClassifier model() {
        return model;
    }

    public Recipe recipe() {
        return recipe;
    }

    /** Cuts {@code sets} into evaluation batches once, to be {@link #probe probed} at every checkpoint. */
    public List<ProbeEvaluator.PreparedSet> prepare(List<ProbeSet> sets) {
        return sets.stream().map(evaluator::prepare).toList();
    }

    /** Scores the weights the session holds now: after {@link #train}, or from a listener between its steps. */
    public List<ProbeScore> probe(List<ProbeEvaluator.PreparedSet> sets) {
        return evaluator.score(session, sets);
    }

    /** Steps per epoch of the training data. */
    public long stepsPerEpoch() {
        return data.stepsPerEpoch();
    }

    /**
     * Trains up to {@link Recipe#maxSteps()}, or to {@code untilStep} when smaller (a stop for tests and benchmarks),
     * resuming from the latest complete checkpoint in {@code checkpoints}; with a null folder nothing is saved or
     * resumed, and with a null {@code metrics} folder nothing is logged.
     */
    public TrainingLoop.Result train(long untilStep, Path checkpoints, CheckpointSchedule schedule, Path metrics,
                                     TrainingLoop.Listener listener) throws IOException {
        TrainingLoop.Builder loop = TrainingLoop.builder()
            .graph(graph, session)
            .stepCounter(counter)
            .trainStep(trainStep)
            .metric("loss", loss)
            .metric("learning_rate", optimizer.learningRate())
            .batches((step, micro) -> {
                HostTensor x = data.images(step);
                return Map.of(images, x, labels, data.labels());
            })
            .configHash(configHash())
            .listener(listener);
        if (checkpoints != null) {
            loop.checkpoints(checkpoints, schedule);
        }
        if (metrics != null) {
            loop.metrics(metrics, 1);
        }
        return loop.build().run(Math.min(untilStep, recipe.maxSteps()));
    }

    /** The hash of the recipe and image shape; a checkpoint of another configuration is never resumed from. */
    public String configHash() {
        Map<String, Object> config = new LinkedHashMap<>(recipe.asMap());
        config.put("shape", shape.toString());
        config.put("training_images", data.count());
        return ConfigHash.of(config);
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
