package io.timelapse.plugin.openfold.model.evoformer;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.lib.nn.Module;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenFold's {@code ExtraMSAStack} (AF2 Alg. 18): {@code blocks.<i>}, extra-MSA blocks run in turn on the
 * extra MSA and the pair representation; only the pair representation leaves the stack.
 */
public final class ExtraMsaStack extends Module {

    private final List<EvoformerBlock> blocks = new ArrayList<>();

    /** A stack with OpenFold's dropout rates. */
    public ExtraMsaStack(Ops ops, EvoformerBlock.Config config, int blockCount, double eps, DType dtype) {
        this(ops, config, EvoformerBlock.Dropouts.OPENFOLD, blockCount, eps, dtype);
    }

    public ExtraMsaStack(Ops ops, EvoformerBlock.Config config, EvoformerBlock.Dropouts dropouts, int blockCount, double eps,
            DType dtype) {
        super(ops);
        if (blockCount < 1) {
            throw new IllegalArgumentException(name() + ": the stack needs at least one block, not " + blockCount);
        }
        Ops blockScopes = ops.scope("blocks");
        for (int i = 0; i < blockCount; i++) {
            blocks.add(child(EvoformerBlock.extraMsa(blockScopes.scope(Integer.toString(i)), config, dropouts, eps, dtype)));
        }
    }

    /**
     * The updated {@code z [*, N, N, c_z]} from the extra MSA {@code m [*, S_e, N, c_m]} under {@code msaMask
     * [*, S_e, N]} and {@code pairMask [*, N, N]} (null: no masking).
     */
    public Tensor apply(Tensor m, Tensor z, Tensor msaMask, Tensor pairMask) {
        return apply(m, z, msaMask, pairMask, null, false, null);
    }

    /**
     * As {@link #apply(Tensor, Tensor, Tensor, Tensor)}, with dropout when {@code training} (masks a function of
     * {@code step}) and the blocks' activations recomputed in the backward pass with {@code checkpoints} (null: kept).
     */
    public Tensor apply(Tensor m, Tensor z, Tensor msaMask, Tensor pairMask, Tensor step, boolean training,
            EvoformerBlock.Checkpoints checkpoints) {
        return EvoformerBlock.chain(blocks, m, z, msaMask, pairMask, step, training, checkpoints).get(1);
    }
}
