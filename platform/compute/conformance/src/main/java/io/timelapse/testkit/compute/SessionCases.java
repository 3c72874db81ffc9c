package io.timelapse.testkit.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Initializer;
import io.timelapse.api.compute.Operation;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Feeds, fetches, reads and assigns, and run errors that name the tensor and what was expected. The
 * memory measure is the backend's own {@link ComputeService#memory()}.
 */
abstract class SessionCases {

    private final ComputeService compute;

    SessionCases(ComputeService compute) {
        this.compute = compute;
    }

    @Test
    void closingFetchedOutputsReleasesTheirMemory() {
        try (Graph graph = compute.newGraph(0)) {
            Ops ops = graph.ops();
            Tensor scale = ops.placeholder("scale", DType.F32, Shape.scalar());
            Tensor big = ops.mul(ops.ones(Shape.of(4096, 4096), DType.F32), scale);
            try (Session session = graph.newSession()) {
                try (Outputs out = session.run(Map.of(scale, HostTensor.scalar(3f)), List.of(big))) {
                    assertEquals(3f, out.get(0).buffer().getFloat(4 * (4096 * 4096 - 1)));
                }
                // 20 fetches of 64 MB: without the release on close the process would grow by over a GB.
                long before = compute.memory().inUseBytes();
                for (int i = 0; i < 20; i++) {
                    session.run(Map.of(scale, HostTensor.scalar((float) i)), List.of(big)).close();
                }
                long growth = compute.memory().inUseBytes() - before;
                assertTrue(growth < 256L << 20, "closing the outputs must free them; the backend's memory grew by " + growth + " bytes");
            }
        }
    }

    @Test
    void readReturnsAnIndependentHeapCopy() {
        try (Graph graph = compute.newGraph(0)) {
            Ops ops = graph.ops();
            Variable v = ops.variable("v", DType.F64, Shape.of(3), Initializer.constant(2));
            try (Session session = graph.newSession()) {
                session.initialize();
                HostTensor copy = session.read(v);
                assertFalse(copy.buffer().isDirect());
                session.assign(v, HostTensor.of(new double[] {7, 8, 9}));
                assertArrayEquals(new double[] {2, 2, 2}, copy.toDoubles(), 0);
                assertArrayEquals(new double[] {7, 8, 9}, session.read(v).toDoubles(), 0);
            }
        }
    }

    /** Adam's update of a parameter and both moments, against the formula evaluated here in double. */
    @Test
    void applyAdamUpdatesTheParameterAndItsMoments() {
        double[] p = {1, -2, 0.5, 3};
        double[] m = {0.1, 0, -0.2, 0.05};
        double[] v = {0.01, 0.04, 0, 1e-6};
        double[] g = {0.3, -0.1, 0.2, -4};
        double beta1 = 0.9;
        double beta2 = 0.95;
        double step = 0.01;
        double eps = 1e-3;
        try (Graph graph = compute.newGraph(0)) {
            Ops ops = graph.ops();
            Variable parameter = ops.variable("p", DType.F64, Shape.of(4), Initializer.of(HostTensor.of(p, 4)));
            Variable first = ops.stateVariable("m", DType.F64, Shape.of(4), Initializer.of(HostTensor.of(m, 4)));
            Variable second = ops.stateVariable("v", DType.F64, Shape.of(4), Initializer.of(HostTensor.of(v, 4)));
            Operation update = ops.applyAdam(parameter, first, second, ops.constant(HostTensor.of(g, 4)), ops.scalar(step, DType.F64), beta1,
                    beta2, ops.scalar(eps, DType.F64));
            try (Session session = graph.newSession()) {
                session.initialize();
                session.run(Map.of(), List.of(), List.of(update)).close();
                double[] newP = session.read(parameter).toDoubles();
                double[] newM = session.read(first).toDoubles();
                double[] newV = session.read(second).toDoubles();
                for (int i = 0; i < 4; i++) {
                    double mi = m[i] + (1 - beta1) * (g[i] - m[i]);
                    double vi = v[i] + (1 - beta2) * (g[i] * g[i] - v[i]);
                    assertEquals(mi, newM[i], 1e-15, "m[" + i + "]");
                    assertEquals(vi, newV[i], 1e-15, "v[" + i + "]");
                    assertEquals(p[i] - step * mi / (Math.sqrt(vi) + eps), newP[i], 1e-14, "p[" + i + "]");
                }
            }
        }
    }

