package io.timelapse.plugin.openfold.model.alphafold;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.lib.nn.Module;
import io.timelapse.lib.train.ActivationCheckpointing;
import io.timelapse.plugin.openfold.model.Axes;
import io.timelapse.plugin.openfold.model.config.ModelConfig;
import io.timelapse.plugin.openfold.model.embedders.Embeddings;
import io.timelapse.plugin.openfold.model.embedders.ExtraMsaEmbedder;
import io.timelapse.plugin.openfold.model.embedders.InputEmbedder;
import io.timelapse.plugin.openfold.model.embedders.RecyclingEmbedder;
import io.timelapse.plugin.openfold.model.evoformer.EvoformerBlock;
import io.timelapse.plugin.openfold.model.evoformer.EvoformerStack;
import io.timelapse.plugin.openfold.model.evoformer.ExtraMsaStack;
import io.timelapse.plugin.openfold.model.heads.AuxiliaryHeads;
import io.timelapse.plugin.openfold.model.structure.AllAtoms;
import io.timelapse.plugin.openfold.model.structure.StructureModule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * OpenFold's {@code AlphaFold} (AF2 Alg. 2), monomer with templates off: input and recycling embedders, the
 * extra-MSA embedder and stack, the Evoformer stack, the structure module and the auxiliary heads, under
 * OpenFold's state-dict names (build it on an unscoped {@link Ops}: {@code input_embedder.*}, {@code evoformer.*},
 * {@code structure_module.*}, {@code aux_heads.*}, ...).
 *
 * <p>Features are OpenFold's, by name, each with a trailing recycling axis R ({@link #FEATURES}); cycle c runs
 * on {@code t[..., c]}. Cycle 0 starts from zero m₁, z and atom positions; each cycle hands its first MSA row,
 * pair and final atom37 positions to the next with the gradient stopped, so only the last cycle contributes
 * gradient. The outputs are the last cycle's.
 */
public final class AlphaFold extends Module {

    /** The features the model reads, each with the trailing recycling axis. */
    public static final List<String> FEATURES = List.of("aatype", "target_feat", "residue_index", "msa_feat", "seq_mask", "msa_mask",
            "extra_msa", "extra_has_deletion", "extra_deletion_value", "extra_msa_mask");

    private static final String WHO = "alphafold";

    private final ModelConfig config;
    private final DType dtype;
    private final InputEmbedder inputEmbedder;
    private final RecyclingEmbedder recyclingEmbedder;
    private final ExtraMsaEmbedder extraMsaEmbedder;
    private final ExtraMsaStack extraMsaStack;
    private final EvoformerStack evoformer;
    private final StructureModule structureModule;
    private final AuxiliaryHeads auxHeads;
    private final AllAtoms allAtoms;

    public AlphaFold(Ops ops, ModelConfig config, DType dtype) {
        super(ops);
        this.config = config;
        this.dtype = dtype;
        ModelConfig.InputEmbedder ie = config.inputEmbedder();
        this.inputEmbedder = child(new InputEmbedder(ops.scope("input_embedder"), ie.tfDim(), ie.msaDim(), ie.cZ(), ie.cM(), ie.relposK(),
                dtype));
        ModelConfig.RecyclingEmbedder re = config.recyclingEmbedder();
        this.recyclingEmbedder = child(new RecyclingEmbedder(ops.scope("recycling_embedder"), re.cM(), re.cZ(), re.minBin(), re.maxBin(),
                re.noBins(), re.inf(), dtype));
        ModelConfig.ExtraMsa extra = config.extraMsa();
        if (extra.enabled()) {
            this.extraMsaEmbedder = child(new ExtraMsaEmbedder(ops.scope("extra_msa_embedder"), extra.cIn(), extra.cOut(), dtype));
            this.extraMsaStack = child(new ExtraMsaStack(ops.scope("extra_msa_stack"), block(extra.stack()), dropouts(extra.stack()),
                    extra.stack().noBlocks(), extra.stack().eps(), dtype));
        } else {
            this.extraMsaEmbedder = null;
            this.extraMsaStack = null;
        }
        ModelConfig.Stack evo = config.evoformerStack();
        this.evoformer = child(new EvoformerStack(ops.scope("evoformer"), block(evo), dropouts(evo), evo.noBlocks(), config.cS(), dtype));
        ModelConfig.StructureModule sm = config.structureModule();
        this.structureModule = child(new StructureModule(ops.scope("structure_module"), new StructureModule.Config(sm.cS(), sm.cZ(),
                sm.cIpa(), sm.cResnet(), sm.noHeadsIpa(), sm.noQkPoints(), sm.noVPoints(), sm.noBlocks(), sm.noTransitionLayers(),
                sm.noResnetBlocks(), sm.noAngles(), sm.transScaleFactor(), sm.epsilon(), sm.inf(), sm.dropoutRate()), dtype));
        this.auxHeads = child(new AuxiliaryHeads(ops.scope("aux_heads"), config.heads(), dtype));
        this.allAtoms = new AllAtoms(ops.scope("all_atoms"), dtype);
    }

