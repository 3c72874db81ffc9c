package io.timelapse.plugin.openfold.dataset;

import io.timelapse.plugin.openfold.geometry.Vec3;
import io.timelapse.plugin.openfold.residue.AtomTypes;
import io.timelapse.plugin.openfold.structure.ProteinChain;

/**
 * A simple Cα-only secondary-structure assignment in the spirit of P-SEA (Labesse et al. 1997):
 * a residue starts a helical turn when the Cα distances to i+2, i+3 and i+4 are 5.5 ± 0.5,
 * 5.3 ± 0.5 and 6.4 ± 0.6 Å, and an extended stretch when they are 6.7 ± 0.6, 9.9 ± 0.9 and
 * 12.4 ± 1.1 Å; each such start marks residues i..i+4. Enough for trends and coarse labels, not a
 * DSSP replacement.
 */
public record SecondaryStructure(double helixFraction, double strandFraction, Label label) {

    /** Coarse fold class, CATH-like. */
    public enum Label {
        MOSTLY_ALPHA("mostly-alpha"), MOSTLY_BETA("mostly-beta"), MIXED("mixed");

        private final String text;

        Label(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        public static Label parse(String text) {
            for (Label l : values()) {
                if (l.text.equalsIgnoreCase(text) || l.name().equalsIgnoreCase(text)) {
                    return l;
                }
            }
            throw new IllegalArgumentException("unknown secondary-structure label '" + text
                    + "'; expected mostly-alpha, mostly-beta or mixed");
        }
    }

    /**
     * By the helical share h/(h+e) of the assigned residues, CATH-class-like: mostly-α at 0.75 or
     * more, mostly-β at 0.25 or less, mixed otherwise (also when under 20 % of residues are assigned).
     */
    public static Label label(double helix, double strand) {
        double assigned = helix + strand;
        if (assigned < 0.2) {
            return Label.MIXED;
        }
        double helicalShare = helix / assigned;
        if (helicalShare >= 0.75) {
            return Label.MOSTLY_ALPHA;
        }
        return helicalShare <= 0.25 ? Label.MOSTLY_BETA : Label.MIXED;
    }

    public static SecondaryStructure of(ProteinChain chain) {
        int n = chain.length();
        boolean[] helix = new boolean[n];
        boolean[] strand = new boolean[n];
        int resolved = 0;
        for (int i = 0; i < n; i++) {
            if (chain.hasAtom(i, AtomTypes.CA)) {
                resolved++;
            }
            if (i + 4 >= n || !allCa(chain, i)) {
                continue;
            }
            Vec3 a = chain.atom(i, AtomTypes.CA);
            double d2 = a.distance(chain.atom(i + 2, AtomTypes.CA));
            double d3 = a.distance(chain.atom(i + 3, AtomTypes.CA));
            double d4 = a.distance(chain.atom(i + 4, AtomTypes.CA));
            if (near(d2, 5.5, 0.5) && near(d3, 5.3, 0.5) && near(d4, 6.4, 0.6)) {
                mark(helix, i);
            } else if (near(d2, 6.7, 0.6) && near(d3, 9.9, 0.9) && near(d4, 12.4, 1.1)) {
                mark(strand, i);
            }
        }
        int h = 0;
        int e = 0;
        for (int i = 0; i < n; i++) {
            if (helix[i]) {
                h++;
            } else if (strand[i]) {
                e++;
            }
        }
        double denominator = Math.max(resolved, 1);
        double hf = h / denominator;
        double ef = e / denominator;
        return new SecondaryStructure(hf, ef, label(hf, ef));
    }

    private static boolean allCa(ProteinChain chain, int i) {
        for (int k = 0; k <= 4; k++) {
            if (!chain.hasAtom(i + k, AtomTypes.CA)) {
                return false;
            }
        }
        return true;
    }

    private static boolean near(double value, double centre, double tolerance) {
        return Math.abs(value - centre) <= tolerance;
    }

    private static void mark(boolean[] flags, int start) {
        for (int k = 0; k <= 4; k++) {
            flags[start + k] = true;
        }
    }
}
