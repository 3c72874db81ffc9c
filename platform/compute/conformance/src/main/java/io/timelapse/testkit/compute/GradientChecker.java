package io.timelapse.testkit.compute;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * Checks a graph's gradient against central finite differences in float64. The output y of the
 * function under test is projected on a random tensor r, L = Σ r·y; for every element of every
 * input, (L(x + h) − L(x − h)) / 2h must match dL/dx from {@code Graph.gradients} within
 * |numeric − analytic| ≤ RTOL·|analytic| + ATOL·max(1, max |analytic|).
 */
final class GradientChecker {

    static final double H = 1e-6;
    static final double RTOL = 1e-6;
    static final double ATOL = 1e-7;

    private final ComputeService compute;

    GradientChecker(ComputeService compute) {
        this.compute = compute;
    }

    /** Uniform values in [min, max]. */
    static HostTensor uniform(Random random, double min, double max, long... shape) {
        double[] values = new double[Math.toIntExact(Shape.of(shape).size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = min + (max - min) * random.nextDouble();
        }
        return HostTensor.fromDoubles(DType.F64, Shape.of(shape), values);
    }

    /** Values whose magnitude is in [min, max] with a random sign: away from kinks at 0. */
    static HostTensor awayFromZero(Random random, double min, double max, long... shape) {
        double[] values = uniform(random, min, max, shape).toDoubles();
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextBoolean() ? values[i] : -values[i];
        }
        return HostTensor.fromDoubles(DType.F64, Shape.of(shape), values);
    }

    /** The largest |numeric − analytic| relative to the tolerance (≤ 1 passes). */
    double check(String what, List<HostTensor> inputs, BiFunction<Ops, List<Tensor>, Tensor> function) {
        return check(what, inputs, function, H);
    }

    double check(String what, List<HostTensor> inputs, BiFunction<Ops, List<Tensor>, Tensor> function, double h) {
        try (Graph graph = compute.newGraph(11)) {
            Ops ops = graph.ops();
            List<Tensor> xs = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                xs.add(ops.placeholder("x" + i, DType.F64, inputs.get(i).shape()));
            }
            Tensor y = function.apply(ops, xs);
            Tensor projection = ops.placeholder("projection", DType.F64, Shape.unknown());
            Tensor loss = ops.sum(ops.mul(y, projection), false);
            List<Tensor> gradients = graph.gradients(loss, xs);
            try (Session session = graph.newSession()) {
                Map<Tensor, HostTensor> feeds = new HashMap<>();
                for (int i = 0; i < inputs.size(); i++) {
                    feeds.put(xs.get(i), inputs.get(i));
                }
                Shape outputShape;
                try (Outputs out = session.run(feeds, List.of(y))) {
                    outputShape = out.get(0).shape();
                    for (double value : out.get(0).toDoubles()) {
                        assertTrue(Double.isFinite(value), what + ": the output is not finite");
                    }
                }
                feeds.put(projection, uniform(new Random(what.hashCode()), -1, 1, outputShape.dims()));
                List<double[]> analytic = new ArrayList<>();
                try (Outputs out = session.run(feeds, gradients)) {
                    for (int i = 0; i < inputs.size(); i++) {
                        analytic.add(out.get(i).toDoubles());
                    }
                }
                double worst = 0;
                for (int i = 0; i < inputs.size(); i++) {
                    double[] base = inputs.get(i).toDoubles();
                    double scale = 1;
                    for (double value : analytic.get(i)) {
                        scale = Math.max(scale, Math.abs(value));
                    }
                    for (int j = 0; j < base.length; j++) {
                        double numeric = (lossWith(session, feeds, xs.get(i), inputs.get(i), base, j, h, loss)
                                - lossWith(session, feeds, xs.get(i), inputs.get(i), base, j, -h, loss)) / (2 * h);
                        double error = Math.abs(numeric - analytic.get(i)[j]);
                        double tolerance = RTOL * Math.abs(analytic.get(i)[j]) + ATOL * scale;
                        worst = Math.max(worst, error / tolerance);
                        if (!(error <= tolerance)) {
                            fail(what + ": d/dx" + i + "[" + j + "] is " + analytic.get(i)[j] + " by the graph, "
                                    + numeric + " by finite differences (error " + error + ", tolerance " + tolerance + ")");
                        }
                    }
                    feeds.put(xs.get(i), inputs.get(i));
                }
                return worst;
            }
        }
    }

    private static double lossWith(Session session, Map<Tensor, HostTensor> feeds, Tensor x, HostTensor input, double[] base,
                                   int element, double step, Tensor loss) {
        double[] moved = base.clone();
        moved[element] += step;
        feeds.put(x, HostTensor.fromDoubles(DType.F64, input.shape(), moved));
        try (Outputs out = session.run(feeds, List.of(loss))) {
            return out.get(0).scalarValue();
        }
    }
}
