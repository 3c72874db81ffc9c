package io.timelapse.platform.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.lib.npy.Npy;
import io.timelapse.lib.npy.NpyArray;
import io.timelapse.platform.compute.tensorflow.TensorFlowComputeService;
import io.timelapse.platform.compute.tensorflow.runtime.ComputeSettings;
import io.timelapse.platform.lm.model.NeoXModels;
import io.timelapse.testdata.TinyGptNeox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The golden tiny GPT-NeoX model ({@link TinyGptNeox}: 2 layers, width 64, 4 heads, vocabulary 512,
 * 128 positions, rotary 0.25, parallel residual) and the one compute service of the test JVM.
 */
public final class Fixtures {

    public static final ComputeService COMPUTE = new TensorFlowComputeService(new ComputeSettings(-1, 2, 1, false));
    public static final NeoXModels MODELS = new NeoXModels(COMPUTE);
    public static final String MODEL_SHA256 = TinyGptNeox.MODEL_SHA256;

    private Fixtures() {}

    public static Path tiny() {
        return TinyGptNeox.directory();
    }

    public static Path tiny(String name) {
        return TinyGptNeox.file(name);
    }

    public static NpyArray npy(String name) {
        try {
            return Npy.read(tiny(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static HostTensor ids(String name) {
        NpyArray array = npy(name);
        return HostTensor.of(array.asIntArray(), array.shape());
    }

    /** A model directory in {@code dir} with the fixture's config and the given weight file as model.safetensors. */
    public static Path modelDir(Path dir, String weights) throws IOException {
        Files.createDirectories(dir);
        Files.copy(tiny("config.json"), dir.resolve("config.json"));
        Files.copy(tiny(weights), dir.resolve("model.safetensors"));
        return dir;
    }

    public static void assertClose(float[] expected, float[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": sizes");
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.length; i++) {
            double diff = Math.abs(expected[i] - actual[i]);
            if (!(diff <= worst)) {
                worst = diff;
                at = i;
            }
        }
        if (worst > tolerance) {
            throw new AssertionError(what + ": max |diff| " + worst + " at " + at + " (expected " + expected[at] + ", got " + actual[at] + ") > " + tolerance);
        }
    }

    public static void assertTokens(int[] expected, HostTensor actual, String what) {
        assertArrayEquals(expected, actual.toInts(), what);
    }
}
