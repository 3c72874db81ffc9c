package io.timelapse.platform.compute.tensorflow.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** TensorFlow's start-up log, captured from the GPU build on a machine without a GPU, read as records. */
class NativeLogTest {

    /** Standard error of {@code timelapse device} of the GPU build on a machine without NVIDIA driver, before the fix. */
    private static final String GPU_BUILD_WITHOUT_GPU = """
            2026-12-04 16:39:28.821620: E external/local_xla/xla/stream_executor/cuda/cuda_fft.cc:477] Unable to register cuFFT factory: \
            Attempting to register factory for plugin cuFFT when one has already been registered
            WARNING: All log messages before absl::InitializeLog() is called are written to STDERR
            E0000 00:00:1796402368.854113   15135 cuda_dnn.cc:8310] Unable to register cuDNN factory: \
            Attempting to register factory for plugin cuDNN when one has already been registered
            E0000 00:00:1796402368.863636   15135 cuda_blas.cc:1418] Unable to register cuBLAS factory: \
            Attempting to register factory for plugin cuBLAS when one has already been registered
            2026-12-04 16:39:29.064412: E external/local_xla/xla/stream_executor/cuda/cuda_driver.cc:152] failed call to cuInit: \
            INTERNAL: CUDA error: Failed call to cuInit: UNKNOWN ERROR (303)
            WARNING: All log messages before absl::InitializeLog() is called are written to STDERR
            I0000 00:00:1796402369.066096   15135 mlir_graph_optimization_pass.cc:401] MLIR V1 optimization pass is not enabled
            """;

    @Test
    void recordsOfBothFormatsWithSeverityAndSource() {
        List<NativeLog.Entry> entries = NativeLog.parse(GPU_BUILD_WITHOUT_GPU).entries();
        assertEquals(7, entries.size(), entries.toString());
        assertEquals(new NativeLog.Entry('E', "cuda_fft.cc:477", "Unable to register cuFFT factory: "
                + "Attempting to register factory for plugin cuFFT when one has already been registered"), entries.get(0));
        assertEquals(new NativeLog.Entry('E', "cuda_driver.cc:152",
                "failed call to cuInit: INTERNAL: CUDA error: Failed call to cuInit: UNKNOWN ERROR (303)"), entries.get(4));
        assertEquals(new NativeLog.Entry('I', "mlir_graph_optimization_pass.cc:401", "MLIR V1 optimization pass is not enabled"), entries.get(6));
    }

    @Test
    void onlyTheCudaFailureIsAWarning() {
        List<NativeLog.Entry> warnings = NativeLog.parse(GPU_BUILD_WITHOUT_GPU).warnings();
        assertEquals(1, warnings.size(), warnings.toString());
        assertEquals("\"failed call to cuInit: INTERNAL: CUDA error: Failed call to cuInit: UNKNOWN ERROR (303)\" (cuda_driver.cc:152)",
                warnings.get(0).quoted());
        assertEquals(true, warnings.get(0).aboutGpu());
    }

    @Test
    void continuationLinesJoinTheirRecordAndStrayOutputStandsAlone() {
        String text = """
                stray output before any record
                2026-12-04 16:42:56.303409: W tensorflow/core/platform/cpu_feature_guard.cc:210] This TensorFlow binary is optimized.
                To enable the following instructions: AVX2 FMA, rebuild TensorFlow.
                """;
        List<NativeLog.Entry> entries = NativeLog.parse(text).entries();
        assertEquals(List.of(new NativeLog.Entry('?', "", "stray output before any record"),
                new NativeLog.Entry('W', "cpu_feature_guard.cc:210",
                        "This TensorFlow binary is optimized.\nTo enable the following instructions: AVX2 FMA, rebuild TensorFlow.")), entries);
        assertEquals(entries, NativeLog.parse(text).warnings());
        assertEquals("cpu_feature_guard.cc:210: This TensorFlow binary is optimized.\nTo enable the following instructions: AVX2 FMA, "
                + "rebuild TensorFlow.", entries.get(1).toString());
    }

    @Test
    void nothingCapturedIsNoRecord() {
        assertEquals(List.of(), NativeLog.parse("").entries());
    }
}
