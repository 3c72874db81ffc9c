package io.timelapse.plugin.openfold.output;

import io.timelapse.lib.files.AtomicFiles;
import io.timelapse.plugin.openfold.residue.AtomTypes;
import io.timelapse.plugin.openfold.residue.ResidueTypes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A predicted chain as PDB in the layout of OpenFold's {@code protein.to_pdb}: one MODEL, ATOM records
 * in atom37 order per residue, chain A, occupancy 1.00, pLDDT in the B-factor column, the element
 * column, then TER, ENDMDL and END.
 */
public final class PdbWriter {

    public static final String CHAIN = "A";

    private PdbWriter() {}

    /** Writes {@code structure} to {@code file} atomically. */
    public static void write(Path file, PredictedStructure structure) throws IOException {
        AtomicFiles.writeString(file, toPdb(structure));
    }

    public static String toPdb(PredictedStructure structure) {
        StringBuilder pdb = new StringBuilder();
        pdb.append("MODEL     1\n");
        int serial = structure.forEachAtom((i, atom, number) -> {
            String residue = ResidueTypes.threeLetter(structure.aatype()[i]);
            String name = AtomTypes.ATOM37[atom];
            pdb.append(String.format(Locale.ROOT, "%-6s%5d %-4s%1s%3s %1s%4d%1s   %8.3f%8.3f%8.3f%6.2f%6.2f          %2s%2s\n",
                    "ATOM", number, name.length() == 4 ? name : " " + name, "", residue, CHAIN,
                    structure.residueNumbers()[i], "", structure.coordinate(i, atom, 0), structure.coordinate(i, atom, 1),
                    structure.coordinate(i, atom, 2), 1.0, structure.plddt()[i], PredictedStructure.element(atom), ""));
        });
        int last = structure.length() - 1;
        pdb.append(String.format(Locale.ROOT, "%-6s%5d      %3s %1s%4d\n", "TER", serial,
                last >= 0 ? ResidueTypes.threeLetter(structure.aatype()[last]) : "", CHAIN,
                last >= 0 ? structure.residueNumbers()[last] : 0));
        pdb.append("ENDMDL\nEND\n");
        return pdb.toString();
    }
}
