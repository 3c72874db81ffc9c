package io.timelapse.platform.lm.model;

import io.timelapse.api.lm.LmConfig;
import io.timelapse.lib.checkpoint.Checkpoint;
import io.timelapse.lib.safetensors.SafetensorsWriter;
import io.timelapse.platform.lm.config.NeoXConfigFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Exports training-loop checkpoints as Hugging Face model directories {@code step<N>/}. Each is
 * written in a hidden {@code .step<N>.partial/} and renamed into place, so a {@code step<N>/}
 * that exists is complete and a killed export leaves nothing a reader could load.
 */
final class StepExports {

    static final String WEIGHTS = "model.safetensors";

    private final Path out;
    private final LmConfig config;
    private final String configHash;

    /** Exports of the run whose checkpoints carry {@code configHash}; others are refused. */
    StepExports(Path out, LmConfig config, String configHash) {
        this.out = out;
        this.config = config;
        this.configHash = configHash;
    }

    /** The model directory of the checkpoint after {@code step} steps. */
    Path directory(long step) {
        return out.resolve("step" + step);
    }

    /** Writes {@code step<N>/} from {@code checkpointFile} unless it exists; returns whether it wrote it. */
    boolean export(long step, Path checkpointFile) throws IOException {
        Path target = directory(step);
        if (Files.exists(target)) {
            if (!Files.isRegularFile(target.resolve(WEIGHTS)) || !Files.isRegularFile(target.resolve(NeoXConfigFile.FILE_NAME))) {
                throw new IOException(target + ": an incomplete model directory (no " + WEIGHTS + " or " + NeoXConfigFile.FILE_NAME
                        + "); remove it to have step " + step + " exported again");
            }
            return false;
        }
        Path partial = out.resolve(".step" + step + ".partial");
        deleteTree(partial);
        Files.createDirectories(partial);
        try (Checkpoint checkpoint = Checkpoint.open(checkpointFile)) {
            checkpoint.requireConfigHash(configHash);
            checkpoint.verifyData();
            SafetensorsWriter writer = new SafetensorsWriter().metadata("format", "pt").metadata("step", Long.toString(step));
            for (String name : checkpoint.variableNames()) {
                if (name.startsWith("gpt_neox.") || name.startsWith("embed_out.")) {
                    writer.add(name, checkpoint.variable(name));
                }
            }
            writer.write(partial.resolve(WEIGHTS));
        }
        NeoXConfigFile.write(config, partial.resolve(NeoXConfigFile.FILE_NAME));
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    /** Removes what a killed export left behind. */
    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            List<Path> deepestFirst = paths.sorted(Comparator.reverseOrder()).toList();
            for (Path path : deepestFirst) {
                Files.delete(path);
            }
        }
    }
}
