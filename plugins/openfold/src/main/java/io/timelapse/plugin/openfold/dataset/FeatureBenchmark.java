package io.timelapse.plugin.openfold.dataset;

import io.timelapse.plugin.openfold.features.FeaturePipeline;
import io.timelapse.plugin.openfold.features.FeatureSet;
import io.timelapse.plugin.openfold.features.GroundTruthFeatures;
import io.timelapse.plugin.openfold.features.PipelineConfig;
import io.timelapse.plugin.openfold.msa.Msa;
import io.timelapse.plugin.openfold.msa.MsaMerger;
import io.timelapse.plugin.openfold.msa.MsaParsers;
import io.timelapse.plugin.openfold.structure.ProteinChain;
import io.timelapse.plugin.openfold.structure.StructureFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The workload of {@code timelapse bench openfold-data}: chains of family folders (theseus-examples), each with its
 * family alignment re-rooted on it, and OpenFold's features per chain computed from the files, split into the input
 * features (reading the structure and the a3m, sequence and MSA features) and the ground truth.
 */
public final class FeatureBenchmark {

    /** One chain: its structure file, its chain id and its re-rooted a3m. */
    public record Chain(String id, Path structure, String chainId, Path a3m) {}

    /** Milliseconds per chain of one pass over every chain, and what the features of that pass add up to. */
    public record Pass(double inputMs, double groundTruthMs, Totals totals) {}

    /** Sums over the chains' input features, which a reference that computes them must reproduce. */
    public record Totals(long residues, long resolvedAtoms, long msaRows, long deletions, double profileChecksum) {}

    private FeatureBenchmark() {}

    /**
     * The chains of the first {@code perFamily} structure files (in name order) of each family folder, re-rooted as
     * {@code timelapse openfold dataset build} does, with their a3m files written to {@code msas/<family>/<chain>.a3m}. Chains the
     * OpenFold filters drop are left out. Returns the chains and every file read.
     */
    public static List<Chain> prepare(List<Path> families, int perFamily, Path msas, List<Path> inputs) throws IOException {
        Path work = Files.createTempDirectory("timelapse-openfold-bench-");
        try {
            Map<String, Path> originals = new HashMap<>();
            List<Path> roots = new ArrayList<>();
            for (Path family : families) {
                Path copy = Files.createDirectories(work.resolve("inputs").resolve(family.getFileName().toString()));
                List<Path> files;
                try (Stream<Path> list = Files.list(family)) {
                    files = list.filter(Files::isRegularFile).sorted().toList();
                }
                List<Path> chosen = new ArrayList<>(files.stream().filter(StructureFiles::isStructureFile).limit(perFamily).toList());
                chosen.addAll(files.stream().filter(MsaParsers::isAlignmentFile).toList());
                for (Path file : chosen) {
                    Path copied = Files.copy(file, copy.resolve(file.getFileName()));
                    originals.put(copied.toAbsolutePath().toString(), file);
                    inputs.add(file);
                }
                roots.add(copy);
            }
            Path built = work.resolve("dataset");
            DatasetManifest manifest = new DatasetBuilder(ChainFilters.openFold(), PipelineConfig.openFoldTraining(), 1)
                    .build(roots, built).manifest();
            List<Chain> chains = new ArrayList<>();
            for (DatasetManifest.Entry entry : manifest.chains()) {
                Path folder = Files.createDirectories(msas.resolve(entry.family()));
                Path a3m = Files.copy(built.resolve(entry.msa()), folder.resolve(entry.id() + ".a3m"), StandardCopyOption.REPLACE_EXISTING);
                chains.add(new Chain(entry.id(), originals.get(entry.structure()), entry.chain(), a3m));
            }
            return chains;
        } finally {
            delete(work);
        }
    }

    /** One timed pass: every chain's input features, then its ground truth, from its files. */
    public static Pass pass(List<Chain> chains) throws IOException {
        long input = 0;
        long groundTruth = 0;
        long residues = 0;
        long atoms = 0;
        long rows = 0;
        long deletions = 0;
        double profile = 0;
        for (Chain chain : chains) {
            long start = System.nanoTime();
            ProteinChain protein = StructureFiles.read(chain.structure()).chain(chain.chainId());
            Msa msa = MsaMerger.merge(List.of(MsaParsers.read(chain.a3m())));
            FeatureSet features = FeaturePipeline.inputFeatures(protein, msa);
            long middle = System.nanoTime();
            GroundTruthFeatures.compute(protein.aatype(), protein.atomPositions(), protein.atomMask());
            long end = System.nanoTime();
            input += middle - start;
            groundTruth += end - middle;
            residues += features.get("seq_length").ints()[0];
            atoms += Math.round(sum(features.get("all_atom_mask").floats()));
            rows += features.get("num_alignments").ints()[0];
            deletions += Math.round(sum(features.get("deletion_matrix").floats()));
            float[] p = features.get("hhblits_profile").floats();
            for (int i = 0; i < p.length; i++) {
                profile += p[i] * (i % 22);
            }
        }
        return new Pass(input / 1e6 / chains.size(), groundTruth / 1e6 / chains.size(),
                new Totals(residues, atoms, rows, deletions, profile));
    }

    private static double sum(float[] values) {
        double sum = 0;
        for (float value : values) {
            sum += value;
        }
        return sum;
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
