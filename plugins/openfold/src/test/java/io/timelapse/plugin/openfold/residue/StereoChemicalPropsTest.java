package io.timelapse.plugin.openfold.residue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The bundled stereo_chemical_props.txt, the bounds built from it, and clear errors for a bad file. */
class StereoChemicalPropsTest {

    private static final StereoChemicalProps PROPS = StereoChemicalProps.bundled();
    private static final int ALA = ResidueTypes.fromThreeLetter("ALA");

    @Test
    void readsKnownBondsAndAnglesInFileOrder() {
        assertEquals(new StereoChemicalProps.Bond("CA", "CB", 1.520, 0.021), PROPS.bonds("ALA").get(0));
        assertEquals(new StereoChemicalProps.Bond("CB", "SG", 1.812, 0.016), PROPS.bonds("CYS").get(1));
        assertEquals(new StereoChemicalProps.Bond("C", "O", 1.229, 0.019), PROPS.bonds("VAL").get(5));
        StereoChemicalProps.BondAngle first = PROPS.angles("ALA").get(0);
        assertEquals(List.of("N", "CA", "CB"), List.of(first.atom1(), first.atom2(), first.atom3()));
        assertEquals(Math.toRadians(110.1), first.angle(), 1e-15);
        assertEquals(Math.toRadians(1.4), first.stddev(), 1e-15);
        StereoChemicalProps.BondAngle last = PROPS.angles("VAL").get(PROPS.angles("VAL").size() - 1);
        assertEquals(List.of("CA", "C", "O"), List.of(last.atom1(), last.atom2(), last.atom3()));
        assertEquals(Math.toRadians(120.1), last.angle(), 1e-15);
        for (int restype = 0; restype < ResidueTypes.NUM_STANDARD; restype++) {
            String residue = ResidueTypes.threeLetter(restype);
            assertTrue(PROPS.bonds(residue).size() >= 3 && PROPS.angles(residue).size() >= 2, residue);
        }
        assertEquals(List.of(3, 2, 2), List.of(PROPS.bonds("GLY").size(), PROPS.angles("GLY").size(),
                PROPS.virtualBonds("GLY").size()));
        assertTrue(PROPS.bonds("UNK").isEmpty() && PROPS.virtualBonds("UNK").isEmpty());
    }

    @Test
    void anAngleBecomesAVirtualBondBetweenItsOuterAtoms() {
        // ALA N-CA-CB: N-CA 1.459 ± 0.020, CA-CB 1.520 ± 0.021, 110.1° ± 1.4° (values from numpy, as OpenFold computes them).
        StereoChemicalProps.Bond virtual = PROPS.virtualBonds("ALA").get(0);
        assertEquals(List.of("N", "CB"), List.of(virtual.atom1(), virtual.atom2()));
        assertEquals(2.4419941570317603, virtual.length(), 1e-14);
        assertEquals(0.0316187997158305, virtual.stddev(), 1e-14);
    }

    @Test
    void boundsTakeBondsAndAnglesWithTheToleranceAndRadiiElsewhere() {
        Stereochemistry.Atom14Bounds bounds = Stereochemistry.atom14Bounds(PROPS, 1.5, 12);
        int ca = AtomTypes.atom14Slot(ALA, "CA");
        int cb = AtomTypes.atom14Slot(ALA, "CB");
        int n = AtomTypes.atom14Slot(ALA, "N");
        int o = AtomTypes.atom14Slot(ALA, "O");
        assertEquals((float) (1.520 - 12 * 0.021), bounds.lower()[index(ALA, ca, cb)]);
        assertEquals((float) (1.520 + 12 * 0.021), bounds.upper()[index(ALA, cb, ca)]);
        assertEquals(2.0625687f, bounds.lower()[index(ALA, n, cb)]);
        assertEquals(2.8214197f, bounds.upper()[index(ALA, cb, n)]);
        assertEquals(1.57f, bounds.lower()[index(ALA, n, o)]);
        assertEquals(1e10f, bounds.upper()[index(ALA, o, n)]);
        assertEquals(0f, bounds.lower()[index(ALA, ca, ca)]);
        assertEquals(0f, bounds.upper()[index(ResidueTypes.UNKNOWN, 0, 1)]);
        assertEquals(1.8, Stereochemistry.atom14Radii()[ResidueTypes.fromThreeLetter("CYS") * 14 + 5]);
    }

    @Test
    void aMissingResourceIsNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> StereoChemicalProps.fromResource("no_such_props.txt"));
        assertTrue(e.getMessage().startsWith("no_such_props.txt is missing from the openfold bundle"), e.getMessage());
    }

    @Test
    void aMalformedFileNamesTheLineAndWhatIsWrong() {
        String header = "Bond Residue Mean StdDev\n";
        String angles = "\nAngle Residue Mean StdDev\nN-CA-CB ALA 110.1 1.4\n-\n";
        assertMessage("props.txt line 2: expected 'ATOM1-ATOM2 RESIDUE LENGTH STDDEV', found 'CA-CB ALA 1.520'",
                header + "CA-CB ALA 1.520\n-\n" + angles);
        assertMessage("props.txt line 2: 'x1.5' is not a number", header + "N-CA ALA x1.5 0.02\n-\n" + angles);
        assertMessage("props.txt line 2: expected 2 atom names joined by '-', found 'N-CA-CB'",
                header + "N-CA-CB ALA 1.5 0.02\n-\n" + angles);
        assertMessage("props.txt line 2: ends before the line \"-\" that ends a section", header + "N-CA ALA 1.459 0.020");
        assertMessage("props.txt: the angle N-CA-CB of ALA needs the bond CA-CB, which the bond section does not list",
                header + "N-CA ALA 1.459 0.020\n-\n" + angles);
    }

    private static void assertMessage(String expected, String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StereoChemicalProps.parse(text, "props.txt"));
        assertEquals(expected, e.getMessage());
    }

    private static int index(int restype, int first, int second) {
        return (restype * 14 + first) * 14 + second;
    }
}
