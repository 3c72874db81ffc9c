package io.timelapse.plugin.openfold.structure;

import io.timelapse.plugin.openfold.residue.ResidueTypes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import org.rcsb.cif.CifIO;
import org.rcsb.cif.model.CifFile;
import org.rcsb.cif.model.Column;
import org.rcsb.cif.model.FloatColumn;
import org.rcsb.cif.model.ValueKind;
import org.rcsb.cif.schema.StandardSchemata;
import org.rcsb.cif.schema.mm.AtomSite;
import org.rcsb.cif.schema.mm.MmCifBlock;
import org.rcsb.cif.schema.mm.PdbxPolySeqScheme;

/**
 * mmCIF reader on ciftools-java, following OpenFold's mmcif_parsing: per polymer chain the SEQRES
 * from {@code _pdbx_poly_seq_scheme} (or {@code _entity_poly_seq}), atoms of the first model mapped
 * onto SEQRES positions (unresolved residues stay masked out), chains named by their author chain
 * id, resolution from {@code _refine}/{@code _em_3d_reconstruction}/{@code _reflns}, release date
 * as the earliest {@code _pdbx_audit_revision_history} date. Residues are numbered by SEQRES
 * position, 0..N−1.
 */
public final class MmcifReader {

    private MmcifReader() {}

    /** One polymer chain's SEQRES (label asym id → seq_id → monomer) and author chain id. */
    private static final class SeqresChain {
        final String authorId;
        final TreeMap<Integer, String> monomers = new TreeMap<>();

        SeqresChain(String authorId) {
            this.authorId = authorId;
        }
    }

    public static ProteinStructure read(Path file) throws IOException {
        MmCifBlock block;
        try (InputStream in = StructureFiles.open(file)) {
            CifFile cif = CifIO.readFromInputStream(in);
            if (cif.getBlocks().isEmpty()) {
                throw new StructureFormatException(file, "no data block; not an mmCIF file");
            }
            block = cif.as(StandardSchemata.MMCIF).getFirstBlock();
        } catch (StructureFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new StructureFormatException(file, "unreadable mmCIF (" + e.getMessage() + ")", e);
        }
        AtomSite atoms = block.getAtomSite();
        if (!atoms.isDefined() || atoms.getRowCount() == 0 || !atoms.getCartnX().isDefined()) {
            throw new StructureFormatException(file, "no _atom_site coordinates (truncated or not a structure)");
        }
        Map<String, SeqresChain> seqres = readSeqres(file, block, atoms);
        Map<String, Map<Integer, ResidueBuilder>> resolved = readAtoms(file, atoms, seqres);
        List<ProteinChain> chains = new ArrayList<>();
        Set<String> usedAuthorIds = new HashSet<>();
        for (Map.Entry<String, SeqresChain> entry : seqres.entrySet()) {
            SeqresChain chain = entry.getValue();
            Map<Integer, ResidueBuilder> residues = resolved.getOrDefault(entry.getKey(), Map.of());
            if (residues.values().stream().noneMatch(ResidueBuilder::hasCa) || !usedAuthorIds.add(chain.authorId)) {
                continue;
            }
            chains.add(toChain(file, chain, residues));
        }
        if (chains.isEmpty()) {
            throw new StructureFormatException(file, "no protein chain: no polymer residue has a CA atom");
        }
        return new ProteinStructure(file, chains, resolution(block), releaseDate(block));
    }

    private static Map<String, SeqresChain> readSeqres(Path file, MmCifBlock block, AtomSite atoms) throws StructureFormatException {
        Set<String> proteinEntities = proteinEntities(block);
        Map<String, SeqresChain> chains = new LinkedHashMap<>();
        PdbxPolySeqScheme scheme = block.getPdbxPolySeqScheme();
        if (scheme.isDefined() && scheme.getRowCount() > 0) {
            for (int r = 0; r < scheme.getRowCount(); r++) {
                final int row = r;
                if (proteinEntities != null && !proteinEntities.contains(scheme.getEntityId().get(row))) {
                    continue;
                }
                String asym = scheme.getAsymId().get(row);
                SeqresChain chain = chains.computeIfAbsent(asym, k -> new SeqresChain(scheme.getPdbStrandId().get(row)));
                chain.monomers.putIfAbsent(scheme.getSeqId().get(row), scheme.getMonId().get(row));
            }
            return chains;
        }
        // No scheme: entity_poly_seq gives each entity's sequence; atom_site links chains to entities.
        var polySeq = block.getEntityPolySeq();
        if (!polySeq.isDefined() || polySeq.getRowCount() == 0) {
            throw new StructureFormatException(file, "neither _pdbx_poly_seq_scheme nor _entity_poly_seq is present; cannot read SEQRES");
        }
        Map<String, TreeMap<Integer, String>> entitySeq = new HashMap<>();
        for (int row = 0; row < polySeq.getRowCount(); row++) {
            entitySeq.computeIfAbsent(polySeq.getEntityId().get(row), k -> new TreeMap<>())
                    .putIfAbsent(polySeq.getNum().get(row), polySeq.getMonId().get(row));
        }
        for (int row = 0; row < atoms.getRowCount(); row++) {
            String entity = atoms.getLabelEntityId().get(row);
            if (!entitySeq.containsKey(entity) || (proteinEntities != null && !proteinEntities.contains(entity))) {
                continue;
            }
            String asym = atoms.getLabelAsymId().get(row);
            if (!chains.containsKey(asym)) {
                SeqresChain chain = new SeqresChain(atoms.getAuthAsymId().isDefined() ? atoms.getAuthAsymId().get(row) : asym);
                chain.monomers.putAll(entitySeq.get(entity));
                chains.put(asym, chain);
            }
        }
        return chains;
    }

