package io.timelapse.lib.nn;

import io.timelapse.api.compute.Shape;

/** Static reshape targets; the compute API reshapes to shapes known when the graph is built. */
final class Shapes {

    private Shapes() {}

    /** {@code shape} with its last axis replaced by {@code last}; at most one leading axis may be unknown (it becomes -1). */
    static long[] withLast(Shape shape, long last, String who) {
        long[] dims = shape.dims();
        dims[dims.length - 1] = last;
        checkOneUnknown(dims, dims.length - 1, shape, who);
        return dims;
    }

    /** The leading {@code count} dims of {@code shape} followed by {@code tail}. */
    static long[] leadingThen(Shape shape, int count, String who, long... tail) {
        long[] dims = new long[count + tail.length];
        for (int i = 0; i < count; i++) {
            dims[i] = shape.dim(i);
        }
        System.arraycopy(tail, 0, dims, count, tail.length);
        checkOneUnknown(dims, count, shape, who);
        return dims;
    }

    private static void checkOneUnknown(long[] dims, int leading, Shape shape, String who) {
        int unknown = 0;
        for (int i = 0; i < leading; i++) {
            if (dims[i] == Shape.UNKNOWN_DIM) {
                unknown++;
            }
        }
        if (unknown > 1) {
            throw new IllegalArgumentException(who + ": input shape " + shape
                    + " has more than one unknown leading dimension; give all but one of them at graph-build time");
        }
    }
}
