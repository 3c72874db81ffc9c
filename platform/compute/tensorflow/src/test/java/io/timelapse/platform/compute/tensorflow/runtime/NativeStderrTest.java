package io.timelapse.platform.compute.tensorflow.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Print;

/** Native writes to stderr are captured while the work runs, and only then. */
class NativeStderrTest {

    /** TensorFlow logs once per process when it first runs a graph; that happens here, not in a test. */
    @BeforeAll
    static void startTensorFlow() {
        NativeStderr.capture(() -> {
            printToStderr("start-up");
            return 0;
        });
    }

    @Test
    void capturesWhatTensorFlowWritesToStderrMeanwhile() {
        NativeStderr.Captured<Integer> captured = NativeStderr.capture(() -> {
            printToStderr("written natively while captured");
            return 42;
        });
        assertEquals(42, captured.value());
        assertEquals("written natively while captured\n", captured.text());
    }

    @Test
    void stderrIsRestoredAfterwards() {
        NativeStderr.capture(() -> {
            printToStderr("first");
            return 0;
        });
        // A capture starts only from the stream writing to descriptor 2 again.
        NativeStderr.Captured<Integer> next = NativeStderr.capture(() -> {
            printToStderr("second");
            return 1;
        });
        assertEquals("second\n", next.text());
    }

    @Test
    void failingWorkIsRethrownWithStderrRestored() {
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> NativeStderr.capture(() -> {
            throw new IllegalStateException("the work failed");
        }));
        assertEquals("the work failed", failure.getMessage());
        assertEquals("after\n", NativeStderr.capture(() -> {
            printToStderr("after");
            return 0;
        }).text());
    }

    /** TensorFlow's Print kernel writes with std::cerr, as TensorFlow's C++ code does. */
    private static void printToStderr(String text) {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Print print = tf.print(tf.constant(text), Print.outputStream("stderr"));
            session.run(print);
        }
    }
}
