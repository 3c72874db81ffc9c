package io.timelapse.plugin.openfold.residue;

import io.timelapse.plugin.openfold.geometry.Rigid;
import io.timelapse.plugin.openfold.geometry.Rotation;
import io.timelapse.plugin.openfold.geometry.Vec3;
import java.util.HashMap;
import java.util.Map;

/**
 * Idealised ("literature") atom positions relative to their rigid group (AF2 Suppl. Table 2), and
 * the default frames of each rigid group relative to its parent group that follow from them. The
 * structure module builds atoms from torsion angles with these.
 */
public final class LiteratureGeometry {

    /** restype atom group x y z: the atom's position in its group's frame, in Å. */
    private static final String POSITIONS = """
            ALA N 0 -0.525 1.363 0.000|CA 0 0 0 0|C 0 1.526 0 0|CB 0 -0.529 -0.774 -1.205|O 3 0.627 1.062 0
            ARG N 0 -0.524 1.362 0|CA 0 0 0 0|C 0 1.525 0 0|CB 0 -0.524 -0.778 -1.209|O 3 0.626 1.062 0|CG 4 0.616 1.390 0|CD 5 0.564 1.414 0|NE 6 0.539 1.357 0|NH1 7 0.206 2.301 0|NH2 7 2.078 0.978 0|CZ 7 0.758 1.093 0
            ASN N 0 -0.536 1.357 0|CA 0 0 0 0|C 0 1.526 0 0|CB 0 -0.531 -0.787 -1.200|O 3 0.625 1.062 0|CG 4 0.584 1.399 0|ND2 5 0.593 -1.188 0.001|OD1 5 0.633 1.059 0
            ASP N 0 -0.525 1.362 0|CA 0 0 0 0|C 0 1.527 0 0|CB 0 -0.526 -0.778 -1.208|O 3 0.626 1.062 0|CG 4 0.593 1.398 0|OD1 5 0.610 1.091 0|OD2 5 0.592 -1.101 -0.003
            CYS N 0 -0.522 1.362 0|CA 0 0 0 0|C 0 1.524 0 0|CB 0 -0.519 -0.773 -1.212|O 3 0.625 1.062 0|SG 4 0.728 1.653 0
            GLN N 0 -0.526 1.361 0|CA 0 0 0 0|C 0 1.526 0 0|CB 0 -0.525 -0.779 -1.207|O 3 0.626 1.062 0|CG 4 0.615 1.393 0|CD 5 0.587 1.399 0|NE2 6 0.593 -1.189 -0.001|OE1 6 0.634 1.060 0
            GLU N 0 -0.528 1.361 0|CA 0 0 0 0|C 0 1.526 0 0|CB 0 -0.526 -0.781 -1.207|O 3 0.626 1.062 0|CG 4 0.615 1.392 0|CD 5 0.600 1.397 0|OE1 6 0.607 1.095 0|OE2 6 0.589 -1.104 -0.001
            GLY N 0 -0.572 1.337 0|CA 0 0 0 0|C 0 1.517 0 0|O 3 0.626 1.062 0
            HIS N 0 -0.527 1.360 0|CA 0 0 0 0|C 0 1.525 0 0|CB 0 -0.525 -0.778 -1.208|O 3 0.625 1.063 0|CG 4 0.600 1.370 0|CD2 5 0.889 -1.021 0.003|ND1 5 0.744 1.160 0|CE1 5 2.030 0.851 0.002|NE2 5 2.145 -0.466 0.004
            ILE N 0 -0.493 1.373 0|CA 0 0 0 0|C 0 1.527 0 0|CB 0 -0.536 -0.793 -1.213|O 3 0.627 1.062 0|CG1 4 0.534 1.437 0|CG2 4 0.540 -0.785 -1.199|CD1 5 0.619 1.391 0
            LEU N 0 -0.520 1.363 0|CA 0 0 0 0|C 0 1.525 0 0|CB 0 -0.522 -0.773 -1.214|O 3 0.625 1.063 0|CG 4 0.678 1.371 0|CD1 5 0.530 1.430 0|CD2 5 0.535 -0.774 1.200
            LYS N 0 -0.526 1.362 0|CA 0 0 0 0|C 0 1.526 0 0|CB 0 -0.524 -0.778 -1.208|O 3 0.626 1.062 0|CG 4 0.619 1.390 0|CD 5 0.559 1.417 0|CE 6 0.560 1.416 0|NZ 7 0.554 1.387 0
            MET N 0 -0.521 1.364 0|CA 0 0 0 0|C 0 1.525 0 0|CB 0 -0.523 -0.776 -1.210|O 3 0.625 1.062 0|CG 4 0.613 1.391 0|SD 5 0.703 1.695 0|CE 6 0.320 1.786 0
            PHE N 0 -0.518 1.363 0|CA 0 0 0 0|C 0 1.524 0 0|CB 0 -0.525 -0.776 -1.212|O 3 0.626 1.062 0|CG 4 0.607 1.377 0|CD1 5 0.709 1.195 0|CD2 5 0.706 -1.196 0|CE1 5 2.102 1.198 0|CE2 5 2.098 -1.201 0|CZ 5 2.794 -0.003 -0.001
            PRO N 0 -0.566 1.351 0|CA 0 0 0 0|C 0 1.527 0 0|CB 0 -0.546 -0.611 -1.293|O 3 0.621 1.066 0|CG 4 0.382 1.445 0|CD 5 0.477 1.424 0
            SER N 0 -0.529 1.360 0|CA 0 0 0 0|C 0 1.525 0 0|CB 0 -0.518 -0.777 -1.211|O 3 0.626 1.062 0|OG 4 0.503 1.325 0
            THR N 0 -0.517 1.364 0|CA 0 0 0 0|C 0 1.526 0 0|CB 0 -0.516 -0.793 -1.215|O 3 0.626 1.062 0|CG2 4 0.550 -0.718 -1.228|OG1 4 0.472 1.353 0
            TRP N 0 -0.521 1.363 0|CA 0 0 0 0|C 0 1.525 0 0|CB 0 -0.523 -0.776 -1.212|O 3 0.627 1.062 0|CG 4 0.609 1.370 0|CD1 5 0.824 1.091 0|CD2 5 0.854 -1.148 -0.005|CE2 5 2.186 -0.678 -0.007|CE3 5 0.622 -2.530 -0.007|NE1 5 2.140 0.690 -0.004|CH2 5 3.028 -2.890 -0.013|CZ2 5 3.283 -1.543 -0.011|CZ3 5 1.715 -3.389 -0.011
            TYR N 0 -0.522 1.362 0|CA 0 0 0 0|C 0 1.524 0 0|CB 0 -0.522 -0.776 -1.213|O 3 0.627 1.062 0|CG 4 0.607 1.382 0|CD1 5 0.716 1.195 0|CD2 5 0.713 -1.194 -0.001|CE1 5 2.107 1.200 -0.002|CE2 5 2.104 -1.201 -0.003|OH 5 4.168 -0.002 -0.005|CZ 5 2.791 -0.001 -0.003
            VAL N 0 -0.494 1.373 0|CA 0 0 0 0|C 0 1.527 0 0|CB 0 -0.533 -0.795 -1.213|O 3 0.627 1.062 0|CG1 4 0.540 1.429 0|CG2 4 0.533 -0.776 1.203
            """;

