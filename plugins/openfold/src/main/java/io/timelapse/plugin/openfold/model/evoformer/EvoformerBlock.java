package io.timelapse.plugin.openfold.model.evoformer;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;
import io.timelapse.lib.train.ActivationCheckpointing;
import io.timelapse.lib.nn.Module;
import io.timelapse.plugin.openfold.model.SharedDropout;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * OpenFold's {@code EvoformerBlock} (AF2 Alg. 6) and {@code ExtraMSABlock} (Alg. 18's block) in the monomer
 * order ({@code opm_first=False}) and eval mode: each module's update is added to its input in turn — MSA row
 * attention with pair bias, MSA column attention (global in the extra-MSA block), MSA transition on m; then
 * the outer product mean of the new m and the {@link PairStack} on z. The transitions are unmasked
 * ({@code _mask_trans=False}). In training, OpenFold's rowwise MSA dropout is applied to the row attention's
 * update and the pair stack's dropout to its triangle updates; evaluation (OpenFold's eval mode) has none.
 */
public final class EvoformerBlock extends Module {

    /** OpenFold's default eps of the outer product mean, which neither block overrides. */
    public static final double OPM_EPS = 1e-3;

    private final MsaRowAttentionWithPairBias msaAttRow;
    private final MsaColumnUpdate msaAttCol;
    private final Transition msaTransition;
    private final OuterProductMean outerProductMean;
    private final PairStack pairStack;
    private final SharedDropout msaDropout;

    /** An Evoformer block of the main stack, with (row-wise) MSA column attention and OpenFold's dropout rates. */
    public EvoformerBlock(Ops ops, Config config, DType dtype) {
        this(ops, config, Dropouts.OPENFOLD, dtype);
    }

    /** An Evoformer block of the main stack, with (row-wise) MSA column attention. */
    public EvoformerBlock(Ops ops, Config config, Dropouts dropouts, DType dtype) {
        this(ops, config, dropouts, dtype, scope -> new MsaColumnAttention(scope, "msa_att_col", config.cM(),
                config.cHiddenMsaAtt(), config.headsMsa(), config.inf(), dtype));
    }

    /** A block of the extra-MSA stack with OpenFold's dropout rates. */
    public static EvoformerBlock extraMsa(Ops ops, Config config, double eps, DType dtype) {
        return extraMsa(ops, config, Dropouts.OPENFOLD, eps, dtype);
    }

    /** A block of the extra-MSA stack, whose column attention is global with {@code eps} in its masked mean. */
    public static EvoformerBlock extraMsa(Ops ops, Config config, Dropouts dropouts, double eps, DType dtype) {
        return new EvoformerBlock(ops, config, dropouts, dtype, scope -> new MsaColumnGlobalAttention(scope.scope("msa_att_col"),
                config.cM(), config.cHiddenMsaAtt(), config.headsMsa(), config.inf(), eps, dtype));
    }

    private <C extends Module & MsaColumnUpdate> EvoformerBlock(Ops ops, Config config, Dropouts dropouts, DType dtype,
            Function<Ops, C> columnAttention) {
        super(ops);
        this.msaAttRow = child(new MsaRowAttentionWithPairBias(ops.scope("msa_att_row"), config.cM(), config.cZ(),
                config.cHiddenMsaAtt(), config.headsMsa(), config.inf(), dtype));
        this.msaAttCol = child(columnAttention.apply(ops));
        this.msaTransition = child(new Transition(ops.scope("msa_transition"), config.cM(), config.transitionN(), dtype));
        this.outerProductMean = child(new OuterProductMean(ops.scope("outer_product_mean"), config.cM(), config.cZ(),
                config.cHiddenOpm(), OPM_EPS, dtype));
        this.pairStack = child(new PairStack(ops.scope("pair_stack"), config, dropouts.pair(), dtype));
        this.msaDropout = new SharedDropout(ops.scope("msa_dropout"), dropouts.msa(), SharedDropout.Sharing.ROWWISE);
    }

    /**
     * The updated {@code m [*, S, N, c_m]} and {@code z [*, N, N, c_z]}, in that order, under
     * {@code msaMask [*, S, N]} and {@code pairMask [*, N, N]} (null: no masking).
     */
    public List<Tensor> apply(Tensor m, Tensor z, Tensor msaMask, Tensor pairMask) {
        return apply(m, z, msaMask, pairMask, null, false);
    }

    /** As {@link #apply(Tensor, Tensor, Tensor, Tensor)}, with dropout when {@code training} (masks a function of {@code step}). */
    public List<Tensor> apply(Tensor m, Tensor z, Tensor msaMask, Tensor pairMask, Tensor step, boolean training) {
        Ops ops = ops();
        m = ops.add(m, msaDropout.apply(msaAttRow.apply(m, z, msaMask), step, training));
        m = ops.add(m, msaAttCol.apply(m, msaMask));
        m = ops.add(m, msaTransition.apply(m, null));
        z = ops.add(z, outerProductMean.apply(m, msaMask));
        return List.of(m, pairStack.apply(z, pairMask, step, training));
    }

    /** The dropout rates: rowwise on the MSA row attention's update, and on the pair stack's triangle updates. */
    public record Dropouts(double msa, double pair) {
        /** OpenFold's rates for both stacks: MSA 0.15, pair 0.25. */
        public static final Dropouts OPENFOLD = new Dropouts(0.15, 0.25);
        /** No dropout. */
        public static final Dropouts NONE = new Dropouts(0, 0);
    }

    /**
     * {@code m} and {@code z} through {@code blocks} in order, each block's outputs the next one's inputs; returns
     * the last {@code m} and {@code z}. With {@code checkpoints} (null: none), each run of
     * {@link Checkpoints#blocksPerSegment} blocks is one segment whose activations the backward pass recomputes.
     */
    static List<Tensor> chain(List<EvoformerBlock> blocks, Tensor m, Tensor z, Tensor msaMask, Tensor pairMask, Tensor step,
            boolean training, Checkpoints checkpoints) {
        List<Tensor> out = List.of(m, z);
        int perSegment = checkpoints == null ? blocks.size() : checkpoints.blocksPerSegment();
        for (int first = 0; first < blocks.size(); first += perSegment) {
            List<EvoformerBlock> segment = blocks.subList(first, Math.min(first + perSegment, blocks.size()));
            UnaryOperator<List<Tensor>> forward = in -> {
                List<Tensor> x = in;
                for (EvoformerBlock block : segment) {
                    x = block.apply(x.get(0), x.get(1), msaMask, pairMask, step, training);
                }
                return x;
            };
            if (checkpoints == null) {
                out = forward.apply(out);
            } else {
                List<Variable> parameters = new ArrayList<>();
                segment.forEach(block -> parameters.addAll(block.parameters().values()));
                out = checkpoints.segments().apply(out, parameters, forward);
            }
        }
        return out;
    }

    /**
     * Activation checkpoints over a stack's blocks, as OpenFold's {@code blocks_per_ckpt} sets them in training: every
     * {@code blocksPerSegment} blocks are a segment of {@code segments}.
     */
    public record Checkpoints(ActivationCheckpointing segments, int blocksPerSegment) {
        public Checkpoints {
            if (blocksPerSegment < 1) {
                throw new IllegalArgumentException("a checkpoint holds at least one block, not " + blocksPerSegment);
            }
        }
    }

    /** The block's sizes, named as OpenFold's {@code EvoformerBlock} arguments. */
    public record Config(long cM, long cZ, long cHiddenMsaAtt, long cHiddenOpm, long cHiddenMul, long cHiddenPairAtt,
            long headsMsa, long headsPair, long transitionN, double inf) {}
}
