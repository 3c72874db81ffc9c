package io.timelapse.plugin.openfold.residue;

/**
 * Side-chain torsion and rigid-group definitions of AF2 (Suppl. 1.8): chi-angle atoms, which chis
 * exist, which are π-periodic, the ambiguous atom-name swaps, and the base atoms from which each
 * of the 8 rigid groups' frames is built.
 */
public final class SideChains {

    public static final int NUM_CHIS = 4;
    public static final int NUM_GROUPS = 8;

    /** Per restype: chi1..chiN, each as four atom names. */
    private static final String CHI_TABLE = """
            ARG N,CA,CB,CG CA,CB,CG,CD CB,CG,CD,NE CG,CD,NE,CZ
            ASN N,CA,CB,CG CA,CB,CG,OD1
            ASP N,CA,CB,CG CA,CB,CG,OD1
            CYS N,CA,CB,SG
            GLN N,CA,CB,CG CA,CB,CG,CD CB,CG,CD,OE1
            GLU N,CA,CB,CG CA,CB,CG,CD CB,CG,CD,OE1
            HIS N,CA,CB,CG CA,CB,CG,ND1
            ILE N,CA,CB,CG1 CA,CB,CG1,CD1
            LEU N,CA,CB,CG CA,CB,CG,CD1
            LYS N,CA,CB,CG CA,CB,CG,CD CB,CG,CD,CE CG,CD,CE,NZ
            MET N,CA,CB,CG CA,CB,CG,SD CB,CG,SD,CE
            PHE N,CA,CB,CG CA,CB,CG,CD1
            PRO N,CA,CB,CG CA,CB,CG,CD
            SER N,CA,CB,OG
            THR N,CA,CB,OG1
            TRP N,CA,CB,CG CA,CB,CG,CD1
            TYR N,CA,CB,CG CA,CB,CG,CD1
            VAL N,CA,CB,CG1
            """;

    /** Chis that may rotate by π without changing the structure (restype, chi index 0-based). */
    private static final String PI_PERIODIC = "ASP 1\nGLU 2\nPHE 1\nTYR 1";

    /** Symmetric atom-name pairs whose naming is ambiguous. */
    private static final String AMBIGUOUS_SWAPS = """
            ASP OD1 OD2
            GLU OE1 OE2
            PHE CD1 CD2
            PHE CE1 CE2
            TYR CD1 CD2
            TYR CE1 CE2
            """;

    private static final String[][][] CHI_ATOMS = new String[21][][];
    private static final int[][][] CHI_ATOM37 = new int[21][NUM_CHIS][4];
    private static final float[][] CHI_MASK = new float[21][NUM_CHIS];
    private static final float[][] CHI_PI_PERIODIC = new float[21][NUM_CHIS];
    private static final int[][] ATOM14_SWAP = new int[21][AtomTypes.NUM_ATOM14];
    private static final float[][] ATOM14_AMBIGUOUS = new float[21][AtomTypes.NUM_ATOM14];
    private static final int[][][] GROUP_BASE_ATOM37 = new int[21][NUM_GROUPS][3];
    private static final float[][] GROUP_EXISTS = new float[21][NUM_GROUPS];
    private static final float[][] GROUP_AMBIGUOUS = new float[21][NUM_GROUPS];

    static {
        for (int r = 0; r < 21; r++) {
            CHI_ATOMS[r] = new String[0][];
            for (int slot = 0; slot < AtomTypes.NUM_ATOM14; slot++) {
                ATOM14_SWAP[r][slot] = slot;
            }
        }
        for (String line : CHI_TABLE.strip().split("\n")) {
            String[] parts = line.trim().split("\\s+");
            int r = ResidueTypes.fromThreeLetter(parts[0]);
            CHI_ATOMS[r] = new String[parts.length - 1][];
            for (int chi = 0; chi < parts.length - 1; chi++) {
                CHI_ATOMS[r][chi] = parts[chi + 1].split(",");
                CHI_MASK[r][chi] = 1f;
                for (int a = 0; a < 4; a++) {
                    CHI_ATOM37[r][chi][a] = AtomTypes.atom37Index(CHI_ATOMS[r][chi][a]);
                }
            }
        }
        for (String line : PI_PERIODIC.split("\n")) {
            String[] parts = line.split(" ");
            CHI_PI_PERIODIC[ResidueTypes.fromThreeLetter(parts[0])][Integer.parseInt(parts[1])] = 1f;
        }
        for (String line : AMBIGUOUS_SWAPS.strip().split("\n")) {
            String[] parts = line.trim().split("\\s+");
            int r = ResidueTypes.fromThreeLetter(parts[0]);
            int a = AtomTypes.atom14Slot(r, parts[1]);
            int b = AtomTypes.atom14Slot(r, parts[2]);
            ATOM14_SWAP[r][a] = b;
            ATOM14_SWAP[r][b] = a;
            ATOM14_AMBIGUOUS[r][a] = 1f;
            ATOM14_AMBIGUOUS[r][b] = 1f;
            // The last chi of a residue with swappable atoms is the ambiguous rigid group.
            GROUP_AMBIGUOUS[r][4 + CHI_ATOMS[r].length - 1] = 1f;
        }
        int atomC = AtomTypes.C;
        int atomCa = AtomTypes.CA;
        for (int r = 0; r < 21; r++) {
            GROUP_BASE_ATOM37[r][0] = new int[] {atomC, atomCa, AtomTypes.N};
            GROUP_BASE_ATOM37[r][3] = new int[] {atomCa, atomC, AtomTypes.O};
            GROUP_EXISTS[r][0] = 1f;
            GROUP_EXISTS[r][3] = 1f;
            for (int chi = 0; chi < CHI_ATOMS[r].length; chi++) {
                int[] atoms = CHI_ATOM37[r][chi];
                GROUP_BASE_ATOM37[r][4 + chi] = new int[] {atoms[1], atoms[2], atoms[3]};
                GROUP_EXISTS[r][4 + chi] = 1f;
            }
        }
    }

    private SideChains() {}

    /** The four atom names of each chi of a restype (empty for ALA, GLY and X). */
    public static String[][] chiAtoms(int restype) {
        return CHI_ATOMS[restype];
    }

    /** atom37 indices of the four atoms of chi {@code chi}; all 0 where the chi does not exist. */
    public static int[] chiAtom37(int restype, int chi) {
        return CHI_ATOM37[restype][chi];
    }

    public static float chiExists(int restype, int chi) {
        return CHI_MASK[restype][chi];
    }

    public static float chiPiPeriodic(int restype, int chi) {
        return CHI_PI_PERIODIC[restype][chi];
    }

    /** The atom14 slot an atom moves to under the ambiguous-name swap (itself if unaffected). */
    public static int atom14Swap(int restype, int slot) {
        return ATOM14_SWAP[restype][slot];
    }

    public static float atom14IsAmbiguous(int restype, int slot) {
        return ATOM14_AMBIGUOUS[restype][slot];
    }

    /**
     * atom37 indices of the three atoms defining rigid group {@code group}'s frame, in the order
     * (point on the negative x axis, origin, point in the xy plane); all 0 for absent groups.
     */
    public static int[] groupBaseAtom37(int restype, int group) {
        return GROUP_BASE_ATOM37[restype][group];
    }

    public static float groupExists(int restype, int group) {
        return GROUP_EXISTS[restype][group];
    }

    public static float groupIsAmbiguous(int restype, int group) {
        return GROUP_AMBIGUOUS[restype][group];
    }
}
