package io.timelapse.plugin.memorization.cli;

import io.timelapse.api.data.TrainingData;
import io.timelapse.api.data.TrainingDataProvider;
import io.timelapse.lib.tokens.NpyTokenRows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Token rows a command's {@code --data} names: an {@code .npy} of rows, or a dataset the training-data service reads. */
final class TokenRowsSource {

    private final TrainingDataProvider provider;

    TokenRowsSource(TrainingDataProvider provider) {
        this.provider = provider;
    }

    static boolean isNpy(Path path) {
        return path.getFileName() != null && path.getFileName().toString().endsWith(".npy");
    }

    /** Opens {@code data} with {@code batch} rows a step; a path that is neither is a usage error naming {@code option}. */
    TrainingData open(CommandSpec spec, String option, Path data, int batch) throws IOException {
        if (isNpy(data)) {
            if (!Files.exists(data)) {
                throw new ParameterException(spec.commandLine(), option + " " + data + ": no such file or directory");
            }
            try {
                return NpyTokenRows.open(data, batch);
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), option + " " + e.getMessage(), e);
            }
        }
        if (!provider.accepts(data)) {
            throw new ParameterException(spec.commandLine(), option + " " + data + ": neither an .npy of token rows nor a "
                    + provider.layout() + " dataset");
        }
        return provider.open(data, batch);
    }

    /** The row length of the data at {@code path}, or {@code null} when it cannot be read. */
    Integer rowLength(Path path) {
        try (TrainingData rows = isNpy(path) ? NpyTokenRows.open(path, 1) : provider.accepts(path) ? provider.open(path, 1) : null) {
            return rows == null ? null : rows.rowLength();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The layout name recorded for {@code data}. */
    String layout(Path data) {
        return isNpy(data) ? NpyTokenRows.LAYOUT : provider.layout();
    }
}