    public ModelConfig config() {
        return config;
    }

    private static EvoformerBlock.Config block(ModelConfig.Stack stack) {
        return new EvoformerBlock.Config(stack.cM(), stack.cZ(), stack.cHiddenMsaAtt(), stack.cHiddenOpm(), stack.cHiddenMul(),
                stack.cHiddenPairAtt(), stack.noHeadsMsa(), stack.noHeadsPair(), stack.transitionN(), stack.inf());
    }

    private static EvoformerBlock.Dropouts dropouts(ModelConfig.Stack stack) {
        return new EvoformerBlock.Dropouts(stack.msaDropout(), stack.pairDropout());
    }

    /**
     * One placeholder per input feature, named, typed and shaped as its value, which is recorded in {@code feeds}: what
     * an evaluation-mode run on host features needs. Returns the placeholders by feature name.
     */
    public static Map<String, Tensor> placeholders(Ops ops, Map<String, HostTensor> inputs, Map<Tensor, HostTensor> feeds) {
        Map<String, Tensor> placeholders = new LinkedHashMap<>();
        inputs.forEach((name, value) -> {
            Tensor placeholder = ops.placeholder(name, value.dtype(), value.shape());
            placeholders.put(name, placeholder);
            feeds.put(placeholder, value);
        });
        return placeholders;
    }

    /** A number of cycles drawn uniformly from 1 to {@code maxCycles}, as OpenFold's {@code uniform_recycling} does per batch. */
    public static int sampleCycles(SplittableRandom random, int maxCycles) {
        if (maxCycles < 1) {
            throw new IllegalArgumentException("the number of recycling iterations must be at least 1, not " + maxCycles);
        }
        return 1 + random.nextInt(maxCycles);
    }

    /** {@link #apply(Map, int, Tensor, boolean)} over every slice of the recycling axis. */
    public Output apply(Map<String, Tensor> features, Tensor step, boolean training) {
        return apply(features, cycles(features), step, training);
    }

    /**
     * The model on {@code features} (OpenFold's names, each with the trailing recycling axis R), run for the first
     * {@code cycles} slices (1 ≤ cycles ≤ R). Dropout acts only when {@code training}, with masks drawn from
     * {@code step} (an integer scalar; null is allowed when not training) and the cycle: cycle c uses step·R + c.
     */
    public Output apply(Map<String, Tensor> features, int cycles, Tensor step, boolean training) {
        return apply(features, cycles, step, training, null);
    }

