package io.timelapse.plugin.openfold.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.timelapse.lib.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The list of (structure, MSA) training pairs of a data set and of the chains left out with the
 * reason. Paths of MSAs and feature files are relative to the manifest's directory.
 */
public record DatasetManifest(String format, String description, List<Entry> chains, List<Dropped> dropped) {

    public static final String FORMAT = "timelapse-openfold-dataset/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A kept chain. */
    public record Entry(String id, String family, String structure, String structureSha256, String chain, int length,
            int resolvedResidues, String msa, String msaSha256, int msaDepth, Double resolution, String releaseDate,
            double helixFraction, double strandFraction, String ssLabel, String features) {}

    /** A chain that was not kept, and why. */
    public record Dropped(String id, String family, String structure, String reason) {}

    public DatasetManifest {
        chains = List.copyOf(chains);
        dropped = List.copyOf(dropped);
    }

    public DatasetManifest withChains(String newDescription, List<Entry> kept) {
        return new DatasetManifest(format, newDescription, kept, dropped);
    }

    public void write(Path file) throws IOException {
        AtomicFiles.writeBytes(file, JSON.writeValueAsBytes(this));
    }

    public static DatasetManifest read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such manifest");
        }
        DatasetManifest m;
        try {
            m = JSON.readValue(file.toFile(), DatasetManifest.class);
        } catch (IOException e) {
            throw new IOException(file + ": not a dataset manifest (" + e.getMessage() + ")", e);
        }
        if (!FORMAT.equals(m.format())) {
            throw new IOException(file + ": manifest format '" + m.format() + "', expected '" + FORMAT + "'");
        }
        return m;
    }
}
