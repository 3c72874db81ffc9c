package io.timelapse.plugin.openfold.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.plugin.openfold.metrics.PairedCa;
import io.timelapse.plugin.openfold.metrics.ResiduePairing;
import io.timelapse.plugin.openfold.metrics.StructureMetrics;
import io.timelapse.plugin.openfold.residue.ResidueTypes;
import io.timelapse.plugin.openfold.structure.ProteinChain;
import io.timelapse.plugin.openfold.structure.StructureFiles;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code timelapse openfold metrics --pred A --true B}: lDDT-Cα, dRMSD, Kabsch RMSD and
 * OpenFold-GDT (single superposition) between two models of one chain. Residues are paired by a
 * global alignment of the two sequences, or by residue number on request; sequences that are
 * unrelated are refused.
 */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "Score a predicted structure against the true one: lDDT-Ca, dRMSD, RMSD and OpenFold-GDT "
                + "(one superposition, not LGA's search), with residues paired by sequence alignment.")
final class MetricsCommand implements PluginCommand {

    private final RunService runs;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--pred", required = true, paramLabel = "FILE", description = "Predicted structure (PDB or mmCIF, optionally .gz).")
    Path pred;

    @Option(names = "--true", required = true, paramLabel = "FILE", description = "True structure (PDB or mmCIF, optionally .gz).")
    Path truth;

    @Option(names = "--chain", paramLabel = "ID", description = "Chain id in both files (default: the first protein chain).")
    String chain;

    @Option(names = "--pairing", paramLabel = "HOW", defaultValue = "sequence",
            description = "How residues are paired: 'sequence' (a global alignment of the two sequences) or 'number' "
                    + "(equal residue numbers in both files) (default: ${DEFAULT-VALUE}).")
    String pairing;

    @Option(names = "--min-identity", paramLabel = "PERCENT", defaultValue = "30",
            description = "Refuse a sequence pairing in which fewer than this percentage of the shorter chain's residues "
                    + "pair with an identical residue; with --pairing number, warn instead (default: ${DEFAULT-VALUE}).")
    double minIdentity;

    @Inject
    MetricsCommand(RunService runs) {
        this.runs = runs;
    }

    @Override
    public Integer call() throws IOException {
        ResiduePairing.Method method = method();
        if (!(minIdentity >= 0 && minIdentity <= 100)) {
            throw new ParameterException(spec.commandLine(), "--min-identity " + minIdentity + ": must be between 0 and 100");
        }
        ProteinChain p = Chains.select(spec, StructureFiles.read(InputPaths.file(spec, "--pred", pred)), chain);
        ProteinChain t = Chains.select(spec, StructureFiles.read(InputPaths.file(spec, "--true", truth)), chain);
        ResiduePairing pairs = method == ResiduePairing.Method.SEQUENCE ? ResiduePairing.bySequence(p, t) : ResiduePairing.byNumber(p, t);
        boolean unrelated = 100 * pairs.identity() < minIdentity;
        if (method == ResiduePairing.Method.SEQUENCE && unrelated) {
            throw new ParameterException(spec.commandLine(), "--pred " + pred + " and --true " + truth
                    + " are not the same protein: aligning their sequences gives " + describe(pairs) + ", below --min-identity "
                    + percent(minIdentity) + "; compare models of one protein, or pass --pairing number to pair by residue number");
        }
        PairedCa ca = PairedCa.of(p, t, pairs);
        if (ca.count() < 3) {
            throw new ParameterException(spec.commandLine(), "--pred " + pred + " and --true " + truth + ": only " + ca.count()
                    + " paired residues have a CA in both (--pairing " + pairing + "); at least 3 are needed");
        }
        String warning = unrelated ? "pairing by residue number gives " + describe(pairs) + ", below --min-identity "
                + percent(minIdentity) + ": the files may hold different proteins or number them differently" : null;
        try (Run run = runs.start(spec, common)) {
            run.input(pred);
            run.input(truth);
            run.device("CPU");
            StructureMetrics m = ca.metrics();
            run.write("pairs.tsv", stream -> stream.write(pairTable(p, t, pairs, ca, m).getBytes(StandardCharsets.UTF_8)));
            run.result("pairing", pairing);
            run.result("residues_true", t.length());
            run.result("residues_pred", p.length());
            run.result("residues_paired", ca.count());
            run.result("residues_identical", pairs.identical());
            run.result("sequence_identity", pairs.identity());
            if (warning != null) {
                run.result("warning", warning);
            }
            Summaries.metrics(run, m);
            run.succeeded();
            if (warning != null) {
                spec.commandLine().getErr().println("warning: " + warning);
            }
            print(spec.commandLine().getOut(), pairs, ca, m, p.length(), t.length());
            spec.commandLine().getOut().println("pairs and per-residue lDDT-Ca: " + run.output("pairs.tsv"));
        }
        return ExitCode.OK;
    }

