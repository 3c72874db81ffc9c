package io.timelapse.plugin.openfold.output;

import io.timelapse.lib.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Predictions of one chain as one multi-model PDB that molecular viewers play as a movie: the ATOM and TER records of
 * each single-model file {@link PdbWriter} wrote, in the order given, each between {@code MODEL n} (n from 1) and
 * {@code ENDMDL}, then {@code END}.
 */
public final class PdbTrajectory {

    private PdbTrajectory() {}

    /** Writes the models of {@code models} (PDB files of one chain) to {@code file} atomically. */
    public static void write(Path file, List<Path> models) throws IOException {
        StringBuilder pdb = new StringBuilder();
        int number = 0;
        for (Path model : models) {
            pdb.append(String.format(Locale.ROOT, "MODEL     %4d\n", ++number));
            int atoms = 0;
            for (String line : Files.readAllLines(model, StandardCharsets.UTF_8)) {
                if (line.startsWith("ATOM  ") || line.startsWith("TER")) {
                    pdb.append(line).append('\n');
                    atoms += line.startsWith("ATOM  ") ? 1 : 0;
                }
            }
            if (atoms == 0) {
                throw new IOException(model + ": no ATOM records; not a structure PdbWriter wrote");
            }
            pdb.append("ENDMDL\n");
        }
        pdb.append("END\n");
        AtomicFiles.writeString(file, pdb.toString());
    }
}
