package io.timelapse.api.compute;

/** A symbolic value in a graph: the output of an operation, known at run time. */
@org.osgi.annotation.versioning.ProviderType
public interface Tensor {

    DType dtype();

    /** The statically known shape; dimensions known only at run time are {@link Shape#UNKNOWN_DIM}. */
    Shape shape();

    Operation op();

    default String name() {
        return op().name();
    }
}