    private static void print(PrintWriter out, ResiduePairing pairs, PairedCa ca, StructureMetrics m, int predLength, int trueLength) {
        out.printf(Locale.ROOT, "pairing: by %s, %s%n", pairs.method() == ResiduePairing.Method.SEQUENCE ? "sequence alignment"
                : "residue number", describe(pairs));
        out.printf(Locale.ROOT, "residues paired with a CA in both: %d of %d (true), %d (predicted)%n", ca.count(), trueLength,
                predLength);
        out.printf(Locale.ROOT, "lDDT-Ca: %.4f%n", m.lddtGlobal());
        out.printf(Locale.ROOT, "dRMSD (Ca): %.3f A%n", m.drmsd());
        out.printf(Locale.ROOT, "RMSD after Kabsch superposition (Ca): %.3f A%n", m.rmsd());
        out.printf(Locale.ROOT, "GDT-TS: %.4f  GDT-HA: %.4f  (OpenFold-GDT: one superposition, not LGA's per-cutoff search)%n",
                m.gdtTs(), m.gdtHa());
    }

    private static String describe(ResiduePairing pairs) {
        return String.format(Locale.ROOT, "%d residues paired, %d identical (%.1f %% of the %d residues of the shorter chain)",
                pairs.paired(), pairs.identical(), 100 * pairs.identity(), pairs.shorterLength());
    }

    private ResiduePairing.Method method() {
        return switch (pairing) {
            case "sequence" -> ResiduePairing.Method.SEQUENCE;
            case "number" -> ResiduePairing.Method.NUMBER;
            default -> throw new ParameterException(spec.commandLine(), "--pairing " + pairing + ": expected 'sequence' or 'number'");
        };
    }

    private static String percent(double percent) {
        return String.format(Locale.ROOT, "%s %%", percent == Math.rint(percent) ? Long.toString((long) percent) : Double.toString(percent));
    }

    /** One line per scored pair: positions (0-based), residue numbers and types, and the pair's lDDT-Cα. */
    private static String pairTable(ProteinChain p, ProteinChain t, ResiduePairing pairs, PairedCa ca, StructureMetrics m) {
        StringBuilder sb = new StringBuilder("true_index\ttrue_number\ttrue_residue\tpred_index\tpred_number\tpred_residue\tlddt_ca\n");
        for (int i = 0; i < t.length(); i++) {
            if (ca.mask()[i] == 0) {
                continue;
            }
            int j = pairs.trueToPred()[i];
            sb.append(String.format(Locale.ROOT, "%d\t%d\t%s\t%d\t%d\t%s\t%.4f\n", i, t.residueIndex()[i],
                    ResidueTypes.threeLetter(t.aatype()[i]), j, p.residueIndex()[j], ResidueTypes.threeLetter(p.aatype()[j]),
                    m.lddtPerResidue()[i]));
        }
        return sb.toString();
    }
}
