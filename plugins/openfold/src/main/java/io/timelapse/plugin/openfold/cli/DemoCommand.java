package io.timelapse.plugin.openfold.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.plugin.openfold.features.FeatureFiles;
import io.timelapse.plugin.openfold.features.FeaturePipeline;
import io.timelapse.plugin.openfold.features.FeatureSet;
import io.timelapse.plugin.openfold.features.PipelineConfig;
import io.timelapse.plugin.openfold.geometry.Rigid;
import io.timelapse.plugin.openfold.geometry.Vec3;
import io.timelapse.plugin.openfold.metrics.StructureMetrics;
import io.timelapse.plugin.openfold.msa.Msa;
import io.timelapse.plugin.openfold.residue.AtomTypes;
import io.timelapse.plugin.openfold.structure.PdbReader;
import io.timelapse.plugin.openfold.structure.ProteinChain;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code timelapse openfold demo}: the pipeline on ubiquitin (PDB 1UBI, shipped with the plugin):
 * parse, ground-truth features (written to the run directory), a sampled training example, and
 * the metrics of a noisy, rigidly moved copy against the true structure.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the data pipeline and the metrics on ubiquitin (1UBI), which ships with the plugin.")
final class DemoCommand implements PluginCommand {

    private final RunService runs;

    @Spec
    CommandSpec spec;

    @Option(names = "--noise", paramLabel = "SIGMA", defaultValue = "1.0",
            description = "Standard deviation in Å of the Gaussian noise added to the 'prediction' (default: ${DEFAULT-VALUE}).")
    double noise;

    @Mixin
    CommonOptions common;

    @Inject
    DemoCommand(RunService runs) {
        this.runs = runs;
    }

    @Override
    public Integer call() throws IOException {
        if (!(noise >= 0 && Double.isFinite(noise))) {
            throw new ParameterException(spec.commandLine(), "--noise " + noise + ": must be a number of Å, 0 or more");
        }
        PrintWriter out = spec.commandLine().getOut();
        long seed = common.seed();
        try (Run run = runs.start(spec, common)) {
            run.device("CPU");
            Path pdb = run.write("1ubi_A.pdb", stream -> {
                try (InputStream in = DemoCommand.class.getResourceAsStream("demo_1ubi_A.pdb")) {
                    in.transferTo(stream);
                }
            });
            ProteinChain chain = PdbReader.read(run.input(pdb)).chain("A");
            out.printf(Locale.ROOT, "ubiquitin (1UBI) chain A: %d residues: %s%n", chain.length(), chain.sequence());
            Msa single = new Msa("query only", List.of(chain.sequence()), List.of("1ubi_A"), List.of(new int[chain.length()]));
            FeaturePipeline pipeline = new FeaturePipeline(PipelineConfig.tiny());
            FeatureSet features = pipeline.deterministic(chain, single);
            FeatureFiles.write(run.output("features.npz"), features);
            out.println("deterministic features:");
            Summaries.features(out, features);
            FeatureSet example = pipeline.sample(chain, single, seed);
            out.printf(Locale.ROOT, "sampled example (seed %d, crop 64): msa_feat %s, target_feat %s%n", seed,
                    Arrays.toString(example.get("msa_feat").shape()), Arrays.toString(example.get("target_feat").shape()));
            StructureMetrics m = noisyCopyMetrics(chain, seed);
            out.printf(Locale.ROOT, "metrics of a copy with %.2f Å noise, rigidly moved: lDDT-Ca %.4f, dRMSD %.3f, RMSD %.3f, "
                    + "GDT-TS %.4f, GDT-HA %.4f%n", noise, m.lddtGlobal(), m.drmsd(), m.rmsd(), m.gdtTs(), m.gdtHa());
            run.result("residues", chain.length());
            run.result("features", run.output("features.npz").toString());
            Summaries.metrics(run, m);
            run.succeeded();
            out.println("features written to " + run.output("features.npz"));
            out.println("next: 'timelapse openfold dataset build' turns theseus-examples (apt-get install theseus-examples)"
                    + " into a 414-chain training set");
        }
        return ExitCode.OK;
    }

    /** The metrics of a noisy, rigidly moved copy of the chain's Cα trace against the chain. */
    private StructureMetrics noisyCopyMetrics(ProteinChain chain, long seed) {
        int n = chain.length();
        double[][] truth = new double[n][3];
        double[][] pred = new double[n][3];
        double[] mask = new double[n];
        Random rnd = new Random(seed);
        Rigid motion = Rigid.fromThreePoints(new Vec3(1, 5, -3), new Vec3(10, 2, 7), new Vec3(-4, 8, 1));
        for (int i = 0; i < n; i++) {
            if (!chain.hasAtom(i, AtomTypes.CA)) {
                continue;
            }
            Vec3 ca = chain.atom(i, AtomTypes.CA);
            ca.writeTo(truth[i], 0);
            Vec3 noisy = ca.plus(new Vec3(rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()).scale(noise));
            motion.apply(noisy).writeTo(pred[i], 0);
            mask[i] = 1;
        }
        return StructureMetrics.of(pred, truth, mask);
    }
}
