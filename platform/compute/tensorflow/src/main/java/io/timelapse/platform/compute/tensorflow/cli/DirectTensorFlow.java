package io.timelapse.platform.compute.tensorflow.cli;

import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.random.StatelessRandomNormal;
import org.tensorflow.types.TFloat32;

/** The reference side of the compute benchmark: the same work written directly against TensorFlow Java. */
final class DirectTensorFlow implements AutoCloseable {

    private final Graph graph = new Graph();
    private final Session session;
    private final org.tensorflow.Operand<TFloat32> product;
    private final org.tensorflow.Operand<TFloat32> tiny;
    private final Placeholder<TFloat32> x;

    DirectTensorFlow(int size) {
        Ops tf = Ops.create(graph);
        var shape = tf.constant(new long[] {size, size});
        StatelessRandomNormal<TFloat32> a = tf.random.statelessRandomNormal(shape, tf.constant(new long[] {1, 2}));
        StatelessRandomNormal<TFloat32> b = tf.random.statelessRandomNormal(shape, tf.constant(new long[] {3, 4}));
        var va = tf.variable(a);
        var vb = tf.variable(b);
        product = tf.sum(tf.linalg.matMul(va, vb), tf.constant(new int[] {0, 1}));
        x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        tiny = tf.math.add(x, tf.constant(1f));
        session = new Session(graph);
        session.initialize();
    }

    void matmul() {
        session.runner().fetch(product).run().close();
    }

    /** Like a caller with host data: the input tensor is created for the run and released after it. */
    void tinyRun() {
        try (TFloat32 input = TFloat32.scalarOf(1f)) {
            session.runner().feed(x, input).fetch(tiny).run().close();
        }
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }

}
