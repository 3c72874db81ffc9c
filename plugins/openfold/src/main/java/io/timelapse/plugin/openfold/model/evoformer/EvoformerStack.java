package io.timelapse.plugin.openfold.model.evoformer;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.lib.nn.Linear;
import io.timelapse.lib.nn.Module;
import io.timelapse.plugin.openfold.model.Axes;
import io.timelapse.plugin.openfold.model.OpenFoldInit;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenFold's {@code EvoformerStack} (AF2 Alg. 6 repeated): {@code blocks.<i>}, Evoformer blocks run in turn on
 * the MSA and pair representations, then {@code linear} projects the first MSA row to the single
 * representation {@code s [*, N, c_s]}.
 */
public final class EvoformerStack extends Module {

    private final List<EvoformerBlock> blocks = new ArrayList<>();
    private final Linear linear;

    public EvoformerStack(Ops ops, EvoformerBlock.Config config, EvoformerBlock.Dropouts dropouts, int blockCount, long cS,
            DType dtype) {
        super(ops);
        if (blockCount < 1) {
            throw new IllegalArgumentException(name() + ": the stack needs at least one block, not " + blockCount);
        }
        Ops blockScopes = ops.scope("blocks");
        for (int i = 0; i < blockCount; i++) {
            blocks.add(child(new EvoformerBlock(blockScopes.scope(Integer.toString(i)), config, dropouts, dtype)));
        }
        this.linear = child(OpenFoldInit.DEFAULT.linear(ops.scope("linear"), config.cM(), cS, true, dtype));
    }

    /**
     * The updated {@code m [*, S, N, c_m]} and {@code z [*, N, N, c_z]} and the single representation, under
     * {@code msaMask [*, S, N]} and {@code pairMask [*, N, N]} (null: no masking), with dropout when {@code training}
     * and the blocks' activations recomputed in the backward pass with {@code checkpoints} (null: kept).
     */
    public Output apply(Tensor m, Tensor z, Tensor msaMask, Tensor pairMask, Tensor step, boolean training,
            EvoformerBlock.Checkpoints checkpoints) {
        List<Tensor> out = EvoformerBlock.chain(blocks, m, z, msaMask, pairMask, step, training, checkpoints);
        return new Output(out.get(0), out.get(1), linear.apply(firstRow(ops(), out.get(0))));
    }

    /** The first row {@code m[..., 0, :, :]} [*, N, c_m] of an MSA representation [*, S, N, c_m]. */
    public static Tensor firstRow(Ops ops, Tensor m) {
        return Axes.select(ops, m, -3, 0);
    }

    /** The stack's MSA {@code m}, pair {@code z} and single {@code s} representations. */
    public record Output(Tensor m, Tensor z, Tensor s) {}
}
