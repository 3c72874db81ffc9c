package io.timelapse.lib.nn;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Initializer;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;

/** PyTorch's {@code nn.Embedding}: rows of {@code weight [num, dim]}, initialised N(0, 1), picked by integer ids. */
public final class Embedding extends Module {

    private final long numEmbeddings;
    private final long embeddingDim;
    private final Variable weight;

    public Embedding(Ops ops, long numEmbeddings, long embeddingDim, DType dtype) {
        super(ops);
        this.numEmbeddings = numEmbeddings;
        this.embeddingDim = embeddingDim;
        this.weight = parameter("weight", dtype, Shape.of(numEmbeddings, embeddingDim), Initializer.normal(0, 1));
    }

    public Variable weight() {
        return weight;
    }

    public long numEmbeddings() {
        return numEmbeddings;
    }

    public long embeddingDim() {
        return embeddingDim;
    }

    /** {@code ids [...]} (I32 or I64) to vectors {@code [..., dim]}. */
    public Tensor apply(Tensor ids) {
        if (ids.dtype().isFloating()) {
            throw new IllegalArgumentException(name() + ": ids must be integers, got " + ids.dtype());
        }
        return ops().gather(weight, ids, 0);
    }
}
