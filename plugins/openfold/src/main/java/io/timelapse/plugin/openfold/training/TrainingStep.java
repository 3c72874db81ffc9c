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
import io.timelapse.lib.train.ActivationCheckpointing;
import io.timelapse.lib.train.Adam;
import io.timelapse.lib.train.ExponentialMovingAverage;
import io.timelapse.lib.train.GradientAccumulation;
import io.timelapse.lib.train.GradientClipping;
import io.timelapse.lib.train.StepCounter;
import io.timelapse.lib.train.TrainingLoop;
import io.timelapse.plugin.openfold.features.FeatureArray;
import io.timelapse.plugin.openfold.model.Axes;
import io.timelapse.plugin.openfold.model.alphafold.AlphaFold;
import io.timelapse.plugin.openfold.model.config.AlphaFoldConfig;
import io.timelapse.plugin.openfold.model.loss.AlphaFoldLoss;
import io.timelapse.plugin.openfold.model.loss.LossTerm;
import io.timelapse.plugin.openfold.model.loss.PlddtLoss;
import io.timelapse.plugin.openfold.model.loss.WeightedLoss;
import io.timelapse.plugin.openfold.residue.AtomTypes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * OpenFold's training step on one graph: feature placeholders with the trailing recycling axis, AlphaFold in
 * training mode (dropout masks drawn from the step counter), {@link AlphaFoldLoss} on the last recycling slice
 * (zero-weight terms not built), gradients of the total loss (with the blocks' activations recomputed in the backward
 * pass where {@code globals.blocks_per_ckpt} asks for it, as OpenFold trains) clipped by global norm and one Adam update. One session
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

    /** The prefix of the metrics that are 1 when a term was finite and 0 when it was replaced by 0. */
    public static final String FINITE = "finite.";

    private static final int CA = AtomTypes.CA;
    private static final long RECYCLING_SALT = 0x5EC7C1E5L;
    private static final List<String> TRUTH = List.of("all_atom_positions", "all_atom_mask");

    /** What one step measured, before its update, and how many cycles it ran. */
    public record StepResult(long step, int cycles, double loss, double unscaledLoss, Map<String, Double> terms, double gradientNorm,
            double learningRate, double lddtCa, List<String> warnings) {}

    /** A prediction without dropout: atom37 positions [N, 37, 3], their mask [N, 37], pLDDT [N] and lDDT-Cα to the truth. */
    public record Evaluation(double[] atomPositions, double[] atomMask, double[] plddt, double lddtCa) {}

    private final DType dtype;
    private final int examplesPerStep;
    private final ExponentialMovingAverage average;
    private final AlphaFold model;
    private final StepCounter counter;
    private final Map<String, Tensor> placeholders = new LinkedHashMap<>();
    /** The step for each number of cycles it may run, from 1 (or only the recycling axis' length) upwards. */
    private final Map<Integer, Variant> variants = new LinkedHashMap<>();
    private final int slices;
    private final Tensor evalPositions;
    private final Tensor evalMask;
    private final Tensor evalPlddt;
    private final Tensor evalLddt;

    /**
     * Builds the step for examples shaped like {@code shapes} (features, residues and recycling slices all fixed), one
     * example per step and no weight average.
     */
    public TrainingStep(Graph graph, AlphaFoldConfig config, DType dtype, TrainingExample shapes, OptimizerSettings settings) {
        this(graph, config, dtype, shapes, settings, 1, 0);
    }

    /**
     * Builds the step for examples shaped like {@code shapes}.
     *
     * @param examplesPerStep the batch: the step's gradient is the mean of this many examples' gradients (run one by one,
     *        {@link #loopVariants}' accumulate operations summing them), clipped and applied once
     * @param emaDecay the decay of the exponential moving average of the weights (OpenFold's 0.999), 0 for none
     */
    public TrainingStep(Graph graph, AlphaFoldConfig config, DType dtype, TrainingExample shapes, OptimizerSettings settings,
            int examplesPerStep, double emaDecay) {
        if (examplesPerStep < 1) {
            throw new IllegalArgumentException("a step needs at least one example, not " + examplesPerStep);
        }
        if (!(emaDecay >= 0 && emaDecay < 1)) {
            throw new IllegalArgumentException("the weight average's decay must be in [0, 1), not " + emaDecay);
        }
        this.dtype = dtype;
        this.examplesPerStep = examplesPerStep;
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
        this.slices = shapes.cycles();
        List<Variable> parameters = trainedParameters(model, config);
        Adam adam = Adam.adam(graph, counter, settings.schedule(), settings.beta1(), settings.beta2(), settings.eps(), 0);
        GradientAccumulation accumulation = examplesPerStep > 1 ? new GradientAccumulation(graph, parameters, examplesPerStep) : null;
        int fewest = config.data().uniformRecycling() ? 1 : slices;
        for (int cycles = fewest; cycles <= slices; cycles++) {
            variants.put(cycles, variant(graph, config, shapes.residues(), cycles, parameters, adam, accumulation, settings.clipNorm()));
        }
        this.average = emaDecay > 0 ? new ExponentialMovingAverage(graph, List.copyOf(model.parameters().values()), emaDecay) : null;

        AlphaFold.Output eval = model.apply(placeholders, shapes.cycles(), null, false);
        Map<String, Tensor> truth = new LinkedHashMap<>();
        for (String name : TRUTH) {
            truth.put(name, Axes.select(ops, placeholders.get(name), -1, slices - 1));
        }
        this.evalPositions = eval.finalAtomPositions();
        this.evalMask = eval.finalAtomMask();
        this.evalPlddt = eval.heads().plddt();
        this.evalLddt = lddtCa(ops, evalPositions, truth);
    }

    /** One step's graph, a number of cycles given: OpenFold truncates the recycling axis to it and takes its last slice. */
    private Variant variant(Graph graph, AlphaFoldConfig config, long residues, int cycles, List<Variable> parameters, Adam adam,
            GradientAccumulation accumulation, double clipNorm) {
        Ops ops = graph.ops();
        ActivationCheckpointing checkpointing = new ActivationCheckpointing(graph);
        AlphaFold.Output out = model.apply(placeholders, cycles, counter.variable(), true, checkpointing);
        Map<String, Tensor> batch = new LinkedHashMap<>();
        for (String name : LOSS_FEATURES) {
            batch.put(name, Axes.select(ops, placeholders.get(name), -1, cycles - 1));
        }
        WeightedLoss.Total total = new AlphaFoldLoss(ops, config.loss(), false).apply(batch, out.named(), residues).total();
        List<Tensor> gradients = checkpointing.gradients(total.loss(), parameters);
        GradientAccumulation.Pass pass = accumulation == null ? null : accumulation.pass(gradients);
        GradientClipping.Clipped clipped = GradientClipping.byGlobalNorm(ops, pass == null ? gradients : pass.meanGradients(), clipNorm);
        Map<String, Tensor> metrics = new LinkedHashMap<>();
        metrics.put("loss", total.loss());
        metrics.put("unscaled_loss", total.unscaledLoss());
        total.terms().forEach((term, value) -> metrics.put(term.openFoldName(), value));
        metrics.put("grad_norm", clipped.globalNorm());
        metrics.put("lr", adam.learningRate());
        metrics.put("lddt_ca", lddtCa(ops, out.finalAtomPositions(), batch));
        total.finite().forEach((term, flag) -> metrics.put(FINITE + term.openFoldName(), ops.cast(flag, DType.F64)));
        Operation update = adam.update(parameters, clipped.gradients());
        if (pass != null) {
            update = ops.group(List.of(update, pass.reset()));
        }
        return new Variant(update, Collections.unmodifiableMap(metrics), List.copyOf(total.terms().keySet()),
                pass == null ? null : pass.accumulate());
    }

    /**
     * The update of one number of cycles, the metrics fetched with it, the loss terms it built and, with several examples
     * per step, the operation that adds one example's gradients to the step's sum.
     */
    private record Variant(Operation update, Map<String, Tensor> metrics, List<LossTerm> builtTerms, Operation accumulate) {}

    /** The metrics of one example, averaged over a step's examples: all but the gradient norm and the learning rate. */
    private static Set<String> perExample(Map<String, Tensor> metrics) {
        Set<String> names = new LinkedHashSet<>(metrics.keySet());
        names.removeAll(List.of("grad_norm", "lr"));
        return names;
    }

    /** The number of examples whose mean gradient each step applies. */
    public int examplesPerStep() {
        return examplesPerStep;
    }

    /** The exponential moving average of the model's weights, if the step keeps one. */
    public Optional<ExponentialMovingAverage> average() {
        return Optional.ofNullable(average);
    }

    /**
     * Runs {@code evaluation} with the averaged weights in the model's parameters (or the weights as they are, without an
     * average), then puts the trained weights back exactly.
     */
    public <T> T withAveragedWeights(Session session, java.util.function.Supplier<T> evaluation) {
        if (average == null) {
            return evaluation.get();
        }
        List<Variable> parameters = List.copyOf(model.parameters().values());
        List<HostTensor> trained = session.read(parameters);
        Map<Variable, HostTensor> restore = new LinkedHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            restore.put(parameters.get(i), trained.get(i));
        }
        session.run(Map.of(), List.of(), List.of(average.copyToParameters())).close();
        try {
            return evaluation.get();
        } finally {
            session.assign(restore);
        }
    }

    /** The model, whose parameters carry OpenFold's names. */
    public AlphaFold model() {
        return model;
    }

    /** The number of completed steps; the optimizer increments it, and dropout masks are drawn from it. */
    public StepCounter stepCounter() {
        return counter;
    }

    /** The numbers of cycles a step may run: every one from 1 to the recycling axis' length with uniform recycling, else that length. */
    public List<Integer> cycleChoices() {
        return List.copyOf(variants.keySet());
    }

    /**
     * The number of cycles step {@code step} runs: drawn uniformly from {@link #cycleChoices} (as OpenFold's
     * {@code uniform_recycling} draws it per batch), a pure function of the step, so a resumed run draws the same.
     */
    public int cyclesAt(long step) {
        List<Integer> choices = cycleChoices();
        return choices.size() == 1 ? choices.get(0) : choices.get(new SplittableRandom(RECYCLING_SALT ^ step)
                .nextInt(choices.size()));
    }

    /**
     * The scalars of a step by name, fetched with its update when it runs {@code cycles} cycles: {@code loss},
     * {@code unscaled_loss}, every built term by OpenFold's name, {@code grad_norm} (before clipping), {@code lr},
     * {@code lddt_ca} of the training prediction and {@code finite.<term>} for every term (1, or 0 when it was not
     * finite and replaced by 0).
     */
    public Map<String, Tensor> metrics(int cycles) {
        return variant(cycles).metrics();
    }

    /** The operation of one optimizer step of {@code cycles} cycles (Adam on the clipped gradients, counting the step). */
    public Operation update(int cycles) {
        return variant(cycles).update();
    }

    /** Each number of cycles' update and metrics, as {@link TrainingLoop#builder()}'s variants, chosen by {@link #cyclesAt}. */
    public Map<Integer, TrainingLoop.Variant> loopVariants() {
        Map<Integer, TrainingLoop.Variant> loop = new LinkedHashMap<>();
        variants.forEach((cycles, variant) -> loop.put(cycles, new TrainingLoop.Variant(variant.update(), variant.metrics(),
                variant.accumulate(), variant.accumulate() == null ? Set.of() : perExample(variant.metrics()))));
        return loop;
    }

    private Variant variant(int cycles) {
        Variant variant = variants.get(cycles);
        if (variant == null) {
            throw new IllegalArgumentException("this training step runs " + cycleChoices() + " cycles, not " + cycles);
        }
        return variant;
    }

    /** The feeds of {@code example}: every placeholder by name. */
    public Map<Tensor, HostTensor> feeds(TrainingExample example) {
        Map<Tensor, HostTensor> feeds = new LinkedHashMap<>();
        placeholders.forEach((name, placeholder) -> feeds.put(placeholder, example.tensor(name, dtype)));
        return feeds;
    }

    /**
     * Runs one step on {@code example} with the number of cycles {@link #cyclesAt} draws for it: the metrics before the
     * update, with a warning for each non-finite term.
     */
    public StepResult run(Session session, TrainingExample example) {
        if (examplesPerStep > 1) {
            throw new IllegalStateException("a step of " + examplesPerStep + " examples runs through loopVariants(), not run()");
        }
        long step = (long) session.read(counter.variable()).scalarValue();
        int cycles = cyclesAt(step);
        Variant variant = variant(cycles);
        List<Tensor> fetches = new ArrayList<>(variant.metrics().values());
        try (Outputs out = session.run(feeds(example), fetches, List.of(variant.update()))) {
            Map<String, Double> values = new LinkedHashMap<>();
            int i = 0;
            for (String name : variant.metrics().keySet()) {
                values.put(name, out.get(i++).scalarValue());
            }
            Map<String, Double> terms = new LinkedHashMap<>();
            for (LossTerm term : variant.builtTerms()) {
                terms.put(term.openFoldName(), values.get(term.openFoldName()));
            }
            return new StepResult(step, cycles, values.get("loss"), values.get("unscaled_loss"), terms, values.get("grad_norm"),
                    values.get("lr"), values.get("lddt_ca"), warnings(values));
        }
    }

    /** One warning per loss term whose {@code finite.<term>} metric is 0, naming the term. */
    public static List<String> warnings(Map<String, Double> metrics) {
        Map<LossTerm, HostTensor> flags = new EnumMap<>(LossTerm.class);
        for (LossTerm term : LossTerm.values()) {
            Double flag = metrics.get(FINITE + term.openFoldName());
            if (flag != null) {
                flags.put(term, HostTensor.of(new boolean[] {flag != 0}));
            }
        }
        return WeightedLoss.Total.warnings(flags);
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

    /** The heads that only a loss term reads: with the term's weight 0 the term is not built and the head gets no gradient. */
    private static final Map<LossTerm, String> HEADS = Map.of(LossTerm.DISTOGRAM, "aux_heads.distogram.", LossTerm.MASKED_MSA,
            "aux_heads.masked_msa.", LossTerm.PLDDT, "aux_heads.plddt.", LossTerm.EXPERIMENTALLY_RESOLVED,
            "aux_heads.experimentally_resolved.");

    /**
     * The parameters the loss reaches: all but the heads of zero-weight terms (in {@code initial_training}, the
     * experimentally-resolved head). Such a term is not built; OpenFold builds it, gets zero gradients and Adam leaves the
     * head as it is, so the updates are the same.
     */
    public static List<Variable> trainedParameters(AlphaFold model, AlphaFoldConfig config) {
        List<String> idle = new ArrayList<>();
        AlphaFoldLoss.weights(config.loss()).forEach((term, weight) -> {
            if (weight == 0 && HEADS.containsKey(term)) {
                idle.add(HEADS.get(term));
            }
        });
        List<Variable> trained = new ArrayList<>();
        model.parameters().forEach((name, variable) -> {
            if (idle.stream().noneMatch(name::startsWith)) {
                trained.add(variable);
            }
        });
        return trained;
    }

    /** The lDDT-Cα of the prediction over the residues whose Cα the truth has. */
    private static Tensor lddtCa(Ops ops, Tensor predicted, Map<String, Tensor> truth) {
        Tensor mask = truth.get("all_atom_mask");
        Tensor perResidue = PlddtLoss.openFold(ops).lddtCa(predicted, ops.cast(truth.get("all_atom_positions"), predicted.dtype()),
                ops.cast(mask, predicted.dtype()));
        Tensor ca = ops.cast(Axes.select(ops, mask, -1, CA), perResidue.dtype());
        Tensor score = ops.div(ops.sum(ops.mul(perResidue, ca), false), ops.add(ops.sum(ca, false), ops.scalar(1e-10, perResidue.dtype())));
        return ops.cast(score, DType.F64);
    }
}
