package io.timelapse.plugin.openfold.bench;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Operation;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;
import io.timelapse.lib.train.Adam;
import io.timelapse.lib.train.GradientClipping;
import io.timelapse.lib.train.StepCounter;
import io.timelapse.plugin.openfold.model.alphafold.AlphaFold;
import io.timelapse.plugin.openfold.model.config.AlphaFoldConfig;
import io.timelapse.plugin.openfold.model.loss.AlphaFoldLoss;
import io.timelapse.plugin.openfold.training.OptimizerSettings;
import io.timelapse.plugin.openfold.training.TrainingExample;
import io.timelapse.plugin.openfold.training.TrainingStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The split of the training step and its FLOP count: the step built as {@code training.TrainingStep} builds it (the
 * model in training mode on the example's recycling slices, the loss on the last slice with zero-weight terms skipped,
 * gradients clipped by global norm, Adam with the given settings), but with the points the benchmark fetches exposed
 * and its products counted. The nested {@link Stage}s fetch the same graph up to the Evoformer's outputs (with the input, recycling and extra-MSA
 * embedders and the extra-MSA stack), up to the structure module's, up to the loss (with the auxiliary heads), and
 * the full step; the eval-mode forward shares the parameters. Matrix-product FLOPs are counted as it is built
 * ({@link ProductFlops}).
 */
public final class StepGraph implements AutoCloseable {

    /** What one timed fetch runs. */
    public record Stage(String name, List<Tensor> fetches, List<Operation> targets) {}

    private final Graph graph;
    private final Map<Tensor, HostTensor> feeds = new LinkedHashMap<>();
    private final List<Stage> trainingStages = new ArrayList<>();
    private final Stage forward;
    private final double trainingForwardFlops;
    private final double evalForwardFlops;
    private final int unknownShapes;
    private final long parameters;
    private Session session;

    /** Builds the step of {@code config}'s model on {@code example} (one recycling slice, OpenFold names). */
    public StepGraph(ComputeService compute, AlphaFoldConfig config, TrainingExample example, OptimizerSettings settings, long seed) {
        this.graph = compute.newGraph(seed);
        try {
            Ops ops = graph.ops();
            ProductFlops counter = new ProductFlops();
            Ops counted = counter.counting(ops);
            Map<String, Tensor> batch = new LinkedHashMap<>();
            Map<String, Tensor> features = new LinkedHashMap<>();
            for (String name : example.features().keySet()) {
                HostTensor value = example.tensor(name, DType.F32);
                Tensor placeholder = ops.placeholder(name, value.dtype(), value.shape());
                feeds.put(placeholder, value);
                features.put(name, placeholder);
                batch.put(name, ops.squeeze(placeholder, value.shape().rank() - 1));
            }
            AlphaFold model = new AlphaFold(counted, config.model(), DType.F32);
            StepCounter step = StepCounter.create(graph);
            AlphaFold.Output out = model.apply(features, example.cycles(), step.variable(), true);
            trainingStages.add(new Stage("evoformer", List.of(sum(ops, out.msa()), sum(ops, out.pair()), sum(ops, out.single())), List.of()));
            trainingStages.add(new Stage("structure_module", List.of(sum(ops, out.finalAtomPositions()), sum(ops, out.sm().single())),
                    List.of()));
            Tensor loss = new AlphaFoldLoss(counted, config.loss(), false).apply(batch, out.named(), example.residues()).total().loss();
            trainingStages.add(new Stage("loss", List.of(loss), List.of()));
            this.trainingForwardFlops = counter.flops();
            List<Variable> variables = TrainingStep.trainedParameters(model, config);
            this.parameters = model.parameters().values().stream().mapToLong(v -> v.shape().size()).sum();
            GradientClipping.Clipped clipped = GradientClipping.byGlobalNorm(ops, graph.gradients(loss, variables), settings.clipNorm());
            Adam adam = Adam.adam(graph, step, settings.schedule(), settings.beta1(), settings.beta2(), settings.eps(), 0);
            Operation update = adam.update(variables, clipped.gradients());
            trainingStages.add(new Stage("step", List.of(loss, clipped.globalNorm()), List.of(update)));
            AlphaFold.Output eval = model.apply(features, example.cycles(), null, false);
            this.evalForwardFlops = counter.flops() - trainingForwardFlops;
            this.forward = new Stage("forward", List.of(sum(ops, eval.finalAtomPositions()), sum(ops, eval.heads().distogramLogits())),
                    List.of());
            this.unknownShapes = counter.unknownShapes();
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    private static Tensor sum(Ops ops, Tensor t) {
        return ops.sum(ops.cast(t, DType.F32), false);
    }

    /** The nested fetches of the training step, cheapest first; the last is the full step. */
    public List<Stage> trainingStages() {
        return List.copyOf(trainingStages);
    }

    /** The eval-mode forward (no dropout, no loss). */
    public Stage forward() {
        return forward;
    }

    /** FLOPs of the matrix products of the training-mode forward, loss included. */
    public double trainingForwardFlops() {
        return trainingForwardFlops;
    }

    /**
     * FLOPs of the step's matrix products: the forward's three times over, since the backward pass of each product
     * is two products of its size (the gradients of both operands); a product with a constant operand needs only
     * one of them, so this slightly overcounts the products on the input features.
     */
    public double stepFlops() {
        return 3 * trainingForwardFlops;
    }

    public double evalForwardFlops() {
        return evalForwardFlops;
    }

    public int unknownShapes() {
        return unknownShapes;
    }

    public long parameterCount() {
        return parameters;
    }

    /** Opens the session and initialises the parameters and the optimizer's state. */
    public void initialize() {
        session = graph.newSession();
        session.initialize();
    }

    /** Runs {@code stage} once and checks that what it fetched is finite. */
    public void run(Stage stage) {
        try (var outputs = session.run(feeds, stage.fetches(), stage.targets())) {
            for (int i = 0; i < outputs.size(); i++) {
                double value = outputs.get(i).scalarValue();
                if (!Double.isFinite(value)) {
                    throw new IllegalStateException(stage.name() + ": fetched a non-finite value (" + value + ")");
                }
            }
        }
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
        }
        graph.close();
    }
}
