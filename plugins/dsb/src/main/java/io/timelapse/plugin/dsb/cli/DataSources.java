package io.timelapse.plugin.dsb.cli;

import io.timelapse.api.data.TrainingDataProvider;
import io.timelapse.api.plugin.ServiceUnavailableException;
import io.timelapse.lib.npy.Npy;
import io.timelapse.lib.npy.NpyArray;
import io.timelapse.lib.tokens.NpyTokenRows;
import io.timelapse.plugin.dsb.ngram.data.MegatronTokens;
import io.timelapse.plugin.dsb.ngram.data.TokenSequences;
import io.timelapse.plugin.dsb.ngram.data.TokenStream;
import io.timelapse.plugin.dsb.ngram.data.TrainingRows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Opens the token data an option names, before any run starts, so that a file that cannot be read is a usage error
 * naming the option: an integer {@code .npy} (1-D stream or 2-D rows), a Megatron {@code .bin/.idx} pair, or a dataset
 * the training-data service reads.
 */
final class DataSources {

    private final CommandSpec spec;
    private final TrainingDataProvider provider;

    DataSources(CommandSpec spec, TrainingDataProvider provider) {
        this.spec = spec;
        this.provider = provider;
    }

    /** Any token data; {@code batch} is the training batch size, which only rows in training order use. */
    TokenSequences open(String option, Path path, int batch) {
        try {
            if (isNpy(path)) {
                NpyArray array = Npy.map(existing(option, path));
                return array.ndim() == 1 ? TokenStream.open(path, array) : new TrainingRows(NpyTokenRows.open(path, batch));
            }
            boolean pair = Files.isRegularFile(sibling(path, ".bin")) && Files.isRegularFile(sibling(path, ".idx"));
            if (!pair && providerAccepts(path)) {
                return new TrainingRows(provider.open(path, batch));
            }
            if (MegatronTokens.names(path)) {
                return MegatronTokens.open(path);
            }
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), option + " " + path + ": " + e.getMessage(), e);
        }
        existing(option, path);
        throw new ParameterException(spec.commandLine(), option + " " + path + ": neither an integer .npy of token ids, a Megatron .bin/.idx pair nor a "
                + "dataset an installed training-data service reads");
    }

    /** Whether the training-data service reads {@code path}; false when no plugin publishes one. */
    private boolean providerAccepts(Path path) {
        try {
            return provider.accepts(path);
        } catch (ServiceUnavailableException e) {
            return false;
        }
    }

    /** Rows in training order, as {@code --through-step} needs them. */
    TokenSequences openRows(String option, Path path, int batch) throws IOException {
        TokenSequences data = open(option, path, batch);
        String problem = null;
        if (data instanceof TokenStream) {
            problem = "a single token stream, not rows in training order; give the rows a run trained on ([rows, tokens])";
        } else if (data instanceof MegatronTokens megatron && megatron.commonLength() < 0) {
            problem = "a document dataset (items of different lengths), not rows in training order (a pre-shuffled dataset has equal rows)";
        }
        if (problem != null) {
            data.close();
            throw new ParameterException(spec.commandLine(), "--through-step needs rows in training order, but " + option + " " + path + " is " + problem);
        }
        return data;
    }

    private Path existing(String option, Path path) {
        if (!Files.exists(path)) {
            throw new ParameterException(spec.commandLine(), option + " " + path + ": no such file or directory");
        }
        return path;
    }

    private static boolean isNpy(Path path) {
        return path.getFileName() != null && path.getFileName().toString().endsWith(".npy");
    }

    private static Path sibling(Path path, String extension) {
        Path prefix = MegatronTokens.prefixOf(path);
        return prefix.resolveSibling(prefix.getFileName() + extension);
    }
}
