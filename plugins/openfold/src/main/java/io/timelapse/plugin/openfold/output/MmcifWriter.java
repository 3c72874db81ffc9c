package io.timelapse.plugin.openfold.output;

import io.timelapse.lib.files.AtomicFiles;
import io.timelapse.plugin.openfold.residue.AtomTypes;
import io.timelapse.plugin.openfold.residue.ResidueTypes;
import java.io.IOException;
import java.nio.file.Path;
import org.rcsb.cif.CifBuilder;
import org.rcsb.cif.CifIO;
import org.rcsb.cif.model.BlockBuilder;
import org.rcsb.cif.model.CifFile;
import org.rcsb.cif.model.CifFileBuilder;

/**
 * A predicted chain as mmCIF (written with ciftools-java): one polymer entity whose sequence is given by
 * {@code _entity_poly_seq} and {@code _pdbx_poly_seq_scheme}, chain A, and {@code _atom_site} with
 * pLDDT as {@code B_iso_or_equiv}. {@code label_seq_id} counts residues from 1; {@code auth_seq_id}
 * carries the residue numbers.
 */
public final class MmcifWriter {

    private MmcifWriter() {}

    /** Writes {@code structure} to {@code file} atomically as data block {@code name}. */
    public static void write(Path file, PredictedStructure structure, String name) throws IOException {
        byte[] text = CifIO.writeText(toCif(structure, name));
        AtomicFiles.writeBytes(file, text);
    }

    public static CifFile toCif(PredictedStructure structure, String name) {
        BlockBuilder<? extends CifFileBuilder> block = CifBuilder.enterFile().enterBlock(name);
        block.enterCategory("entry").enterStrColumn("id").add(name).leaveColumn().leaveCategory();
        block.enterCategory("entity")
                .enterStrColumn("id").add("1").leaveColumn()
                .enterStrColumn("type").add("polymer").leaveColumn()
                .leaveCategory();
        block.enterCategory("entity_poly")
                .enterStrColumn("entity_id").add("1").leaveColumn()
                .enterStrColumn("type").add("polypeptide(L)").leaveColumn()
                .enterStrColumn("pdbx_seq_one_letter_code").add(sequence(structure)).leaveColumn()
                .leaveCategory();
        block.enterCategory("struct_asym")
                .enterStrColumn("id").add(PdbWriter.CHAIN).leaveColumn()
                .enterStrColumn("entity_id").add("1").leaveColumn()
                .leaveCategory();
        polySeq(block, structure);
        atomSite(block, structure);
        return block.leaveBlock().leaveFile();
    }

    private static String sequence(PredictedStructure structure) {
        StringBuilder sequence = new StringBuilder(structure.length());
        for (int restype : structure.aatype()) {
            sequence.append(ResidueTypes.oneLetter(restype));
        }
        return sequence.toString();
    }

    private static void polySeq(BlockBuilder<? extends CifFileBuilder> block, PredictedStructure structure) {
        int n = structure.length();
        String[] entity = filled(n, "1");
        String[] chain = filled(n, PdbWriter.CHAIN);
        String[] monomers = new String[n];
        int[] seqIds = new int[n];
        for (int i = 0; i < n; i++) {
            monomers[i] = ResidueTypes.threeLetter(structure.aatype()[i]);
            seqIds[i] = i + 1;
        }
        block.enterCategory("entity_poly_seq")
                .enterStrColumn("entity_id").add(entity).leaveColumn()
                .enterIntColumn("num").add(seqIds).leaveColumn()
                .enterStrColumn("mon_id").add(monomers).leaveColumn()
                .enterStrColumn("hetero").add(filled(n, "n")).leaveColumn()
                .leaveCategory();
        block.enterCategory("pdbx_poly_seq_scheme")
                .enterStrColumn("asym_id").add(chain).leaveColumn()
                .enterStrColumn("entity_id").add(entity).leaveColumn()
                .enterIntColumn("seq_id").add(seqIds).leaveColumn()
                .enterStrColumn("mon_id").add(monomers).leaveColumn()
                .enterIntColumn("pdb_seq_num").add(structure.residueNumbers()).leaveColumn()
                .enterIntColumn("auth_seq_num").add(structure.residueNumbers()).leaveColumn()
                .enterStrColumn("pdb_mon_id").add(monomers).leaveColumn()
                .enterStrColumn("auth_mon_id").add(monomers).leaveColumn()
                .enterStrColumn("pdb_strand_id").add(chain).leaveColumn()
                .enterStrColumn("hetero").add(filled(n, "n")).leaveColumn()
                .leaveCategory();
    }

    private static void atomSite(BlockBuilder<? extends CifFileBuilder> block, PredictedStructure structure) {
        var site = block.enterCategory("atom_site");
        var group = site.enterStrColumn("group_PDB");
        var id = site.enterIntColumn("id");
        var symbol = site.enterStrColumn("type_symbol");
        var atomName = site.enterStrColumn("label_atom_id");
        var compId = site.enterStrColumn("label_comp_id");
        var asymId = site.enterStrColumn("label_asym_id");
        var entityId = site.enterStrColumn("label_entity_id");
        var seqId = site.enterIntColumn("label_seq_id");
        var x = site.enterFloatColumn("Cartn_x");
        var y = site.enterFloatColumn("Cartn_y");
        var z = site.enterFloatColumn("Cartn_z");
        var occupancy = site.enterFloatColumn("occupancy");
        var bFactor = site.enterFloatColumn("B_iso_or_equiv");
        var authSeqId = site.enterIntColumn("auth_seq_id");
        var authCompId = site.enterStrColumn("auth_comp_id");
        var authAsymId = site.enterStrColumn("auth_asym_id");
        var authAtomName = site.enterStrColumn("auth_atom_id");
        var model = site.enterIntColumn("pdbx_PDB_model_num");
        structure.forEachAtom((i, atom, serial) -> {
            String residue = ResidueTypes.threeLetter(structure.aatype()[i]);
            group.add("ATOM");
            id.add(serial);
            symbol.add(PredictedStructure.element(atom));
            atomName.add(AtomTypes.ATOM37[atom]);
            compId.add(residue);
            asymId.add(PdbWriter.CHAIN);
            entityId.add("1");
            seqId.add(i + 1);
            x.add(structure.coordinate(i, atom, 0));
            y.add(structure.coordinate(i, atom, 1));
            z.add(structure.coordinate(i, atom, 2));
            occupancy.add(1.0);
            bFactor.add(structure.plddt()[i]);
            authSeqId.add(structure.residueNumbers()[i]);
            authCompId.add(residue);
            authAsymId.add(PdbWriter.CHAIN);
            authAtomName.add(AtomTypes.ATOM37[atom]);
            model.add(1);
        });
        group.leaveColumn();
        id.leaveColumn();
        symbol.leaveColumn();
        atomName.leaveColumn();
        compId.leaveColumn();
        asymId.leaveColumn();
        entityId.leaveColumn();
        seqId.leaveColumn();
        x.leaveColumn();
        y.leaveColumn();
        z.leaveColumn();
        occupancy.leaveColumn();
        bFactor.leaveColumn();
        authSeqId.leaveColumn();
        authCompId.leaveColumn();
        authAsymId.leaveColumn();
        authAtomName.leaveColumn();
        model.leaveColumn();
        site.leaveCategory();
    }

    private static String[] filled(int n, String value) {
        String[] values = new String[n];
        java.util.Arrays.fill(values, value);
        return values;
    }
}
