package io.timelapse.plugin.openfold.testing;

import io.timelapse.plugin.openfold.structure.StructureFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/** Edited copies of PDB files for tests: coordinates with Gaussian noise, residues renumbered 1..N. */
public final class PdbEdits {

    private PdbEdits() {}

    /**
     * Writes {@code source} (optionally gzipped) to {@code target} with N(0, noise²) Å added to every
     * coordinate and, when {@code renumber}, residues numbered 1, 2, ... without insertion codes.
     */
    public static Path copy(Path source, Path target, double noise, boolean renumber, long seed) throws IOException {
        Random rnd = new Random(seed);
        StringBuilder out = new StringBuilder();
        String lastResidue = null;
        int number = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(StructureFiles.open(source), StandardCharsets.ISO_8859_1))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.startsWith("ATOM") && !line.startsWith("HETATM")) {
                    out.append(line).append('\n');
                    continue;
                }
                StringBuilder atom = new StringBuilder(line);
                String residue = line.substring(17, 27);
                if (!residue.equals(lastResidue)) {
                    lastResidue = residue;
                    number++;
                }
                if (renumber) {
                    atom.replace(22, 27, String.format(Locale.ROOT, "%4d ", number));
                }
                for (int k = 0; k < 3; k++) {
                    double value = Double.parseDouble(line.substring(30 + 8 * k, 38 + 8 * k).trim()) + noise * rnd.nextGaussian();
                    atom.replace(30 + 8 * k, 38 + 8 * k, String.format(Locale.ROOT, "%8.3f", value));
                }
                out.append(atom).append('\n');
            }
        }
        Files.writeString(target, out, StandardCharsets.ISO_8859_1);
        return target;
    }
}
