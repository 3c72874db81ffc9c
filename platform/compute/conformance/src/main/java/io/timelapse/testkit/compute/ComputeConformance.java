package io.timelapse.testkit.compute;

import io.timelapse.api.compute.ComputeService;
import org.junit.jupiter.api.Nested;

/**
 * The conformance kit a compute backend runs against itself: extend this class in the backend's
 * tests and return the backend from {@link #compute()}; every suite below then runs against it. The
 * native-memory suite, {@link LeakConformance}, is extended apart, to run in a JVM of its own.
 *
 * <pre>{@code
 * class MyBackendConformanceTest extends ComputeConformance {
 *     static final ComputeService COMPUTE = new MyComputeService();
 *
 *     @Override
 *     protected ComputeService compute() {
 *         return COMPUTE;
 *     }
 * }
 * }</pre>
 */
public abstract class ComputeConformance {

    /** The backend under test; return one shared instance, as a process has one compute service. */
    protected abstract ComputeService compute();

    @Nested
    class GraphBasics extends GraphBasicsCases {
        GraphBasics() {
            super(ComputeConformance.this.compute());
        }
    }

    @Nested
    class Gradients extends GradientCases {
        Gradients() {
            super(ComputeConformance.this.compute());
        }
    }

    @Nested
    class ForwardValues extends ForwardValueCases {
        ForwardValues() {
            super(ComputeConformance.this.compute());
        }
    }

    @Nested
    class Sessions extends SessionCases {
        Sessions() {
            super(ComputeConformance.this.compute());
        }
    }

    @Nested
    class Determinism extends DeterminismCases {
        Determinism() {
            super(ComputeConformance.this.compute());
        }
    }
}
