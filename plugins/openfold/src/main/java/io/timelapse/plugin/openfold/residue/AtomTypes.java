package io.timelapse.plugin.openfold.residue;

import java.util.HashMap;
import java.util.Map;

/**
 * The atom37 (all heavy atoms of the 20 amino acids) and atom14 (per-residue compact) encodings,
 * and the index maps between them, per AF2 restype (row 20 = X has no atoms).
 */
public final class AtomTypes {

    public static final String[] ATOM37 = {
        "N", "CA", "C", "CB", "O", "CG", "CG1", "CG2", "OG", "OG1", "SG", "CD", "CD1", "CD2", "ND1",
        "ND2", "OD1", "OD2", "SD", "CE", "CE1", "CE2", "CE3", "NE", "NE1", "NE2", "OE1", "OE2",
        "CH2", "NH1", "NH2", "OH", "CZ", "CZ2", "CZ3", "NZ", "OXT"
    };
    public static final int NUM_ATOM37 = 37;
    public static final int NUM_ATOM14 = 14;
    public static final int N = 0;
    public static final int CA = 1;
    public static final int C = 2;
    public static final int CB = 3;
    public static final int O = 4;

    private static final String ATOM14_TABLE = """
            ALA N CA C O CB
            ARG N CA C O CB CG CD NE CZ NH1 NH2
            ASN N CA C O CB CG OD1 ND2
            ASP N CA C O CB CG OD1 OD2
            CYS N CA C O CB SG
            GLN N CA C O CB CG CD OE1 NE2
            GLU N CA C O CB CG CD OE1 OE2
            GLY N CA C O
            HIS N CA C O CB CG ND1 CD2 CE1 NE2
            ILE N CA C O CB CG1 CG2 CD1
            LEU N CA C O CB CG CD1 CD2
            LYS N CA C O CB CG CD CE NZ
            MET N CA C O CB CG SD CE
            PHE N CA C O CB CG CD1 CD2 CE1 CE2 CZ
            PRO N CA C O CB CG CD
            SER N CA C O CB OG
            THR N CA C O CB OG1 CG2
            TRP N CA C O CB CG CD1 CD2 NE1 CE2 CE3 CZ2 CZ3 CH2
            TYR N CA C O CB CG CD1 CD2 CE1 CE2 CZ OH
            VAL N CA C O CB CG1 CG2
            """;

    private static final Map<String, Integer> ATOM37_INDEX = new HashMap<>();
    private static final String[][] ATOM14_NAMES = new String[21][NUM_ATOM14];
    private static final int[][] ATOM14_TO_ATOM37 = new int[21][NUM_ATOM14];
    private static final int[][] ATOM37_TO_ATOM14 = new int[21][NUM_ATOM37];
    private static final float[][] ATOM14_MASK = new float[21][NUM_ATOM14];
    private static final float[][] ATOM37_MASK = new float[21][NUM_ATOM37];

    static {
        for (int i = 0; i < ATOM37.length; i++) {
            ATOM37_INDEX.put(ATOM37[i], i);
        }
        for (String[] row : ATOM14_NAMES) {
            java.util.Arrays.fill(row, "");
        }
        for (String line : ATOM14_TABLE.strip().split("\n")) {
            String[] parts = line.trim().split("\\s+");
            int restype = ResidueTypes.fromThreeLetter(parts[0]);
            for (int slot = 0; slot < parts.length - 1; slot++) {
                String atom = parts[slot + 1];
                int atom37 = ATOM37_INDEX.get(atom);
                ATOM14_NAMES[restype][slot] = atom;
                ATOM14_TO_ATOM37[restype][slot] = atom37;
                ATOM37_TO_ATOM14[restype][atom37] = slot;
                ATOM14_MASK[restype][slot] = 1f;
                ATOM37_MASK[restype][atom37] = 1f;
            }
        }
    }

    private AtomTypes() {}

    /** The atom37 index of a PDB atom name, or -1 when it is not one of the 37. */
    public static int atom37Index(String name) {
        Integer index = ATOM37_INDEX.get(name);
        return index == null ? -1 : index;
    }

    /** The atom name in an atom14 slot of a restype; "" for an empty slot. */
    public static String atom14Name(int restype, int slot) {
        return ATOM14_NAMES[restype][slot];
    }

    /** The atom14 slot of an atom name within a restype, or -1. */
    public static int atom14Slot(int restype, String name) {
        for (int slot = 0; slot < NUM_ATOM14; slot++) {
            if (ATOM14_NAMES[restype][slot].equals(name)) {
                return slot;
            }
        }
        return -1;
    }

    /** atom37 index of each atom14 slot (0 for empty slots), as OpenFold's restype_atom14_to_atom37. */
    public static int atom14ToAtom37(int restype, int slot) {
        return ATOM14_TO_ATOM37[restype][slot];
    }

    /** atom14 slot of each atom37 type (0 where absent), as OpenFold's restype_atom37_to_atom14. */
    public static int atom37ToAtom14(int restype, int atom37) {
        return ATOM37_TO_ATOM14[restype][atom37];
    }

    public static float atom14Exists(int restype, int slot) {
        return ATOM14_MASK[restype][slot];
    }

    public static float atom37Exists(int restype, int atom37) {
        return ATOM37_MASK[restype][atom37];
    }
}
