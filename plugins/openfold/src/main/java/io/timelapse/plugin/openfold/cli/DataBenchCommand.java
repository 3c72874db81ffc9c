package io.timelapse.plugin.openfold.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.lib.bench.BenchReport;
import io.timelapse.lib.bench.Metric;
import io.timelapse.lib.bench.PyTorchReference;
import io.timelapse.lib.bench.Spread;
import io.timelapse.plugin.openfold.dataset.FeatureBenchmark;
import io.timelapse.plugin.openfold.residue.AtomTypes;
import io.timelapse.plugin.openfold.residue.ResidueTypes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code timelapse bench openfold-data}: OpenFold's features per chain on theseus-examples chains, the input features
 * side by side with the bundled numpy script that computes the same ones from the same files in the same run, and the
 * ground truth (atom14, frames, torsions, pseudo-β, backbone frames, χ), which has no numpy reference, on its own.
 */
@Command(name = "openfold-data", mixinStandardHelpOptions = true,
        description = "Times OpenFold's features per chain on theseus-examples chains against a numpy reference in the same run.")
final class DataBenchCommand implements PluginCommand {

    static final String DEFAULT_EXAMPLES = "/usr/share/doc/theseus/examples";
    static final List<String> FAMILIES = List.of("ldh", "trypsins");
    /** The numpy reference, a resource of this bundle. */
    static final String NUMPY_SCRIPT = "openfold_features_numpy.py";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunService runs;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--examples", paramLabel = "DIR", defaultValue = DEFAULT_EXAMPLES,
            description = "The theseus-examples folder with the ldh and trypsins families (default: ${DEFAULT-VALUE},"
                    + " from apt-get install theseus-examples).")
    Path examples;

    @Option(names = "--chains", paramLabel = "N", defaultValue = "16",
            description = "Structure files taken from each family, in name order (default: ${DEFAULT-VALUE}).")
    int perFamily;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "5",
            description = "Timed passes over every chain, for Timelapse and numpy alike (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--python", paramLabel = "EXE", defaultValue = "/usr/bin/python3",
            description = "The Python with numpy that runs the reference (default: ${DEFAULT-VALUE}).")
    String python;

    @Inject
    DataBenchCommand(RunService runs) {
        this.runs = runs;
    }

    @Override
    public Integer call() throws Exception {
        if (perFamily < 1) {
            throw new ParameterException(spec.commandLine(), "--chains " + perFamily + ": must be at least 1");
        }
        if (repeats < 1) {
            throw new ParameterException(spec.commandLine(), "--repeats " + repeats + ": must be at least 1");
        }
        List<Path> families = families();
        try (Run run = runs.start(spec, common)) {
            BenchReport report = new BenchReport("CPU");
            List<Path> inputs = new ArrayList<>();
            List<FeatureBenchmark.Chain> chains = FeatureBenchmark.prepare(families, perFamily, run.output("msas"), inputs);
            for (Path input : inputs) {
                run.input(input);
            }
            if (chains.isEmpty()) {
                throw new IOException(examples + ": the OpenFold filters left no chain of the first " + perFamily + " per family");
            }
            report.note("chains", chains.size());
            FeatureBenchmark.Totals totals = FeatureBenchmark.pass(chains).totals();
            double[] input = new double[repeats];
            double[] groundTruth = new double[repeats];
            for (int i = 0; i < repeats; i++) {
                FeatureBenchmark.Pass pass = FeatureBenchmark.pass(chains);
                input[i] = pass.inputMs();
                groundTruth[i] = pass.groundTruthMs();
            }
            report.note("residues", totals.residues());
            report.note("msa_rows", totals.msaRows());
            Metric inputFeatures = Metric.time("input_features", "ms_per_chain", Spread.of(input));
            PyTorchReference.Result numpy = numpy(run, chains);
            Spread numpyMs = numpy.available() ? numpy.spread("input_features_ms_per_chain") : null;
            if (numpyMs != null) {
                report.note("numpy_version", numpy.json().path("numpy").asText());
                report.note("numpy_agrees", agreement(numpy.json(), totals));
                inputFeatures = inputFeatures.against("numpy", numpyMs);
            } else {
                report.referenceMissing("numpy", numpy.available() ? "the script printed no input_features_ms_per_chain" : numpy.problem());
            }
            report.add(inputFeatures).add(Metric.time("ground_truth_features", "ms_per_chain", Spread.of(groundTruth)));
            report.finish(run, spec.commandLine().getOut());
            run.succeeded();
        }
        return ExitCode.OK;
    }

    private List<Path> families() {
        if (!Files.isDirectory(examples)) {
            throw new ParameterException(spec.commandLine(), "--examples " + examples + ": no such folder; install the Debian"
                    + " package theseus-examples (apt-get install theseus-examples)");
        }
        List<Path> families = new ArrayList<>();
        for (String family : FAMILIES) {
            Path folder = examples.resolve(family);
            if (!Files.isDirectory(folder)) {
                throw new ParameterException(spec.commandLine(), "--examples " + examples + ": has no " + family
                        + " folder; name the examples folder of the Debian package theseus-examples");
            }
            families.add(folder);
        }
        return families;
    }

    /** Runs the numpy reference on the same chains, with the residue tables it needs written from ours. */
    private PyTorchReference.Result numpy(Run run, List<FeatureBenchmark.Chain> chains) throws IOException, InterruptedException {
        StringBuilder list = new StringBuilder();
        for (FeatureBenchmark.Chain chain : chains) {
            list.append(String.join("\t", chain.id(), chain.structure().toString(), chain.chainId(), chain.a3m().toString())).append('\n');
        }
        Path chainList = run.write("chains.tsv", out -> out.write(list.toString().getBytes(StandardCharsets.UTF_8)));
        Map<String, Object> tables = new LinkedHashMap<>();
        tables.put("atom37", List.of(AtomTypes.ATOM37));
        tables.put("restypes", IntStream.range(0, ResidueTypes.NUM_STANDARD).mapToObj(ResidueTypes::threeLetter).toList());
        tables.put("hhblits_order", ResidueTypes.HHBLITS_ORDER);
        tables.put("hhblits_to_af2", IntStream.range(0, ResidueTypes.HHBLITS_ORDER.length()).map(ResidueTypes::hhblitsToAf2).boxed().toList());
        Path tableFile = run.write("residue_tables.json", out -> out.write(JSON.writeValueAsBytes(tables)));
        return new PyTorchReference(python).run(DataBenchCommand.class, NUMPY_SCRIPT, null,
                List.of(chainList.toString(), tableFile.toString(), Integer.toString(repeats)));
    }

    /** Whether the reference's features add up to ours: "yes", or what differs. */
    private static String agreement(JsonNode numpy, FeatureBenchmark.Totals ours) {
        List<String> differences = new ArrayList<>();
        compare(differences, "residues", numpy.path("residues").asLong(-1), ours.residues());
        compare(differences, "resolved_atoms", numpy.path("resolved_atoms").asLong(-1), ours.resolvedAtoms());
        compare(differences, "msa_rows", numpy.path("msa_rows").asLong(-1), ours.msaRows());
        compare(differences, "deletions", numpy.path("deletions").asLong(-1), ours.deletions());
        double profile = numpy.path("profile_checksum").asDouble(Double.NaN);
        if (!(Math.abs(profile - ours.profileChecksum()) <= 1e-4 * Math.max(1, Math.abs(ours.profileChecksum())))) {
            differences.add("profile checksum numpy " + profile + ", ours " + ours.profileChecksum());
        }
        return differences.isEmpty() ? "yes" : "no: " + String.join("; ", differences);
    }

    private static void compare(List<String> differences, String what, long numpy, long ours) {
        if (numpy != ours) {
            differences.add(what + " numpy " + numpy + ", ours " + ours);
        }
    }
}
