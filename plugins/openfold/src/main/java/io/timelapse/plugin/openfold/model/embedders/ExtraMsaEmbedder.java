package io.timelapse.plugin.openfold.model.embedders;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.lib.nn.Linear;
import io.timelapse.lib.nn.Module;
import io.timelapse.plugin.openfold.model.OpenFoldInit;
import java.util.List;

/**
 * OpenFold's {@code ExtraMSAEmbedder} (AF2 Alg. 2 line 14): {@code linear} from the 25 extra-MSA features to
 * c_e. The features are built as OpenFold's {@code build_extra_msa_feat}: the one-hot of {@code extra_msa}
 * (23 classes) followed by {@code extra_has_deletion} and {@code extra_deletion_value}.
 */
public final class ExtraMsaEmbedder extends Module {

    /** Extra-MSA residue classes: 20 amino acids, X, gap and the BERT mask token. */
    public static final int MSA_CLASSES = 23;

    private final Linear linear;

    public ExtraMsaEmbedder(Ops ops, long cIn, long cOut, DType dtype) {
        super(ops);
        if (cIn != MSA_CLASSES + 2) {
            throw new IllegalArgumentException(name() + ": c_in must be " + (MSA_CLASSES + 2) + " (the extra-MSA features), not " + cIn);
        }
        this.linear = child(OpenFoldInit.DEFAULT.linear(ops.scope("linear"), cIn, cOut, true, dtype));
    }

    /** The embedded extra MSA {@code [*, S_e, N, c_e]} from {@code extra_msa [*, S_e, N]} (integer) and the deletion features. */
    public Tensor apply(Tensor extraMsa, Tensor hasDeletion, Tensor deletionValue) {
        return linear.apply(features(ops(), extraMsa, hasDeletion, deletionValue, linear.weight().dtype()));
    }

    /** OpenFold's {@code extra_msa_feat [*, S_e, N, 25]}. */
    public static Tensor features(Ops ops, Tensor extraMsa, Tensor hasDeletion, Tensor deletionValue, DType dtype) {
        if (!extraMsa.dtype().isInteger()) {
            throw new IllegalArgumentException("extra_msa_embedder: extra_msa must be integer, not " + extraMsa.dtype());
        }
        return ops.concat(-1, List.of(ops.oneHot(extraMsa, MSA_CLASSES, dtype), ops.expandDims(ops.cast(hasDeletion, dtype), -1),
                ops.expandDims(ops.cast(deletionValue, dtype), -1)));
    }
}
