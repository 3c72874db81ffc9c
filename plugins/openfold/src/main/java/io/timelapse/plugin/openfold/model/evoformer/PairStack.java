package io.timelapse.plugin.openfold.model.evoformer;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.lib.nn.Module;

/**
 * The pair half of OpenFold's Evoformer and extra-MSA blocks ({@code PairStack}, AF2 Alg. 6 lines 6–10):
 * triangle multiplication outgoing, incoming, triangle attention starting and ending node and the pair
 * transition, each update added to z in turn (eval mode, no dropout; unmasked transition).
 */
public final class PairStack extends Module {

    private final TriangleMultiplicativeUpdate triMulOut;
    private final TriangleMultiplicativeUpdate triMulIn;
    private final TriangleAttention triAttStart;
    private final TriangleAttention triAttEnd;
    private final Transition pairTransition;

    public PairStack(Ops ops, EvoformerBlock.Config config, DType dtype) {
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
    }

    /** The updated {@code z [*, N, N, c_z]} under {@code pairMask [*, N, N]} (null: no masking). */
    public Tensor apply(Tensor z, Tensor pairMask) {
        Ops ops = ops();
        z = ops.add(z, triMulOut.apply(z, pairMask));
        z = ops.add(z, triMulIn.apply(z, pairMask));
        z = ops.add(z, triAttStart.apply(z, pairMask));
        z = ops.add(z, triAttEnd.apply(z, pairMask));
        return ops.add(z, pairTransition.apply(z, null));
    }
}
