package io.timelapse.testdata;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The tiny GPT-NeoX golden model and its reference outputs ({@code gpt-neox-tiny/README.md} in
 * this module's resources says what each file is and how it was made), as real files: weight files
 * are memory-mapped, so tests need them on disk, not inside a jar.
 */
public final class TinyGptNeox {

    /** Every file of the fixture. */
    public static final List<String> FILES = List.of("README.md", "config.json", "expected.json", "model.safetensors",
            "model.fp16.safetensors", "inputs.npy", "prefixes.npy", "true_continuations.npy", "logits.npy", "logits_fp16weights.npy",
            "hidden_states_seq0.npy", "inputs_long.npy", "logits_long.npy", "greedy_plain.npy", "greedy_eos_suppressed.npy",
            "scores_plain.npy", "scores_eos_suppressed.npy", "teacher_forced_argmax.npy");
    /** sha256sum of model.safetensors. */
    public static final String MODEL_SHA256 = "dfe6a2473afa2176ac0cc1b823e300d96d362ff0f6a7bad8cf569f8a6385d16b";

    private static Path directory;

    private TinyGptNeox() {}

    /** A directory with every file of the fixture, written once per JVM and deleted when it exits; treat it as read-only. */
    public static synchronized Path directory() {
        if (directory == null) {
            try {
                Path copy = Files.createTempDirectory("gpt-neox-tiny");
                copy.toFile().deleteOnExit();
                for (String name : FILES) {
                    File file = copy.resolve(name).toFile();
                    try (InputStream in = TinyGptNeox.class.getResourceAsStream("gpt-neox-tiny/" + name)) {
                        if (in == null) {
                            throw new IllegalStateException("the test data jar lacks gpt-neox-tiny/" + name);
                        }
                        Files.copy(in, file.toPath());
                    }
                    file.deleteOnExit();
                }
                directory = copy;
            } catch (IOException e) {
                throw new UncheckedIOException("could not copy the tiny GPT-NeoX fixture to a temporary directory", e);
            }
        }
        return directory;
    }

    /** One file of the fixture, by its name in {@link #FILES}. */
    public static Path file(String name) {
        if (!FILES.contains(name)) {
            throw new IllegalArgumentException("the tiny GPT-NeoX fixture has no file " + name + "; it has " + FILES);
        }
        return directory().resolve(name);
    }
}