    /**
     * As {@link #apply(Map, int, Tensor, boolean)}, with the last cycle's Evoformer and extra-MSA blocks recorded as
     * segments of {@code checkpointing} ({@code globals.blocks_per_ckpt} blocks each) when it is given and the
     * configuration asks for checkpoints: then take the loss's gradients with
     * {@link ActivationCheckpointing#gradients}.
     */
    public Output apply(Map<String, Tensor> features, int cycles, Tensor step, boolean training, ActivationCheckpointing checkpointing) {
        int slices = cycles(features);
        if (cycles < 1 || cycles > slices) {
            throw new IllegalArgumentException(WHO + ": cycles must be from 1 to the recycling axis' " + slices + ", not " + cycles);
        }
        if (training && step == null) {
            throw new IllegalArgumentException(WHO + ": training needs a step for its dropout masks");
        }
        List<Recycled> handedOn = new ArrayList<>();
        Recycled previous = null;
        Cycle last = null;
        for (int c = 0; c < cycles; c++) {
            Tensor cycleStep = training ? cycleStep(step, slices, c) : step;
            EvoformerBlock.Checkpoints checkpoints = c == cycles - 1 && checkpointing != null && config.blocksPerCheckpoint() > 0
                    ? new EvoformerBlock.Checkpoints(checkpointing, config.blocksPerCheckpoint()) : null;
            last = cycle(slice(features, c), previous, cycleStep, training, checkpoints);
            previous = last.recycled();
            if (c < cycles - 1) {
                Ops ops = ops();
                previous = new Recycled(ops.stopGradient(previous.m1()), ops.stopGradient(previous.z()), ops.stopGradient(previous.x()));
                handedOn.add(previous);
            }
        }
        AuxiliaryHeads.Output heads = auxHeads.apply(last.sm().single(), last.z(), last.m(), last.s());
        return new Output(last.finalAtomPositions(), last.finalAtomMask(), last.sm(), last.s(), last.z(), last.m(), heads, handedOn);
    }

    private Cycle cycle(Map<String, Tensor> f, Recycled previous, Tensor step, boolean training, EvoformerBlock.Checkpoints checkpoints) {
        Ops ops = ops();
        Tensor aatype = f.get("aatype");
        Tensor seqMask = f.get("seq_mask");
        Tensor pairMask = ops.mul(ops.expandDims(seqMask, -1), ops.expandDims(seqMask, -2));
        Embeddings embedded = inputEmbedder.apply(f.get("target_feat"), f.get("residue_index"), f.get("msa_feat"));
        Tensor m = embedded.m();
        Tensor z = embedded.z();
        if (previous == null) {
            previous = zeros(z);
        }
        Embeddings recycled = recyclingEmbedder.apply(previous.m1(), previous.z(), allAtoms.pseudoBeta(previous.x(), aatype));
        m = addToFirstRow(m, recycled.m());
        z = ops.add(z, recycled.z());
        if (extraMsaStack != null) {
            Tensor extra = extraMsaEmbedder.apply(f.get("extra_msa"), f.get("extra_has_deletion"), f.get("extra_deletion_value"));
            z = extraMsaStack.apply(extra, z, f.get("extra_msa_mask"), pairMask, step, training, checkpoints);
        }
        EvoformerStack.Output evo = evoformer.apply(m, z, f.get("msa_mask"), pairMask, step, training, checkpoints);
        StructureModule.Output sm = structureModule.apply(evo.s(), evo.z(), aatype, seqMask, step, training);
        Tensor positions = allAtoms.atom14ToAtom37(lastBlock(sm.positions()), aatype);
        return new Cycle(evo.m(), evo.z(), evo.s(), sm, positions, allAtoms.atom37Exists(aatype, dtype),
                new Recycled(EvoformerStack.firstRow(ops, evo.m()), evo.z(), positions));
    }

    /** m with {@code row} [*, N, c_m] added to its first row (OpenFold's {@code m[..., 0, :, :] += row}). */
    private Tensor addToFirstRow(Tensor m, Tensor row) {
        long[] dims = m.shape().dims();
        int rows = dims.length - 3;
        long[][] padding = new long[dims.length][2];
        padding[rows][1] = dims[rows] - 1;
        return ops().add(m, ops().pad(ops().expandDims(row, rows), padding, 0));
    }

    private Recycled zeros(Tensor z) {
        long[] pair = z.shape().dims();
        long[] residues = Arrays.copyOf(pair, pair.length - 2);
        Ops ops = ops();
        return new Recycled(ops.zeros(Shape.of(Axes.leadingThen(residues, residues.length, config.evoformerStack().cM())), dtype),
                ops.zeros(Shape.of(pair), dtype), ops.zeros(Shape.of(Axes.leadingThen(residues, residues.length, 37, 3)), dtype));
    }

    private Tensor lastBlock(Tensor perBlock) {
        return Axes.select(ops(), perBlock, 0, -1);
    }

