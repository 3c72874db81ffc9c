package io.timelapse.plugin.openfold.structure;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/** Opens structure files (gzip-transparently) and dispatches on their format. */
public final class StructureFiles {

    private StructureFiles() {}

    /** Reads a PDB (.pdb, .ent) or mmCIF (.cif, .mmcif) file, optionally gzip-compressed. */
    public static ProteinStructure read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT).replaceAll("\\.gz$", "");
        if (name.endsWith(".cif") || name.endsWith(".mmcif")) {
            return MmcifReader.read(file);
        }
        return PdbReader.read(file);
    }

    public static boolean isStructureFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT).replaceAll("\\.gz$", "");
        return name.endsWith(".pdb") || name.endsWith(".ent") || name.endsWith(".cif") || name.endsWith(".mmcif");
    }

    /** Opens a file, decompressing it when it starts with the gzip magic bytes. */
    public static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file));
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new GZIPInputStream(in, 1 << 16);
        }
        return in;
    }
}
