package io.timelapse.platform.compute.tensorflow;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.testkit.compute.LeakConformance;
import java.util.Map;
import java.util.function.LongSupplier;
import org.bytedeco.javacpp.Pointer;

/** The conformance kit's native-memory suite against the TensorFlow backend, in a JVM of its own (surefire's native-memory run). */
class TensorFlowLeakTest extends LeakConformance {

    @Override
    protected ComputeService compute() {
        return TensorFlowConformanceTest.COMPUTE;
    }

    /** The tensors, buffers and statuses JavaCPP tracks, exactly. */
    @Override
    protected Map<String, LongSupplier> exactNativeCounters() {
        return Map.of("JavaCPP-tracked bytes", Pointer::totalBytes, "JavaCPP objects", Pointer::totalCount);
    }
}
