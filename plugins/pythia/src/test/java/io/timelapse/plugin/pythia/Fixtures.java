package io.timelapse.plugin.pythia;

import io.timelapse.lib.npy.Npy;
import io.timelapse.lib.npy.NpyArray;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** The gpt-neox v1.0 golden fixtures copied into the test resources. */
public final class Fixtures {

    public static final int SEQ_LENGTH = 64;
    public static final long SEED = 1234;
    public static final int GLOBAL_BATCH = 8;
    public static final long TRAIN_ITERS = 120;
    public static final String INDEX_MAP_BASE = "document_train_0_indexmap_965ns_64sl_1234s";

    private Fixtures() {}

    public static Path path(String relative) {
        URL url = Fixtures.class.getResource("/pythia/" + relative);
        if (url == null) {
            throw new IllegalStateException("missing test resource pythia/" + relative);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static NpyArray npy(String relative) {
        try {
            return Npy.read(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a fixture folder into {@code target}, so tests may write beside it or damage copies. */
    public static Path copyFolder(String relative, Path target) throws IOException {
        Path source = path(relative);
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file)) {
                    Files.copy(file, target.resolve(file.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return target;
    }

    /** The corpus prefix ({@code corpus/document}). */
    public static Path corpusPrefix() {
        return path("corpus/document.idx").resolveSibling("document");
    }

    /** Row {@code i} of a 2-D int64 fixture. */
    public static long[] row(NpyArray array, int i) {
        int width = (int) array.dim(array.ndim() - 1);
        long[] out = new long[width];
        for (int j = 0; j < width; j++) {
            out[j] = array.getLong((long) i * width + j);
        }
        return out;
    }
}
