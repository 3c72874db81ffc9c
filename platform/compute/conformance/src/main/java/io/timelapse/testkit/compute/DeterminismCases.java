package io.timelapse.testkit.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The same seed gives bit-identical values in fresh graphs and sessions, and training learns. */
abstract class DeterminismCases {

    private static final int STEPS = 20;
    private static final int BATCH = 64;

    private final ComputeService compute;

    DeterminismCases(ComputeService compute) {
        this.compute = compute;
    }

    /** Every value the run produced, as raw float bits: initial parameters, random ops, dropout, losses, trained parameters. */
    private int[] run(long seed) {
        List<Float> values = new ArrayList<>();
        try (Graph graph = compute.newGraph(seed)) {
            TinyMlp mlp = new TinyMlp(graph, BATCH, 0.5, 0.25);
            Ops ops = graph.ops();
            List<Tensor> random = List.of(
                    ops.randomNormal(Shape.of(5, 7), DType.F32, 1, 2, 3),
                    ops.randomUniform(Shape.of(11), DType.F32, -1, 1, 3),
                    ops.truncatedNormal(Shape.of(13), DType.F32, 0, 1, 4),
                    ops.dropout(ops.ones(Shape.of(6, 6), DType.F32), 0.5, ops.constant(HostTensor.scalar(9L))));
            HostTensor[] batch = TinyMlp.batch(1, BATCH);
            Map<Tensor, HostTensor> feeds = Map.of(mlp.x, batch[0], mlp.labels, batch[1]);
            try (Session session = graph.newSession()) {
                session.initialize();
                session.read(new ArrayList<>(mlp.variables)).forEach(value -> add(values, value));
                try (Outputs out = session.run(Map.of(), random)) {
                    for (int i = 0; i < out.size(); i++) {
                        add(values, out.get(i));
                    }
                }
                for (int step = 0; step < STEPS; step++) {
                    try (Outputs out = session.run(feeds, List.of(mlp.loss), List.of(mlp.step))) {
                        add(values, out.get(0));
                    }
                }
                session.read(new ArrayList<>(mlp.variables)).forEach(value -> add(values, value));
            }
        }
        int[] bits = new int[values.size()];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = Float.floatToRawIntBits(values.get(i));
        }
        return bits;
    }

    private static void add(List<Float> values, HostTensor tensor) {
        for (float value : tensor.toFloats()) {
            values.add(value);
        }
    }

    @Test
    void sameSeedSameBits() {
        int[] first = run(1234);
        int[] second = run(1234);
        assertArrayEquals(first, second, "two fresh graphs with seed 1234 differ");
        int[] other = run(1235);
        assertFalse(Arrays.equals(first, other), "another seed must give other values");
    }

    @Test
    void trainingLowersTheLoss() {
        try (Graph graph = compute.newGraph(7)) {
            TinyMlp mlp = new TinyMlp(graph, BATCH, 0.5, 0);
            HostTensor[] batch = TinyMlp.batch(2, BATCH);
            Map<Tensor, HostTensor> feeds = Map.of(mlp.x, batch[0], mlp.labels, batch[1]);
            try (Session session = graph.newSession()) {
                session.initialize();
                double first;
                try (Outputs out = session.run(feeds, List.of(mlp.loss))) {
                    first = out.get(0).scalarValue();
                }
                for (int step = 0; step < 200; step++) {
                    session.run(feeds, List.of(), List.of(mlp.step)).close();
                }
                try (Outputs out = session.run(feeds, List.of(mlp.loss))) {
                    double last = out.get(0).scalarValue();
                    assertTrue(first > 1.2 && last < 0.3, "cross-entropy " + first + " -> " + last);
                }
            }
        }
    }

    /**
     * The float32 gradient of a tensor that many consumers read is the sum of their contributions; a backend whose
     * gradient builder adds them in an order that varies from build to build gives gradients that differ in the last
     * bits, and a resumed training run drifts from an uninterrupted one.
     */
    @Test
    void gradientsOfAFreshBuildOfTheSameGraphAreBitIdentical() {
        int[] first = gradientBits();
        for (int build = 1; build < 12; build++) {
            assertArrayEquals(first, gradientBits(), "build " + build + " of the same graph gives other gradient bits");
        }
    }

    /** x feeds nine consumers of very different scales, whose results meet in one concatenation of nine inputs. */
    private int[] gradientBits() {
        try (Graph graph = compute.newGraph(3)) {
            Ops ops = graph.ops();
            float[] points = new float[64];
            for (int i = 0; i < points.length; i++) {
                points[i] = (float) Math.sin(i * 0.37) * 3;
            }
            Tensor x = ops.constant(HostTensor.of(points, 64));
            List<Tensor> branches = new ArrayList<>();
            for (int k = 0; k < 9; k++) {
                Tensor scale = ops.scalar(Math.pow(10, k - 4) * (1 + k * 0.123), DType.F32);
                Tensor branch = k % 3 == 0 ? ops.mul(scale, ops.square(x)) : k % 3 == 1 ? ops.mul(scale, ops.sin(x)) : ops.mul(scale, x);
                branches.add(ops.reshape(branch, 1, 64));
            }
            Tensor loss = ops.sum(ops.mul(ops.concat(0, branches), ops.constant(HostTensor.of(weights(), 9, 64))), false);
            Tensor gradient = graph.gradients(loss, List.of(x)).get(0);
            try (Session session = graph.newSession(); Outputs out = session.run(Map.of(), List.of(gradient))) {
                float[] values = out.get(0).toFloats();
                int[] bits = new int[values.length];
                for (int i = 0; i < bits.length; i++) {
                    bits[i] = Float.floatToRawIntBits(values[i]);
                }
                return bits;
            }
        }
    }

    private static float[] weights() {
        float[] weights = new float[9 * 64];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) Math.cos(i * 0.71);
        }
        return weights;
    }
}
