package io.timelapse.plugin.openfold.cli;

import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.plugin.openfold.metrics.StructureMetrics;
import io.timelapse.plugin.openfold.residue.AtomTypes;
import io.timelapse.plugin.openfold.structure.ProteinChain;
import io.timelapse.plugin.openfold.structure.StructureFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code timelapse openfold metrics --pred A --true B}: lDDT-Cα, dRMSD, Kabsch RMSD and
 * OpenFold-GDT (single superposition) between two models of one chain, residues paired by
 * residue number.
 */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "lDDT-Ca, dRMSD, RMSD and OpenFold-GDT (one superposition, not LGA) of a prediction against a true structure.")
final class MetricsCommand implements PluginCommand {

    @Spec
    CommandSpec spec;

    @Option(names = "--pred", required = true, paramLabel = "FILE", description = "Predicted structure (PDB or mmCIF).")
    Path pred;

    @Option(names = "--true", required = true, paramLabel = "FILE", description = "True structure (PDB or mmCIF).")
    Path truth;

    @Option(names = "--chain", paramLabel = "ID", description = "Chain id in both files (default: the first chain).")
    String chain;

    @Override
    public Integer call() throws IOException {
        ProteinChain p = StructureFiles.read(pred).chain(chain);
        ProteinChain t = StructureFiles.read(truth).chain(chain);
        Map<Integer, Integer> predByNumber = new HashMap<>();
        for (int i = 0; i < p.length(); i++) {
            predByNumber.putIfAbsent(p.residueIndex()[i], i);
        }
        int n = t.length();
        double[][] predCa = new double[n][3];
        double[][] trueCa = new double[n][3];
        double[] mask = new double[n];
        int paired = 0;
        for (int i = 0; i < n; i++) {
            Integer j = predByNumber.get(t.residueIndex()[i]);
            if (j != null && p.hasAtom(j, AtomTypes.CA) && t.hasAtom(i, AtomTypes.CA)) {
                p.atom(j, AtomTypes.CA).writeTo(predCa[i], 0);
                t.atom(i, AtomTypes.CA).writeTo(trueCa[i], 0);
                mask[i] = 1;
                paired++;
            }
        }
        if (paired < 3) {
            throw new IOException(pred + " and " + truth + ": only " + paired + " residues pair up by residue number with a CA in both");
        }
        StructureMetrics m = StructureMetrics.of(predCa, trueCa, mask);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "residues paired: %d of %d%n", paired, n);
        out.printf(Locale.ROOT, "lDDT-Ca: %.4f%n", m.lddtGlobal());
        out.printf(Locale.ROOT, "dRMSD (Ca): %.3f A%n", m.drmsd());
        out.printf(Locale.ROOT, "RMSD after Kabsch superposition (Ca): %.3f A%n", m.rmsd());
        out.printf(Locale.ROOT, "GDT-TS: %.4f  GDT-HA: %.4f  (OpenFold-GDT: one superposition, not LGA's per-cutoff search)%n",
                m.gdtTs(), m.gdtHa());
        return ExitCode.OK;
    }
}
