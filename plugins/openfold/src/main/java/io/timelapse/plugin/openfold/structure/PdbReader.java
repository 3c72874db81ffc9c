package io.timelapse.plugin.openfold.structure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Fixed-column PDB reader: ATOM records of the first MODEL, grouped per chain up to its TER.
 * HETATM records are not residues (waters and ligands are dropped), except selenomethionine (MSE),
 * which becomes MET. Non-standard amino acids in ATOM records become X; nucleotides are skipped.
 * Chains without any CA atom are not protein chains and are left out.
 */
public final class PdbReader {

    private static final Set<String> NUCLEOTIDES = Set.of("A", "C", "G", "U", "I", "T", "DA", "DC", "DG", "DT", "DI", "DU", "N");
    private static final DateTimeFormatter PDB_DATE = new DateTimeFormatterBuilder()
            .parseCaseInsensitive().appendPattern("dd-MMM-")
            .appendValueReduced(java.time.temporal.ChronoField.YEAR, 2, 2, 1950)
            .toFormatter(Locale.ENGLISH);

    private PdbReader() {}

    public static ProteinStructure read(Path file) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(StructureFiles.open(file), StandardCharsets.ISO_8859_1))) {
            return parse(file, reader);
        }
    }

    private static ProteinStructure parse(Path file, BufferedReader reader) throws IOException {
        Map<String, Map<String, ResidueBuilder>> chains = new LinkedHashMap<>();
        Set<String> terminated = new java.util.HashSet<>();
        OptionalDouble resolution = OptionalDouble.empty();
        Optional<LocalDate> release = Optional.empty();
        int atomRecords = 0;
        int lineNumber = 0;
        boolean inModel = false;
        String line;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            String record = line.length() >= 6 ? line.substring(0, 6) : line;
            if (record.startsWith("MODEL")) {
                inModel = true;
            } else if (record.startsWith("ENDMDL")) {
                if (inModel) {
                    break;
                }
            } else if (record.startsWith("TER")) {
                if (line.length() > 21) {
                    terminated.add(line.substring(21, 22).trim());
                }
            } else if (record.startsWith("REMARK") && line.startsWith("REMARK   2 RESOLUTION.")) {
                resolution = parseResolution(line);
            } else if (record.startsWith("REVDAT") && release.isEmpty() && line.length() >= 22) {
                release = parseDate(line.substring(13, 22).trim());
            } else if (record.equals("ATOM  ") || record.equals("HETATM")) {
                atomRecords++;
                addAtom(file, line, lineNumber, record.equals("HETATM"), chains, terminated);
            }
        }
        if (atomRecords == 0) {
            throw new StructureFormatException(file, "no ATOM or HETATM records; not a PDB-format structure");
        }
        List<ProteinChain> result = new ArrayList<>();
        for (Map.Entry<String, Map<String, ResidueBuilder>> entry : chains.entrySet()) {
            List<ResidueBuilder> residues = new ArrayList<>(entry.getValue().values());
            if (residues.stream().anyMatch(ResidueBuilder::hasCa)) {
                result.add(toChain(file, entry.getKey(), residues));
            }
        }
        if (result.isEmpty()) {
            throw new StructureFormatException(file, "no protein chain: no residue has a CA atom");
        }
        return new ProteinStructure(file, result, resolution, release);
    }

    private static void addAtom(Path file, String line, int lineNumber, boolean hetatm,
            Map<String, Map<String, ResidueBuilder>> chains, Set<String> terminated) throws StructureFormatException {
        if (line.length() < 54) {
            throw new StructureFormatException(file, "line " + lineNumber + ": coordinate record shorter than 54 columns");
        }
        String residueName = line.substring(17, 20).trim();
        if (hetatm && !"MSE".equals(residueName)) {
            return;
        }
        if (NUCLEOTIDES.contains(residueName) || "HOH".equals(residueName) || "WAT".equals(residueName)) {
            return;
        }
        String chainId = line.substring(21, 22).trim();
        if (terminated.contains(chainId)) {
            return;
        }
        String atomName = line.substring(12, 16).trim();
        double x;
        double y;
        double z;
        int residueNumber;
        try {
            x = FixedColumns.decimal(line, 30, 38);
            y = FixedColumns.decimal(line, 38, 46);
            z = FixedColumns.decimal(line, 46, 54);
            residueNumber = FixedColumns.integer(line, 22, 26);
        } catch (NumberFormatException e) {
            throw new StructureFormatException(file, "line " + lineNumber + ": bad residue number or coordinate", e);
        }
        double occupancy = 1.0;
        if (line.length() >= 60 && !line.substring(54, 60).isBlank()) {
            try {
                occupancy = FixedColumns.decimal(line, 54, 60);
            } catch (NumberFormatException e) {
                throw new StructureFormatException(file, "line " + lineNumber + ": bad occupancy", e);
            }
        }
        String insertion = line.length() > 26 ? line.substring(26, 27) : " ";
        String key = residueNumber + insertion;
        Map<String, ResidueBuilder> residues = chains.computeIfAbsent(chainId, k -> new LinkedHashMap<>());
        ResidueBuilder residue = residues.computeIfAbsent(key, k -> new ResidueBuilder(residueName, residueNumber));
        if (!residue.name.equals(residueName)) {
            return; // microheterogeneity: keep the first residue type listed
        }
        residue.addAtom(atomName, x, y, z, occupancy);
    }

    private static ProteinChain toChain(Path file, String chainId, List<ResidueBuilder> residues) {
        int n = residues.size();
        int[] aatype = new int[n];
        int[] index = new int[n];
        float[] positions = new float[n * 111];
        float[] mask = new float[n * 37];
        StringBuilder sequence = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            ResidueBuilder r = residues.get(i);
            aatype[i] = r.restype;
            index[i] = r.residueNumber;
            sequence.append(io.timelapse.plugin.openfold.residue.ResidueTypes.oneLetter(r.restype));
            r.copyInto(positions, mask, i);
        }
        return new ProteinChain(file.toString(), chainId, sequence.toString(), aatype, positions, mask, index);
    }

    private static OptionalDouble parseResolution(String line) {
        String[] parts = line.substring(22).trim().split("\\s+");
        try {
            return OptionalDouble.of(Double.parseDouble(parts[0]));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty(); // "NOT APPLICABLE" for NMR structures
        }
    }

    private static Optional<LocalDate> parseDate(String text) {
        try {
            return Optional.of(LocalDate.parse(text, PDB_DATE));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
