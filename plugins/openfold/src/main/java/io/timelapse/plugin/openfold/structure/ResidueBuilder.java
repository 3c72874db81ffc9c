package io.timelapse.plugin.openfold.structure;

import io.timelapse.plugin.openfold.residue.AtomTypes;
import io.timelapse.plugin.openfold.residue.ResidueTypes;

/**
 * Collects one residue's atoms into atom37 slots. Alternate locations: per atom, the highest
 * occupancy wins, the first listed on a tie (Biopython's choice). Selenomethionine becomes
 * methionine with its SE placed as SD.
 */
final class ResidueBuilder {

    final String name;
    final int restype;
    final int residueNumber;
    private final float[] positions = new float[37 * 3];
    private final float[] mask = new float[37];
    private final double[] occupancy = new double[37];

    ResidueBuilder(String residueName, int residueNumber) {
        this.name = residueName;
        this.restype = ResidueTypes.fromThreeLetter("MSE".equals(residueName) ? "MET" : residueName);
        this.residueNumber = residueNumber;
    }

    void addAtom(String atomName, double x, double y, double z, double atomOccupancy) {
        String atom = "MSE".equals(name) && "SE".equals(atomName) ? "SD" : atomName;
        int slot = AtomTypes.atom37Index(atom);
        if (slot < 0) {
            return;
        }
        if (mask[slot] > 0 && atomOccupancy <= occupancy[slot]) {
            return;
        }
        positions[slot * 3] = (float) x;
        positions[slot * 3 + 1] = (float) y;
        positions[slot * 3 + 2] = (float) z;
        mask[slot] = 1f;
        occupancy[slot] = atomOccupancy;
    }

    boolean hasCa() {
        return mask[AtomTypes.CA] > 0;
    }

    void copyInto(float[] allPositions, float[] allMask, int residue) {
        System.arraycopy(positions, 0, allPositions, residue * 111, 111);
        System.arraycopy(mask, 0, allMask, residue * 37, 37);
    }
}