    @Test
    void feedingTheWrongDtypeOrShapeNamesThePlaceholder() {
        try (Graph graph = compute.newGraph(0)) {
            Ops ops = graph.ops().scope("model");
            Tensor x = ops.placeholder("tokens", DType.F64, Shape.of(Shape.UNKNOWN_DIM, 3));
            Tensor y = ops.sum(x, false);
            try (Session session = graph.newSession()) {
                IllegalArgumentException dtype = assertThrows(IllegalArgumentException.class,
                        () -> session.run(Map.of(x, HostTensor.of(new float[] {1, 2, 3}, 1, 3)), List.of(y)));
                assertTrue(dtype.getMessage().contains("model.tokens") && dtype.getMessage().contains("F64[?, 3]")
                        && dtype.getMessage().contains("F32[1, 3]"), dtype.getMessage());
                IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                        () -> session.run(Map.of(x, HostTensor.of(new double[] {1, 2, 3, 4}, 2, 2)), List.of(y)));
                assertTrue(shape.getMessage().contains("model.tokens") && shape.getMessage().contains("[2, 2]"), shape.getMessage());
                try (Outputs out = session.run(Map.of(x, HostTensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3)), List.of(y))) {
                    assertEquals(21, out.get(0).scalarValue(), "an unknown dimension takes any size");
                }
            }
        }
    }

    @Test
    void fetchingATensorOfAnotherGraphIsRefused() {
        try (Graph graph = compute.newGraph(0); Graph other = compute.newGraph(0)) {
            Tensor foreign = other.ops().identity(other.ops().scalar(1, DType.F32), "foreign");
            try (Session session = graph.newSession()) {
                IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> session.run(Map.of(), List.of(foreign)));
                assertTrue(error.getMessage().contains("foreign") && error.getMessage().contains("another graph"), error.getMessage());
                Tensor placeholder = other.ops().placeholder("input", DType.F32, Shape.scalar());
                IllegalArgumentException feed = assertThrows(IllegalArgumentException.class,
                        () -> session.run(Map.of(placeholder, HostTensor.scalar(1f)), List.of()));
                assertTrue(feed.getMessage().contains("input") && feed.getMessage().contains("another graph"), feed.getMessage());
            }
        }
    }

    @Test
    void runningAClosedSessionNamesWhatWasAsked() {
        try (Graph graph = compute.newGraph(0)) {
            Tensor answer = graph.ops().identity(graph.ops().scalar(42, DType.F32), "answer");
            Session session = graph.newSession();
            session.close();
            IllegalStateException error = assertThrows(IllegalStateException.class, () -> session.run(Map.of(), List.of(answer)));
            assertTrue(error.getMessage().contains("answer") && error.getMessage().contains("closed"), error.getMessage());
        }
    }

    @Test
    void runTimeErrorsAreWrappedWithTheFetches() {
        try (Graph graph = compute.newGraph(0)) {
            Ops ops = graph.ops();
            Variable w = ops.variable("w", DType.F32, Shape.of(2), Initializer.zeros());
            Tensor x = ops.placeholder("x", DType.F32, Shape.of(Shape.UNKNOWN_DIM));
            Tensor reshaped = ops.identity(ops.reshape(x, 2, 2), "square");
            try (Session session = graph.newSession()) {
                IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                        () -> session.run(Map.of(x, HostTensor.of(new float[] {1, 2, 3})), List.of(reshaped)));
                assertTrue(shape.getMessage().contains("running square failed"), shape.getMessage());
                IllegalStateException uninitialized = assertThrows(IllegalStateException.class, () -> session.read(w));
                assertTrue(uninitialized.getMessage().contains("w") && uninitialized.getMessage().contains("initialized"),
                        uninitialized.getMessage());
            }
        }
    }
}
