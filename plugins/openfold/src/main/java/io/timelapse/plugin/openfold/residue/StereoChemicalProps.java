package io.timelapse.plugin.openfold.residue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * AlphaFold's {@code stereo_chemical_props.txt}, read as OpenFold's {@code load_stereo_chemical_props}
 * reads it: the bond lengths, then the bond angles, each section ended by a line "-" (the third section,
 * non-bonded distances, is not used). Each bond angle also becomes a "virtual bond" between its outer
 * atoms, whose length follows from the law of cosines and whose standard deviation from propagating the
 * three uncertainties.
 */
public final class StereoChemicalProps {

    /** The copy of AlphaFold's file in this bundle, beside this class. */
    public static final String RESOURCE = "stereo_chemical_props.txt";

    /** A bond (or virtual bond) of a residue: length and standard deviation in Å. */
    public record Bond(String atom1, String atom2, double length, double stddev) {}

    /** A bond angle atom1-atom2-atom3 of a residue: angle and standard deviation in radians. */
    public record BondAngle(String atom1, String atom2, String atom3, double angle, double stddev) {}

    private static StereoChemicalProps bundled;

    private final Map<String, List<Bond>> bonds;
    private final Map<String, List<BondAngle>> angles;
    private final Map<String, List<Bond>> virtualBonds;

    private StereoChemicalProps(Map<String, List<Bond>> bonds, Map<String, List<BondAngle>> angles, String source) {
        this.bonds = bonds;
        this.angles = angles;
        this.virtualBonds = new HashMap<>();
        angles.forEach((residue, list) -> {
            List<Bond> derived = new ArrayList<>();
            for (BondAngle angle : list) {
                derived.add(virtualBond(angle, bond(residue, angle, angle.atom1(), angle.atom2(), source),
                        bond(residue, angle, angle.atom2(), angle.atom3(), source)));
            }
            virtualBonds.put(residue, List.copyOf(derived));
        });
    }

    /** The bundled file, read once. */
    public static synchronized StereoChemicalProps bundled() {
        if (bundled == null) {
            bundled = fromResource(RESOURCE);
        }
        return bundled;
    }

    /** A resource beside this class; an {@link IllegalStateException} names it when it is missing. */
    static StereoChemicalProps fromResource(String name) {
        try (InputStream in = StereoChemicalProps.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the openfold bundle (expected beside "
                        + StereoChemicalProps.class.getName() + ")");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses the file's text; {@code source} names it in errors, which are {@link IllegalArgumentException}s
     * naming the line and what is wrong.
     */
    public static StereoChemicalProps parse(String text, String source) {
        Lines lines = new Lines(text.split("\r?\n", -1), source);
        lines.next("the bond header");
        Map<String, List<Bond>> bonds = new HashMap<>();
        for (String[] f = lines.row(4, "ATOM1-ATOM2 RESIDUE LENGTH STDDEV"); f != null;
                f = lines.row(4, "ATOM1-ATOM2 RESIDUE LENGTH STDDEV")) {
            String[] atoms = lines.atoms(f[0], 2);
            bonds.computeIfAbsent(f[1], k -> new ArrayList<>())
                    .add(new Bond(atoms[0], atoms[1], lines.number(f[2]), lines.number(f[3])));
        }
        lines.next("the empty line before the angles");
        lines.next("the angle header");
        Map<String, List<BondAngle>> angles = new HashMap<>();
        for (String[] f = lines.row(4, "ATOM1-ATOM2-ATOM3 RESIDUE DEGREES STDDEV"); f != null;
                f = lines.row(4, "ATOM1-ATOM2-ATOM3 RESIDUE DEGREES STDDEV")) {
            String[] atoms = lines.atoms(f[0], 3);
            angles.computeIfAbsent(f[1], k -> new ArrayList<>()).add(new BondAngle(atoms[0], atoms[1], atoms[2],
                    lines.number(f[2]) / 180.0 * Math.PI, lines.number(f[3]) / 180.0 * Math.PI));
        }
        bonds.replaceAll((residue, list) -> List.copyOf(list));
        angles.replaceAll((residue, list) -> List.copyOf(list));
        return new StereoChemicalProps(bonds, angles, source);
    }

    /** The bonds of a residue (three-letter name); none for UNK or an unknown name. */
    public List<Bond> bonds(String residue) {
        return bonds.getOrDefault(residue, List.of());
    }

    public List<BondAngle> angles(String residue) {
        return angles.getOrDefault(residue, List.of());
    }

    /** The virtual bond between the outer atoms of each bond angle of a residue, in the angles' order. */
    public List<Bond> virtualBonds(String residue) {
        return virtualBonds.getOrDefault(residue, List.of());
    }

    private Bond bond(String residue, BondAngle angle, String atom1, String atom2, String source) {
        for (Bond b : bonds(residue)) {
            if (b.atom1().equals(atom1) && b.atom2().equals(atom2) || b.atom1().equals(atom2) && b.atom2().equals(atom1)) {
                return b;
            }
        }
        throw new IllegalArgumentException(source + ": the angle " + angle.atom1() + "-" + angle.atom2() + "-"
                + angle.atom3() + " of " + residue + " needs the bond "
                + atom1 + "-" + atom2 + ", which the bond section does not list");
    }

    private static Bond virtualBond(BondAngle angle, Bond first, Bond second) {
        double a = first.length();
        double b = second.length();
        double gamma = angle.angle();
        double length = Math.sqrt(a * a + b * b - 2 * a * b * Math.cos(gamma));
        double outer = 0.5 / length;
        double dGamma = 2 * a * b * Math.sin(gamma) * outer;
        double dFirst = (2 * a - 2 * b * Math.cos(gamma)) * outer;
        double dSecond = (2 * b - 2 * a * Math.cos(gamma)) * outer;
        double stddev = Math.sqrt(square(dGamma * angle.stddev()) + square(dFirst * first.stddev())
                + square(dSecond * second.stddev()));
        return new Bond(angle.atom1(), angle.atom3(), length, stddev);
    }

    private static double square(double x) {
        return x * x;
    }

    /** The file's lines with the position of the next one, for errors that name it. */
    private static final class Lines {
        private final String[] lines;
        private final String source;
        private int index;

        Lines(String[] lines, String source) {
            this.lines = lines;
            this.source = source;
        }

        String next(String what) {
            if (index >= lines.length) {
                throw error("ends before " + what);
            }
            return lines[index++];
        }

        /** The fields of the next row of a section, or null at the line "-" that ends it. */
        String[] row(int fields, String format) {
            String line = next("the line \"-\" that ends a section");
            if (line.strip().equals("-")) {
                return null;
            }
            String[] f = line.strip().split("\\s+");
            if (f.length != fields) {
                throw error("expected '" + format + "', found '" + line.strip() + "'");
            }
            return f;
        }

        String[] atoms(String field, int count) {
            String[] atoms = field.split("-");
            if (atoms.length != count) {
                throw error("expected " + count + " atom names joined by '-', found '" + field + "'");
            }
            return atoms;
        }

        double number(String field) {
            try {
                return Double.parseDouble(field);
            } catch (NumberFormatException e) {
                throw error("'" + field + "' is not a number");
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(source + " line " + index + ": " + what);
        }
    }
}