    /** Entities whose polymer type is a polypeptide; null when _entity_poly is absent. */
    private static Set<String> proteinEntities(MmCifBlock block) {
        var poly = block.getEntityPoly();
        if (!poly.isDefined() || poly.getRowCount() == 0 || !poly.getType().isDefined()) {
            return null;
        }
        Set<String> out = new HashSet<>();
        for (int row = 0; row < poly.getRowCount(); row++) {
            if (poly.getType().get(row).toLowerCase(Locale.ROOT).contains("polypeptide")) {
                out.add(poly.getEntityId().get(row));
            }
        }
        return out;
    }

    private static Map<String, Map<Integer, ResidueBuilder>> readAtoms(Path file, AtomSite atoms,
            Map<String, SeqresChain> seqres) throws StructureFormatException {
        Map<String, Map<Integer, ResidueBuilder>> out = new HashMap<>();
        boolean hasModel = atoms.getPdbxPDBModelNum().isDefined();
        int firstModel = hasModel ? atoms.getPdbxPDBModelNum().get(0) : 0;
        FloatColumn occupancy = atoms.getOccupancy();
        for (int row = 0; row < atoms.getRowCount(); row++) {
            if (hasModel && atoms.getPdbxPDBModelNum().get(row) != firstModel) {
                continue;
            }
            String asym = atoms.getLabelAsymId().get(row);
            SeqresChain chain = seqres.get(asym);
            if (chain == null || !present(atoms.getLabelSeqId(), row)) {
                continue;
            }
            int seqId = atoms.getLabelSeqId().get(row);
            String monomer = chain.monomers.get(seqId);
            String compId = atoms.getLabelCompId().get(row);
            if (monomer == null) {
                throw new StructureFormatException(file, "_atom_site row " + (row + 1) + ": label_seq_id " + seqId
                        + " of chain " + asym + " is not in SEQRES");
            }
            if (!monomer.equals(compId)) {
                continue; // a heterogeneous position: keep the SEQRES monomer's atoms
            }
            ResidueBuilder residue = out.computeIfAbsent(asym, k -> new HashMap<>())
                    .computeIfAbsent(seqId, k -> new ResidueBuilder(compId, seqId));
            double occ = occupancy.isDefined() && present(occupancy, row) ? occupancy.get(row) : 1.0;
            residue.addAtom(atoms.getLabelAtomId().get(row), atoms.getCartnX().get(row), atoms.getCartnY().get(row),
                    atoms.getCartnZ().get(row), occ);
        }
        return out;
    }

    private static boolean present(Column<?> column, int row) {
        return column.isDefined() && column.getValueKind(row) == ValueKind.PRESENT;
    }

    private static ProteinChain toChain(Path file, SeqresChain chain, Map<Integer, ResidueBuilder> residues) {
        int n = chain.monomers.size();
        int[] aatype = new int[n];
        int[] index = new int[n];
        float[] positions = new float[n * 111];
        float[] mask = new float[n * 37];
        StringBuilder sequence = new StringBuilder(n);
        int i = 0;
        for (Map.Entry<Integer, String> monomer : chain.monomers.entrySet()) {
            String name = monomer.getValue();
            aatype[i] = ResidueTypes.fromThreeLetter("MSE".equals(name) ? "MET" : name);
            sequence.append(ResidueTypes.oneLetter(aatype[i]));
            index[i] = i;
            ResidueBuilder residue = residues.get(monomer.getKey());
            if (residue != null) {
                residue.copyInto(positions, mask, i);
            }
            i++;
        }
        return new ProteinChain(file.toString(), chain.authorId, sequence.toString(), aatype, positions, mask, index);
    }

    private static OptionalDouble resolution(MmCifBlock block) {
        FloatColumn[] candidates = {
            block.getRefine().getLsDResHigh(),
            block.getEm3dReconstruction().getResolution(),
            block.getReflns().getDResolutionHigh()
        };
        for (FloatColumn column : candidates) {
            if (column.isDefined() && column.getRowCount() > 0 && present(column, 0)) {
                return OptionalDouble.of(column.get(0));
            }
        }
        return OptionalDouble.empty();
    }

    private static Optional<LocalDate> releaseDate(MmCifBlock block) {
        var history = block.getPdbxAuditRevisionHistory();
        if (!history.isDefined() || !history.getRevisionDate().isDefined()) {
            return Optional.empty();
        }
        LocalDate earliest = null;
        for (int row = 0; row < history.getRowCount(); row++) {
            try {
                LocalDate d = LocalDate.parse(history.getRevisionDate().get(row));
                if (earliest == null || d.isBefore(earliest)) {
                    earliest = d;
                }
            } catch (DateTimeParseException e) {
                // an unparseable revision date does not make the structure unusable
            }
        }
        return Optional.ofNullable(earliest);
    }
}