    private static final int[][] ATOM14_GROUP = new int[21][AtomTypes.NUM_ATOM14];
    private static final Vec3[][] ATOM14_POSITION = new Vec3[21][AtomTypes.NUM_ATOM14];
    private static final Rigid[][] DEFAULT_FRAMES = new Rigid[21][SideChains.NUM_GROUPS];

    static {
        for (int r = 0; r < 21; r++) {
            java.util.Arrays.fill(ATOM14_POSITION[r], Vec3.ZERO);
            java.util.Arrays.fill(DEFAULT_FRAMES[r], Rigid.IDENTITY);
        }
        for (String line : POSITIONS.strip().split("\n")) {
            String trimmed = line.trim();
            int r = ResidueTypes.fromThreeLetter(trimmed.substring(0, 3));
            Map<String, Vec3> byName = new HashMap<>();
            for (String entry : trimmed.substring(4).split("\\|")) {
                String[] f = entry.trim().split("\\s+");
                Vec3 p = new Vec3(Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4]));
                int slot = AtomTypes.atom14Slot(r, f[0]);
                ATOM14_GROUP[r][slot] = Integer.parseInt(f[1]);
                ATOM14_POSITION[r][slot] = p;
                byName.put(f[0], p);
            }
            buildDefaultFrames(r, byName);
        }
    }

    private LiteratureGeometry() {}

    private static void buildDefaultFrames(int r, Map<String, Vec3> pos) {
        Vec3 n = pos.get("N");
        Vec3 ca = pos.get("CA");
        Vec3 c = pos.get("C");
        DEFAULT_FRAMES[r][2] = frameFromAxes(n.minus(ca), new Vec3(1, 0, 0), n);
        DEFAULT_FRAMES[r][3] = frameFromAxes(c.minus(ca), ca.minus(n), c);
        String[][] chis = SideChains.chiAtoms(r);
        if (chis.length > 0) {
            Vec3 a0 = pos.get(chis[0][0]);
            Vec3 a1 = pos.get(chis[0][1]);
            Vec3 a2 = pos.get(chis[0][2]);
            DEFAULT_FRAMES[r][4] = frameFromAxes(a2.minus(a1), a0.minus(a1), a2);
        }
        // Each later chi axis starts at the origin of the previous chi frame.
        for (int chi = 1; chi < chis.length; chi++) {
            Vec3 axisEnd = pos.get(chis[chi][2]);
            DEFAULT_FRAMES[r][4 + chi] = frameFromAxes(axisEnd, new Vec3(-1, 0, 0), axisEnd);
        }
    }

    private static Rigid frameFromAxes(Vec3 ex, Vec3 ey, Vec3 translation) {
        Vec3 e0 = ex.scale(1 / ex.norm());
        Vec3 e1 = ey.minus(e0.scale(ey.dot(e0)));
        e1 = e1.scale(1 / e1.norm());
        return new Rigid(Rotation.ofColumns(e0, e1, e0.cross(e1)), translation);
    }

    /** The rigid group (0..7) an atom14 slot belongs to. */
    public static int atom14Group(int restype, int slot) {
        return ATOM14_GROUP[restype][slot];
    }

    /** The literature position of an atom14 slot in its rigid group's frame (zero if absent). */
    public static Vec3 atom14Position(int restype, int slot) {
        return ATOM14_POSITION[restype][slot];
    }

    /**
     * Whether OpenFold's {@code restype_rigid_group_default_frame} holds a frame for this group: groups
     * 0..3 of the 20 amino acids and the chi groups they have. Elsewhere (absent chis, and every group of
     * X) OpenFold's table is all zeros, not {@link #defaultFrame}'s identity, and its outputs show it.
     */
    public static boolean hasDefaultFrame(int restype, int group) {
        return restype < ResidueTypes.NUM_STANDARD && (group < 4 || SideChains.chiExists(restype, group - 4) > 0);
    }

    /** The default frame of a rigid group relative to its parent (identity for groups 0 and 1). */
    public static Rigid defaultFrame(int restype, int group) {
        return DEFAULT_FRAMES[restype][group];
    }
}