    /** The features of cycle {@code c}: each {@code t[..., c]}, floating-point ones in the model's dtype. */
    private Map<String, Tensor> slice(Map<String, Tensor> features, int c) {
        Ops ops = ops();
        Map<String, Tensor> cycle = new LinkedHashMap<>();
        for (String name : required()) {
            Tensor sliced = Axes.select(ops, features.get(name), -1, c);
            cycle.put(name, sliced.dtype().isFloating() && sliced.dtype() != dtype ? ops.cast(sliced, dtype) : sliced);
        }
        return cycle;
    }

    /** The features this model reads: {@link #FEATURES}, without the extra MSA's when it is disabled. */
    public List<String> required() {
        return extraMsaStack != null ? FEATURES : FEATURES.subList(0, FEATURES.indexOf("extra_msa"));
    }

    /** The length R of the recycling axis, checking that every required feature is there and agrees on it. */
    private int cycles(Map<String, Tensor> features) {
        long length = -1;
        for (String name : required()) {
            Tensor t = features.get(name);
            if (t == null) {
                throw new IllegalArgumentException(WHO + ": feature " + name + " is missing");
            }
            long r = t.shape().dim(-1);
            if (length >= 0 && r != length) {
                throw new IllegalArgumentException(WHO + ": feature " + name + " has " + r + " recycling iterations (its last axis), "
                        + "but aatype has " + length);
            }
            length = r;
        }
        return Math.toIntExact(length);
    }

    private Tensor cycleStep(Tensor step, int slices, int c) {
        Ops ops = ops();
        Tensor scaled = ops.mul(ops.cast(step, DType.I64), ops.constant(HostTensor.scalar((long) slices)));
        return ops.add(scaled, ops.constant(HostTensor.scalar((long) c)));
    }

    /** What one cycle hands to the next: the first MSA row m₁ [*, N, c_m], the pair z and the atom37 positions x [*, N, 37, 3]. */
    public record Recycled(Tensor m1, Tensor z, Tensor x) {}

    private record Cycle(Tensor m, Tensor z, Tensor s, StructureModule.Output sm, Tensor finalAtomPositions, Tensor finalAtomMask,
            Recycled recycled) {}

    /**
     * The last cycle's outputs, and what each earlier cycle handed on ({@code recycled}, gradient stopped).
     *
     * @param finalAtomPositions atom37 positions [*, N, 37, 3] in Å of the structure module's last block
     * @param finalAtomMask {@code atom37_atom_exists} [*, N, 37]
     * @param sm the structure module's outputs (OpenFold's {@code sm_*})
     * @param single the Evoformer's single representation [*, N, c_s]
     * @param pair the final pair representation [*, N, N, c_z]
     * @param msa the final MSA representation [*, S, N, c_m]
     */
    public record Output(Tensor finalAtomPositions, Tensor finalAtomMask, StructureModule.Output sm, Tensor single, Tensor pair, Tensor msa,
            AuxiliaryHeads.Output heads, List<Recycled> recycled) {

        /** The outputs under OpenFold's names, in OpenFold's order. */
        public Map<String, Tensor> named() {
            Map<String, Tensor> named = new LinkedHashMap<>();
            named.put("final_atom_positions", finalAtomPositions);
            named.put("final_atom_mask", finalAtomMask);
            named.put("sm_frames", sm.frames());
            named.put("sm_sidechain_frames", sm.sidechainFrames());
            named.put("sm_unnormalized_angles", sm.unnormalizedAngles());
            named.put("sm_angles", sm.angles());
            named.put("sm_positions", sm.positions());
            named.put("sm_states", sm.states());
            named.put("sm_single", sm.single());
            named.put("single", single);
            named.put("pair", pair);
            named.put("msa", msa);
            named.put("distogram_logits", heads.distogramLogits());
            named.put("masked_msa_logits", heads.maskedMsaLogits());
            named.put("lddt_logits", heads.lddtLogits());
            named.put("experimentally_resolved_logits", heads.experimentallyResolvedLogits());
            named.put("plddt", heads.plddt());
            return named;
        }
    }
}
