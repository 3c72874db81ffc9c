package io.timelapse.plugin.openfold.residue;

import java.util.Map;

/**
 * The residue-type alphabets of AlphaFold2/OpenFold: the AF2 restype order (20 amino acids, then
 * X = 20; MSAs add gap = 21 and the BERT mask token = 22) and HHblits' alphabetical order used
 * while MSAs are parsed.
 */
public final class ResidueTypes {

    /** AF2 restype order, index 0..19. */
    public static final String RESTYPES = "ARNDCQEGHILKMFPSTWYV";
    public static final int NUM_STANDARD = 20;
    public static final int UNKNOWN = 20;
    public static final int GAP = 21;
    public static final int MASK_TOKEN = 22;
    public static final int GLYCINE = RESTYPES.indexOf('G');

    private static final String[] THREE_LETTER = {
        "ALA", "ARG", "ASN", "ASP", "CYS", "GLN", "GLU", "GLY", "HIS", "ILE",
        "LEU", "LYS", "MET", "PHE", "PRO", "SER", "THR", "TRP", "TYR", "VAL", "UNK"
    };

    private static final Map<String, Integer> BY_THREE_LETTER = indexThreeLetter();

    /** HHblits' alphabet: alphabetical A..Y = 0..19, X = 20, gap = 21. */
    public static final String HHBLITS_ORDER = "ACDEFGHIKLMNPQRSTVWYX-";

    private static final int[] HHBLITS_TO_AF2 = new int[22];

    static {
        String af2WithXAndGap = RESTYPES + "X-";
        for (int i = 0; i < HHBLITS_ORDER.length(); i++) {
            HHBLITS_TO_AF2[i] = af2WithXAndGap.indexOf(HHBLITS_ORDER.charAt(i));
        }
    }

    private ResidueTypes() {}

    private static Map<String, Integer> indexThreeLetter() {
        Map<String, Integer> map = new java.util.HashMap<>();
        for (int i = 0; i < THREE_LETTER.length; i++) {
            map.put(THREE_LETTER[i], i);
        }
        return Map.copyOf(map);
    }

    /** The three-letter name of an AF2 restype index (20 = UNK). */
    public static String threeLetter(int restype) {
        return THREE_LETTER[restype];
    }

    /** The AF2 restype of a three-letter residue name; anything non-standard is X (20). */
    public static int fromThreeLetter(String name) {
        Integer index = BY_THREE_LETTER.get(name.toUpperCase(java.util.Locale.ROOT));
        return index == null ? UNKNOWN : index;
    }

    /** The AF2 restype of a one-letter code; anything else is X (20). */
    public static int fromOneLetter(char letter) {
        int index = RESTYPES.indexOf(Character.toUpperCase(letter));
        return index < 0 ? UNKNOWN : index;
    }

    /** The one-letter code of an AF2 restype index (20 = X). */
    public static char oneLetter(int restype) {
        return restype >= 0 && restype < NUM_STANDARD ? RESTYPES.charAt(restype) : 'X';
    }

    /**
     * HHblits code of an alignment character: letters map alphabetically, with B→D, Z→E, U→C and
     * every other letter (J, O, ...) → X; '-' and '.' are gaps. Lowercase is treated as uppercase.
     */
    public static int hhblitsCode(char c) {
        if (c == '-' || c == '.') {
            return 21;
        }
        char upper = Character.toUpperCase(c);
        switch (upper) {
            case 'B': return HHBLITS_ORDER.indexOf('D');
            case 'Z': return HHBLITS_ORDER.indexOf('E');
            case 'U': return HHBLITS_ORDER.indexOf('C');
            default:
                int index = HHBLITS_ORDER.indexOf(upper);
                return index < 0 || index > 20 ? 20 : index;
        }
    }

    /** OpenFold's {@code correct_msa_restypes}: HHblits code (0..21) → AF2 code (0..21). */
    public static int hhblitsToAf2(int hhblitsCode) {
        return HHBLITS_TO_AF2[hhblitsCode];
    }
}
