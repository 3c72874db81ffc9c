package io.timelapse.plugin.openfold.training;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Operation;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;
import io.timelapse.lib.train.Adam;
import io.timelapse.lib.train.GradientClipping;
import io.timelapse.lib.train.StepCounter;
import io.timelapse.plugin.openfold.features.FeatureArray;
import io.timelapse.plugin.openfold.model.AlphaFold;
import io.timelapse.plugin.openfold.model.config.AlphaFoldConfig;
import io.timelapse.plugin.openfold.model.loss.AlphaFoldLoss;
import io.timelapse.plugin.openfold.model.loss.LossTerm;
import io.timelapse.plugin.openfold.model.loss.PlddtLoss;
import io.timelapse.plugin.openfold.model.loss.WeightedLoss;
import io.timelapse.plugin.openfold.residue.AtomTypes;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenFold's training step on one graph: feature placeholders with the trailing recycling axis, AlphaFold in
 * training mode (dropout masks drawn from the step counter), {@link AlphaFoldLoss} on the last recycling slice
 * (zero-weight terms not built), gradients of the total loss clipped by global norm and one Adam update. One session
 * run per step ({@link #run}) returns the loss, every term, the gradient norm and the lDDT-Cα of the prediction.
 * {@link #evaluate} runs the same weights without dropout and returns the predicted structure.
 */
public final class TrainingStep {

    /** The features the loss reads (one slice), besides those of the model. */
    public static final List<String> LOSS_FEATURES = List.of("aatype", "residue_index", "seq_length", "seq_mask", "all_atom_positions",
            "all_atom_mask", "resolution", "use_clamped_fape", "true_msa", "bert_mask", "chi_mask", "chi_angles_sin_cos", "pseudo_beta",
            "pseudo_beta_mask", "atom37_atom_exists", "atom14_atom_exists", "atom14_gt_positions", "atom14_alt_gt_positions",
            "atom14_gt_exists", "atom14_alt_gt_exists", "atom14_atom_is_ambiguous", "backbone_rigid_tensor", "backbone_rigid_mask",
            "rigidgroups_gt_frames", "rigidgroups_alt_gt_frames", "rigidgroups_gt_exists");

    private static final int CA = AtomTypes.CA;
    private static final String EXPERIMENTALLY_RESOLVED_HEAD = "aux_heads.experimentally_resolved.";
    private static final List<String> TRUTH = List.of("all_atom_positions", "all_atom_mask");

    /** What one step measured, before its update. */
    public record StepResult(long step, double loss, double unscaledLoss, Map<String, Double> terms, double gradientNorm,
            double learningRate, double lddtCa, List<String> warnings) {}

    /** A prediction without dropout: atom37 positions [N, 37, 3], their mask [N, 37], pLDDT [N] and lDDT-Cα to the truth. */
    public record Evaluation(double[] atomPositions, double[] atomMask, double[] plddt, double lddtCa) {}

    private final DType dtype;
    private final AlphaFold model;
    private final StepCounter counter;
    private final Map<String, Tensor> placeholders = new LinkedHashMap<>();
    private final Operation update;
    private final Map<String, Tensor> metrics = new LinkedHashMap<>();
    private final Map<LossTerm, Tensor> finite;
    private final Tensor evalPositions;
    private final Tensor evalMask;
    private final Tensor evalPlddt;
    private final Tensor evalLddt;

    /**
     * Builds the step for examples shaped like {@code shapes} (features, residues and recycling slices all fixed).
     */
    public TrainingStep(Graph graph, AlphaFoldConfig config, DType dtype, TrainingExample shapes, OptimizerSettings settings) {
        this.dtype = dtype;
        Ops ops = graph.ops();
        this.counter = StepCounter.create(graph);
        this.model = new AlphaFold(ops, config.model(), dtype);
        List<String> names = new ArrayList<>(model.required());
        LOSS_FEATURES.stream().filter(name -> !names.contains(name)).forEach(names::add);
        for (String name : names) {
            FeatureArray value = shapes.features().get(name);
            if (value == null) {
                throw new IllegalArgumentException("the training step needs the feature " + name + ", which the example lacks");
            }
            DType type = value.dtype() == FeatureArray.DType.INT32 ? DType.I32 : dtype;
            placeholders.put(name, ops.placeholder(name, type, Shape.of(java.util.Arrays.stream(value.shape()).asLongStream().toArray())));
        }
        AlphaFold.Output out = model.apply(placeholders, shapes.cycles(), counter.variable(), true);
        Map<String, Tensor> batch = new LinkedHashMap<>();
        for (String name : LOSS_FEATURES) {
            batch.put(name, lastSlice(ops, placeholders.get(name)));
        }
        WeightedLoss.Total total = new AlphaFoldLoss(ops, config.loss(), false).apply(batch, out.named(), shapes.residues()).total();
        this.finite = total.finite();
        List<Variable> parameters = trained(model, config);
        GradientClipping.Clipped clipped = GradientClipping.byGlobalNorm(ops, graph.gradients(total.loss(), parameters), settings.clipNorm());
        Adam adam = Adam.adam(graph, counter, settings.schedule(), settings.beta1(), settings.beta2(), settings.eps(), 0);
        this.update = adam.update(parameters, clipped.gradients());
        metrics.put("loss", total.loss());
        metrics.put("unscaled_loss", total.unscaledLoss());
        total.terms().forEach((term, value) -> metrics.put(term.openFoldName(), value));
        metrics.put("grad_norm", clipped.globalNorm());
        metrics.put("lr", adam.learningRate());
        metrics.put("lddt_ca", lddtCa(ops, out.finalAtomPositions(), batch));

        AlphaFold.Output eval = model.apply(placeholders, shapes.cycles(), null, false);
        Map<String, Tensor> truth = new LinkedHashMap<>();
        for (String name : TRUTH) {
            truth.put(name, lastSlice(ops, placeholders.get(name)));
        }
        this.evalPositions = eval.finalAtomPositions();
        this.evalMask = eval.finalAtomMask();
        this.evalPlddt = eval.heads().plddt();
        this.evalLddt = lddtCa(ops, evalPositions, truth);
    }

    /** The model, whose parameters carry OpenFold's names. */
    public AlphaFold model() {
        return model;
    }

    /** The number of completed steps; the optimizer increments it, and dropout masks are drawn from it. */
    public StepCounter stepCounter() {
        return counter;
    }

    /** The operation of one optimizer step (Adam on the clipped gradients, counting the step). */
    public Operation update() {
        return update;
    }

    /**
     * The scalars of a step by name, fetched with {@link #update}: {@code loss}, {@code unscaled_loss}, every built term by
     * OpenFold's name, {@code grad_norm} (before clipping), {@code lr} and {@code lddt_ca} of the training prediction.
     */
    public Map<String, Tensor> metrics() {
        return java.util.Collections.unmodifiableMap(metrics);
    }

    /** The feeds of {@code example}: every placeholder by name. */
    public Map<Tensor, HostTensor> feeds(TrainingExample example) {
        Map<Tensor, HostTensor> feeds = new LinkedHashMap<>();
        placeholders.forEach((name, placeholder) -> feeds.put(placeholder, example.tensor(name, dtype)));
        return feeds;
    }

    /** Runs one step on {@code example}: the metrics before the update, with a warning for each non-finite term. */
    public StepResult run(Session session, TrainingExample example) {
        long step = (long) session.read(counter.variable()).scalarValue();
        List<Tensor> fetches = new ArrayList<>(metrics.values());
        List<LossTerm> terms = new ArrayList<>(finite.keySet());
        terms.forEach(term -> fetches.add(finite.get(term)));
        try (Outputs out = session.run(feeds(example), fetches, List.of(update))) {
            Map<String, Double> values = new LinkedHashMap<>();
            int i = 0;
            for (String name : metrics.keySet()) {
                values.put(name, out.get(i++).scalarValue());
            }
            Map<LossTerm, HostTensor> flags = new EnumMap<>(LossTerm.class);
            for (LossTerm term : terms) {
                flags.put(term, out.get(i++));
            }
            Map<String, Double> termValues = new LinkedHashMap<>();
            finite.keySet().forEach(term -> termValues.put(term.openFoldName(), values.get(term.openFoldName())));
            return new StepResult(step, values.get("loss"), values.get("unscaled_loss"), termValues, values.get("grad_norm"),
                    values.get("lr"), values.get("lddt_ca"), WeightedLoss.Total.warnings(flags));
        }
    }

    /** Predicts {@code example} with the current weights and no dropout, scoring lDDT-Cα against its ground truth. */
    public Evaluation evaluate(Session session, TrainingExample example) {
        Map<Tensor, HostTensor> feeds = new LinkedHashMap<>();
        placeholders.forEach((name, placeholder) -> {
            if (model.required().contains(name) || TRUTH.contains(name)) {
                feeds.put(placeholder, example.tensor(name, dtype));
            }
        });
        try (Outputs out = session.run(feeds, List.of(evalPositions, evalMask, evalPlddt, evalLddt))) {
            return new Evaluation(out.get(0).toDoubles(), out.get(1).toDoubles(), out.get(2).toDoubles(), out.get(3).scalarValue());
        }
    }

    /**
     * The parameters the loss reaches: without the experimentally-resolved head while its weight is 0 (the term is not
     * built; OpenFold builds it, gets zero gradients and Adam leaves the head as it is, so the updates are the same).
     */
    private static List<Variable> trained(AlphaFold model, AlphaFoldConfig config) {
        boolean resolvedHead = AlphaFoldLoss.weights(config.loss()).get(LossTerm.EXPERIMENTALLY_RESOLVED) != 0;
        List<Variable> parameters = new ArrayList<>();
        model.parameters().forEach((name, variable) -> {
            if (resolvedHead || !name.startsWith(EXPERIMENTALLY_RESOLVED_HEAD)) {
                parameters.add(variable);
            }
        });
        return parameters;
    }

    /** The lDDT-Cα of the prediction over the residues whose Cα the truth has. */
    private static Tensor lddtCa(Ops ops, Tensor predicted, Map<String, Tensor> truth) {
        Tensor mask = truth.get("all_atom_mask");
        Tensor perResidue = PlddtLoss.openFold(ops).lddtCa(predicted, ops.cast(truth.get("all_atom_positions"), predicted.dtype()),
                ops.cast(mask, predicted.dtype()));
        Tensor ca = ops.cast(ops.squeeze(ops.split(mask, -1, CA, 1, AtomTypes.NUM_ATOM37 - CA - 1).get(1), -1), perResidue.dtype());
        Tensor score = ops.div(ops.sum(ops.mul(perResidue, ca), false), ops.add(ops.sum(ca, false), ops.scalar(1e-10, perResidue.dtype())));
        return ops.cast(score, DType.F64);
    }

    /** {@code t[..., -1]}: the last recycling slice, as OpenFold hands the batch to the loss. */
    private static Tensor lastSlice(Ops ops, Tensor t) {
        long[] dims = t.shape().dims();
        long[] begin = new long[dims.length];
        begin[dims.length - 1] = dims[dims.length - 1] - 1;
        dims[dims.length - 1] = 1;
        return ops.squeeze(ops.slice(t, begin, dims), dims.length - 1);
    }
}
