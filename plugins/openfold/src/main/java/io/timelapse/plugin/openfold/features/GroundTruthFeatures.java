package io.timelapse.plugin.openfold.features;

import io.timelapse.plugin.openfold.geometry.Rigid;
import io.timelapse.plugin.openfold.geometry.Rotation;
import io.timelapse.plugin.openfold.geometry.Vec3;
import io.timelapse.plugin.openfold.residue.AtomTypes;
import io.timelapse.plugin.openfold.residue.ResidueTypes;
import io.timelapse.plugin.openfold.residue.SideChains;

/**
 * OpenFold's deterministic supervised transforms, in their order: make_atom14_masks,
 * make_atom14_positions, atom37_to_frames, atom37_to_torsion_angles, make_pseudo_beta,
 * get_backbone_frames and get_chi_angles. Computed in double, stored as float32/int32 under
 * OpenFold's names and shapes.
 */
public final class GroundTruthFeatures {

    private static final int A14 = AtomTypes.NUM_ATOM14;
    private static final int A37 = AtomTypes.NUM_ATOM37;
    private static final int G = SideChains.NUM_GROUPS;
    private static final Rotation BACKBONE_FLIP = Rotation.diagonal(-1, 1, -1);
    private static final Rotation AMBIGUITY_FLIP = Rotation.diagonal(1, -1, -1);
    private static final double EPS = 1e-8;

    private GroundTruthFeatures() {}

    /**
     * @param aatype AF2 restypes [N] (values above 20 are clamped to X)
     * @param positions all_atom_positions [N,37,3]
     * @param mask all_atom_mask [N,37]
     */
    public static FeatureSet compute(int[] aatype, float[] positions, float[] mask) {
        int n = aatype.length;
        if (positions.length != n * A37 * 3 || mask.length != n * A37) {
            throw new IllegalArgumentException("all_atom_positions must be [" + n + ",37,3] and all_atom_mask ["
                    + n + ",37] for " + n + " residues");
        }
        int[] aa = new int[n];
        for (int i = 0; i < n; i++) {
            aa[i] = Math.min(Math.max(aatype[i], 0), ResidueTypes.UNKNOWN);
        }
        FeatureSet out = new FeatureSet();
        atom14(aa, positions, mask, out);
        frames(aa, positions, mask, out);
        torsions(aa, positions, mask, out);
        pseudoBeta(aa, positions, mask, out);
        return out;
    }

    private static Vec3 atom(float[] positions, int residue, int atom37) {
        return Vec3.of(positions, (residue * A37 + atom37) * 3);
    }

    private static void atom14(int[] aa, float[] positions, float[] mask, FeatureSet out) {
        int n = aa.length;
        int[] to37 = new int[n * A14];
        int[] to14 = new int[n * A37];
        float[] exists14 = new float[n * A14];
        float[] exists37 = new float[n * A37];
        float[] gtExists = new float[n * A14];
        float[] gtPositions = new float[n * A14 * 3];
        float[] altExists = new float[n * A14];
        float[] altPositions = new float[n * A14 * 3];
        float[] ambiguous = new float[n * A14];
        for (int i = 0; i < n; i++) {
            int r = aa[i];
            for (int a = 0; a < A37; a++) {
                to14[i * A37 + a] = AtomTypes.atom37ToAtom14(r, a);
                exists37[i * A37 + a] = AtomTypes.atom37Exists(r, a);
            }
            for (int s = 0; s < A14; s++) {
                int a37 = AtomTypes.atom14ToAtom37(r, s);
                to37[i * A14 + s] = a37;
                exists14[i * A14 + s] = AtomTypes.atom14Exists(r, s);
                float gt = exists14[i * A14 + s] * mask[i * A37 + a37];
                gtExists[i * A14 + s] = gt;
                for (int k = 0; k < 3; k++) {
                    gtPositions[(i * A14 + s) * 3 + k] = gt * positions[(i * A37 + a37) * 3 + k];
                }
                ambiguous[i * A14 + s] = SideChains.atom14IsAmbiguous(r, s);
            }
            for (int s = 0; s < A14; s++) {
                int from = SideChains.atom14Swap(r, s);
                altExists[i * A14 + s] = gtExists[i * A14 + from];
                System.arraycopy(gtPositions, (i * A14 + from) * 3, altPositions, (i * A14 + s) * 3, 3);
            }
        }
        out.put("atom14_atom_exists", FeatureArray.ofFloats(exists14, n, A14));
        out.put("residx_atom14_to_atom37", FeatureArray.ofInts(to37, n, A14));
        out.put("residx_atom37_to_atom14", FeatureArray.ofInts(to14, n, A37));
        out.put("atom37_atom_exists", FeatureArray.ofFloats(exists37, n, A37));
        out.put("atom14_gt_exists", FeatureArray.ofFloats(gtExists, n, A14));
        out.put("atom14_gt_positions", FeatureArray.ofFloats(gtPositions, n, A14, 3));
        out.put("atom14_alt_gt_positions", FeatureArray.ofFloats(altPositions, n, A14, 3));
        out.put("atom14_alt_gt_exists", FeatureArray.ofFloats(altExists, n, A14));
        out.put("atom14_atom_is_ambiguous", FeatureArray.ofFloats(ambiguous, n, A14));
    }

