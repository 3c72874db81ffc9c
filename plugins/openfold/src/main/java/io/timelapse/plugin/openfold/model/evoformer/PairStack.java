package io.timelapse.plugin.openfold.model.evoformer;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.lib.nn.Module;
import io.timelapse.plugin.openfold.model.SharedDropout;
import io.timelapse.plugin.openfold.model.SharedDropout.Sharing;

/**
 * The pair half of OpenFold's Evoformer and extra-MSA blocks ({@code PairStack}, AF2 Alg. 6 lines 6–10):
 * triangle multiplication outgoing, incoming, triangle attention starting and ending node and the pair
 * transition, each update added to z in turn (unmasked transition). In training, OpenFold's pair dropout is
 * applied to the four triangle updates: rowwise on both multiplications and the starting-node attention, and
 * columnwise on the ending-node attention (OpenFold's rowwise dropout on the transposed pair).
 */
public final class PairStack extends Module {

    private final TriangleMultiplicativeUpdate triMulOut;
    private final TriangleMultiplicativeUpdate triMulIn;
    private final TriangleAttention triAttStart;
    private final TriangleAttention triAttEnd;
    private final Transition pairTransition;
    private final SharedDropout triMulOutDropout;
    private final SharedDropout triMulInDropout;
    private final SharedDropout triAttStartDropout;
    private final SharedDropout triAttEndDropout;

    /** A pair stack with OpenFold's pair dropout rate, {@link EvoformerBlock.Dropouts#OPENFOLD}. */
    public PairStack(Ops ops, EvoformerBlock.Config config, DType dtype) {
        this(ops, config, EvoformerBlock.Dropouts.OPENFOLD.pair(), dtype);
    }

    public PairStack(Ops ops, EvoformerBlock.Config config, double dropout, DType dtype) {
        super(ops);
        long cZ = config.cZ();
        this.triMulOut = child(new TriangleMultiplicativeUpdate(ops.scope("tri_mul_out"),
                TriangleMultiplicativeUpdate.Direction.OUTGOING, cZ, config.cHiddenMul(), dtype));
        this.triMulIn = child(new TriangleMultiplicativeUpdate(ops.scope("tri_mul_in"),
                TriangleMultiplicativeUpdate.Direction.INCOMING, cZ, config.cHiddenMul(), dtype));
        this.triAttStart = child(new TriangleAttention(ops.scope("tri_att_start"), TriangleAttention.Node.STARTING, cZ,
                config.cHiddenPairAtt(), config.headsPair(), config.inf(), dtype));
        this.triAttEnd = child(new TriangleAttention(ops.scope("tri_att_end"), TriangleAttention.Node.ENDING, cZ,
                config.cHiddenPairAtt(), config.headsPair(), config.inf(), dtype));
        this.pairTransition = child(new Transition(ops.scope("pair_transition"), cZ, config.transitionN(), dtype));
        this.triMulOutDropout = new SharedDropout(ops.scope("tri_mul_out_dropout"), dropout, Sharing.ROWWISE);
        this.triMulInDropout = new SharedDropout(ops.scope("tri_mul_in_dropout"), dropout, Sharing.ROWWISE);
        this.triAttStartDropout = new SharedDropout(ops.scope("tri_att_start_dropout"), dropout, Sharing.ROWWISE);
        this.triAttEndDropout = new SharedDropout(ops.scope("tri_att_end_dropout"), dropout, Sharing.COLUMNWISE);
    }

    /** The updated {@code z [*, N, N, c_z]} under {@code pairMask [*, N, N]} (null: no masking). */
    public Tensor apply(Tensor z, Tensor pairMask) {
        return apply(z, pairMask, null, false);
    }

    /** As {@link #apply(Tensor, Tensor)}, with dropout when {@code training} (its masks a function of {@code step}). */
    public Tensor apply(Tensor z, Tensor pairMask, Tensor step, boolean training) {
        Ops ops = ops();
        z = ops.add(z, triMulOutDropout.apply(triMulOut.apply(z, pairMask), step, training));
        z = ops.add(z, triMulInDropout.apply(triMulIn.apply(z, pairMask), step, training));
        z = ops.add(z, triAttStartDropout.apply(triAttStart.apply(z, pairMask), step, training));
        z = ops.add(z, triAttEndDropout.apply(triAttEnd.apply(z, pairMask), step, training));
        return ops.add(z, pairTransition.apply(z, null));
    }
}
