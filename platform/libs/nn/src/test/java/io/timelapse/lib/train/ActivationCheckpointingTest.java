package io.timelapse.lib.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;
import io.timelapse.lib.nn.Dropout;
import io.timelapse.lib.nn.Linear;
import io.timelapse.lib.nn.TestCompute;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ActivationCheckpointingTest {

    private static final int BLOCKS = 3;

    /**
     * An embedding, three residual blocks with two inputs (one with dropout, whose mask must be drawn again alike), and a
     * head: the gradients of every parameter with and without checkpointing the blocks agree to rounding in float64.
     */
    @Test
    void recomputedSegmentsGiveTheSameGradients() {
        double[][] plain = gradients(false);
        double[][] checkpointed = gradients(true);
        assertEquals(plain.length, checkpointed.length);
        for (int i = 0; i < plain.length; i++) {
            assertArrayEquals(plain[i], checkpointed[i], 1e-12, "parameter " + i);
            assertTrue(Arrays.stream(plain[i]).anyMatch(g -> g != 0), "parameter " + i + " has a gradient");
        }
    }

    private static double[][] gradients(boolean checkpoint) {
        try (Graph graph = TestCompute.SERVICE.newGraph(3)) {
            Ops ops = graph.ops();
            Tensor x = ops.placeholder("x", DType.F64, Shape.of(5, 4));
            Tensor step = ops.placeholder("step", DType.I64, Shape.scalar());
            Linear embed = new Linear(ops.scope("embed"), 4, 6, true, DType.F64);
            List<Linear> left = new ArrayList<>();
            List<Linear> right = new ArrayList<>();
            List<Dropout> dropouts = new ArrayList<>();
            for (int b = 0; b < BLOCKS; b++) {
                left.add(new Linear(ops.scope("block" + b + "/left"), 6, 6, true, DType.F64));
                right.add(new Linear(ops.scope("block" + b + "/right"), 6, 6, false, DType.F64));
                dropouts.add(new Dropout(ops.scope("block" + b + "/dropout"), 0.3));
            }
            Linear head = new Linear(ops.scope("head"), 6, 1, true, DType.F64);
            ActivationCheckpointing checkpointing = new ActivationCheckpointing(graph);
            Tensor a = ops.tanh(embed.apply(x));
            Tensor c = ops.mul(a, a);
            for (int b = 0; b < BLOCKS; b++) {
                int block = b;
                Tensor mask = ops.constant(HostTensor.of(new double[] {1, 1, 0, 1, 1}, 5, 1));
                UnaryOperator<List<Tensor>> forward = in -> {
                    Tensor mixed = ops.add(in.get(0), ops.mul(mask, dropouts.get(block).apply(ops.tanh(left.get(block).apply(in.get(1))), step, true)));
                    return List.of(mixed, ops.add(in.get(1), ops.sigmoid(right.get(block).apply(mixed))));
                };
                List<Variable> parameters = new ArrayList<>(left.get(b).parameters().values());
                parameters.addAll(right.get(b).parameters().values());
                List<Tensor> out = checkpoint ? checkpointing.apply(List.of(a, c), parameters, forward) : forward.apply(List.of(a, c));
                a = out.get(0);
                c = out.get(1);
            }
            Tensor loss = ops.sum(ops.square(head.apply(ops.mul(a, c))), false);
            List<Variable> all = graph.variables();
            List<Tensor> grads = checkpoint ? checkpointing.gradients(loss, all) : graph.gradients(loss, all);
            assertEquals(checkpoint ? BLOCKS : 0, checkpointing.segments());
            double[] input = new double[20];
            for (int i = 0; i < input.length; i++) {
                input[i] = Math.sin(i + 1.0);
            }
            try (Session session = graph.newSession()) {
                session.initialize();
                try (Outputs out = session.run(Map.of(x, HostTensor.of(input, 5, 4), step, HostTensor.scalar(11L)), grads)) {
                    double[][] values = new double[grads.size()][];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = out.get(i).toDoubles();
                    }
                    return values;
                }
            }
        }
    }
}