    private static void frames(int[] aa, float[] positions, float[] mask, FeatureSet out) {
        int n = aa.length;
        float[] gtFrames = new float[n * G * 16];
        float[] altFrames = new float[n * G * 16];
        float[] gtExists = new float[n * G];
        float[] groupExists = new float[n * G];
        float[] groupAmbiguous = new float[n * G];
        for (int i = 0; i < n; i++) {
            int r = aa[i];
            for (int g = 0; g < G; g++) {
                int[] base = SideChains.groupBaseAtom37(r, g);
                Rigid frame = Rigid.fromThreePoints(atom(positions, i, base[0]), atom(positions, i, base[1]),
                        atom(positions, i, base[2]), EPS);
                if (g == 0) {
                    frame = frame.composeRotation(BACKBONE_FLIP);
                }
                float ambiguous = SideChains.groupIsAmbiguous(r, g);
                Rigid alt = ambiguous > 0 ? frame.composeRotation(AMBIGUITY_FLIP) : frame;
                write4x4(frame, gtFrames, (i * G + g) * 16);
                write4x4(alt, altFrames, (i * G + g) * 16);
                float exists = SideChains.groupExists(r, g);
                float atomsPresent = mask[i * A37 + base[0]] * mask[i * A37 + base[1]] * mask[i * A37 + base[2]];
                groupExists[i * G + g] = exists;
                gtExists[i * G + g] = Math.min(atomsPresent, 1f) * exists;
                groupAmbiguous[i * G + g] = ambiguous;
            }
        }
        out.put("rigidgroups_gt_frames", FeatureArray.ofFloats(gtFrames, n, G, 4, 4));
        out.put("rigidgroups_gt_exists", FeatureArray.ofFloats(gtExists, n, G));
        out.put("rigidgroups_group_exists", FeatureArray.ofFloats(groupExists, n, G));
        out.put("rigidgroups_group_is_ambiguous", FeatureArray.ofFloats(groupAmbiguous, n, G));
        out.put("rigidgroups_alt_gt_frames", FeatureArray.ofFloats(altFrames, n, G, 4, 4));
        float[] backbone = new float[n * 16];
        float[] backboneMask = new float[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(gtFrames, i * G * 16, backbone, i * 16, 16);
            backboneMask[i] = gtExists[i * G];
        }
        out.put("backbone_rigid_tensor", FeatureArray.ofFloats(backbone, n, 4, 4));
        out.put("backbone_rigid_mask", FeatureArray.ofFloats(backboneMask, n));
    }

    private static void write4x4(Rigid frame, float[] out, int offset) {
        double[] m = frame.toTensor4x4();
        for (int k = 0; k < 16; k++) {
            out[offset + k] = (float) m[k];
        }
    }

