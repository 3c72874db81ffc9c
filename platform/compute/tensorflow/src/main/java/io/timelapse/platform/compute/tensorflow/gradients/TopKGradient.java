package io.timelapse.platform.compute.tensorflow.gradients;

import java.util.List;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.op.RawCustomGradient;

/**
 * The values of top-k are elements of the input: their gradient is scattered back to the indices
 * the op chose (rows flattened so one ScatterNd does it). The indices and k have no gradient.
 */
final class TopKGradient implements RawCustomGradient {

    @Override
    public List<Operand<?>> call(Ops tf, GraphOperation op, List<Output<?>> gradients) {
        GradientGraph g = new GradientGraph(tf);
        Output<?> x = op.input(0);
        Output<?> k = op.input(1);
        Output<?> indices = op.output(1);
        Output<?> shape = g.op("Shape", x);
        Output<?> size = g.op("Size", x);
        Output<?> columns = g.node("StridedSlice", shape, g.ints(-1), g.ints(0), g.ints(1))
                .setAttr("end_mask", 1L).setAttr("shrink_axis_mask", 1L).build().output(0);
        Output<?> rows = g.op("FloorDiv", size, columns);
        Output<?> rowStarts = g.expandDims(g.op("Range", g.intScalar(0), size, columns), 1);
        Output<?> rowsByK = g.node("Pack").addInputList(new Output<?>[] {rows, k}).build().output(0);
        Output<?> flatIndices = g.reshape(g.add(g.reshape(indices, rowsByK), rowStarts), g.ints(-1, 1));
        Output<?> updates = g.reshape(g.gradientOf(op, 0, gradients), g.ints(-1));
        Output<?> flatSize = g.expandDims(size, 0);
        Output<?> dx = g.reshape(g.op("ScatterNd", flatIndices, updates, flatSize), shape);
        return List.of(dx, g.op("ZerosLike", k));
    }
}
