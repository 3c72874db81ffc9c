package io.timelapse.api.compute;

import java.util.Arrays;

/** A tensor's dimensions; {@link #UNKNOWN_DIM} marks a dimension known only at run time. */
public final class Shape {

    public static final long UNKNOWN_DIM = -1;
    private static final Shape SCALAR = new Shape(new long[0], false);
    private static final Shape UNKNOWN_RANK = new Shape(new long[0], true);

    private final long[] dims;
    private final boolean unknownRank;

    private Shape(long[] dims, boolean unknownRank) {
        this.dims = dims;
        this.unknownRank = unknownRank;
    }

    public static Shape of(long... dims) {
        for (long dim : dims) {
            if (dim < UNKNOWN_DIM) {
                throw new IllegalArgumentException("dimensions are >= 0, or -1 for unknown: " + Arrays.toString(dims));
            }
        }
        return dims.length == 0 ? SCALAR : new Shape(dims.clone(), false);
    }

    public static Shape scalar() {
        return SCALAR;
    }

    /** A shape whose rank is not known until run time. */
    public static Shape unknown() {
        return UNKNOWN_RANK;
    }

    public boolean hasUnknownRank() {
        return unknownRank;
    }

    public int rank() {
        if (unknownRank) {
            throw new IllegalStateException("the rank of this shape is unknown");
        }
        return dims.length;
    }

    /** Dimension {@code axis}; a negative axis counts from the end. */
    public long dim(int axis) {
        return dims[axis < 0 ? dims.length + axis : axis];
    }

    public long[] dims() {
        return dims.clone();
    }

    public boolean isFullyKnown() {
        if (unknownRank) {
            return false;
        }
        for (long dim : dims) {
            if (dim == UNKNOWN_DIM) {
                return false;
            }
        }
        return true;
    }

    /** The number of elements; the shape must be fully known. */
    public long size() {
        if (!isFullyKnown()) {
            throw new IllegalStateException("shape " + this + " is not fully known");
        }
        long size = 1;
        for (long dim : dims) {
            size = Math.multiplyExact(size, dim);
        }
        return size;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Shape shape && shape.unknownRank == unknownRank && Arrays.equals(shape.dims, dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims) * 31 + (unknownRank ? 1 : 0);
    }

    @Override
    public String toString() {
        if (unknownRank) {
            return "[?]";
        }
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            text.append(i > 0 ? ", " : "").append(dims[i] == UNKNOWN_DIM ? "?" : Long.toString(dims[i]));
        }
        return text.append(']').toString();
    }
}