    private static void torsions(int[] aa, float[] positions, float[] mask, FeatureSet out) {
        int n = aa.length;
        float[] sinCos = new float[n * 7 * 2];
        float[] altSinCos = new float[n * 7 * 2];
        float[] torsionMask = new float[n * 7];
        int na = AtomTypes.N;
        int ca = AtomTypes.CA;
        int c = AtomTypes.C;
        int o = AtomTypes.O;
        for (int i = 0; i < n; i++) {
            int r = aa[i];
            // The residue before the first one is all zeros with an all-zero mask, as in OpenFold.
            Vec3 prevCa = i > 0 ? atom(positions, i - 1, ca) : Vec3.ZERO;
            Vec3 prevC = i > 0 ? atom(positions, i - 1, c) : Vec3.ZERO;
            float prevCaMask = i > 0 ? mask[(i - 1) * A37 + ca] : 0f;
            float prevCMask = i > 0 ? mask[(i - 1) * A37 + c] : 0f;
            float[] m = new float[A37];
            System.arraycopy(mask, i * A37, m, 0, A37);
            Vec3[][] quads = new Vec3[7][];
            float[] quadMask = new float[7];
            quads[0] = new Vec3[] {prevCa, prevC, atom(positions, i, na), atom(positions, i, ca)};
            quadMask[0] = prevCaMask * prevCMask * m[na] * m[ca];
            quads[1] = new Vec3[] {prevC, atom(positions, i, na), atom(positions, i, ca), atom(positions, i, c)};
            quadMask[1] = prevCMask * m[na] * m[ca] * m[c];
            quads[2] = new Vec3[] {atom(positions, i, na), atom(positions, i, ca), atom(positions, i, c), atom(positions, i, o)};
            quadMask[2] = m[na] * m[ca] * m[c] * m[o];
            for (int chi = 0; chi < SideChains.NUM_CHIS; chi++) {
                int[] atoms = SideChains.chiAtom37(r, chi);
                quads[3 + chi] = new Vec3[4];
                float present = 1f;
                for (int k = 0; k < 4; k++) {
                    quads[3 + chi][k] = atom(positions, i, atoms[k]);
                    present *= m[atoms[k]];
                }
                quadMask[3 + chi] = SideChains.chiExists(r, chi) * present;
            }
            for (int t = 0; t < 7; t++) {
                Vec3[] q = quads[t];
                Rigid frame = Rigid.fromThreePoints(q[1], q[2], q[0], EPS);
                Vec3 rel = frame.invertApply(q[3]);
                double denom = Math.sqrt(rel.z() * rel.z() + rel.y() * rel.y() + EPS);
                double sign = t == 2 ? -1 : 1;
                double sin = sign * rel.z() / denom;
                double cos = sign * rel.y() / denom;
                double mirror = t >= 3 ? 1 - 2 * SideChains.chiPiPeriodic(r, t - 3) : 1;
                int off = (i * 7 + t) * 2;
                sinCos[off] = (float) sin;
                sinCos[off + 1] = (float) cos;
                altSinCos[off] = (float) (sin * mirror);
                altSinCos[off + 1] = (float) (cos * mirror);
                torsionMask[i * 7 + t] = quadMask[t];
            }
        }
        out.put("torsion_angles_sin_cos", FeatureArray.ofFloats(sinCos, n, 7, 2));
        out.put("alt_torsion_angles_sin_cos", FeatureArray.ofFloats(altSinCos, n, 7, 2));
        out.put("torsion_angles_mask", FeatureArray.ofFloats(torsionMask, n, 7));
        float[] chi = new float[n * 4 * 2];
        float[] chiMask = new float[n * 4];
        for (int i = 0; i < n; i++) {
            System.arraycopy(sinCos, (i * 7 + 3) * 2, chi, i * 8, 8);
            System.arraycopy(torsionMask, i * 7 + 3, chiMask, i * 4, 4);
        }
        out.put("chi_angles_sin_cos", FeatureArray.ofFloats(chi, n, 4, 2));
        out.put("chi_mask", FeatureArray.ofFloats(chiMask, n, 4));
    }

    private static void pseudoBeta(int[] aa, float[] positions, float[] mask, FeatureSet out) {
        int n = aa.length;
        float[] beta = new float[n * 3];
        float[] betaMask = new float[n];
        for (int i = 0; i < n; i++) {
            int atom = aa[i] == ResidueTypes.GLYCINE ? AtomTypes.CA : AtomTypes.CB;
            System.arraycopy(positions, (i * A37 + atom) * 3, beta, i * 3, 3);
            betaMask[i] = mask[i * A37 + atom];
        }
        out.put("pseudo_beta", FeatureArray.ofFloats(beta, n, 3));
        out.put("pseudo_beta_mask", FeatureArray.ofFloats(betaMask, n));
    }
}
