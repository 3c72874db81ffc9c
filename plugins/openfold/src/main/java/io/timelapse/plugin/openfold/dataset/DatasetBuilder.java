package io.timelapse.plugin.openfold.dataset;

import io.timelapse.api.shard.Shard;
import io.timelapse.lib.files.AtomicFiles;
import io.timelapse.lib.files.Sha256;
import io.timelapse.plugin.openfold.features.FeaturePipeline;
import io.timelapse.plugin.openfold.features.PipelineConfig;
import io.timelapse.plugin.openfold.msa.AlignmentFormatException;
import io.timelapse.plugin.openfold.msa.ColumnAlignment;
import io.timelapse.plugin.openfold.msa.MemberConformer;
import io.timelapse.plugin.openfold.msa.Msa;
import io.timelapse.plugin.openfold.msa.MsaMerger;
import io.timelapse.plugin.openfold.msa.MsaParsers;
import io.timelapse.plugin.openfold.structure.ProteinChain;
import io.timelapse.plugin.openfold.structure.ProteinStructure;
import io.timelapse.plugin.openfold.structure.StructureFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a training set from folders of structures with family alignments (e.g. Debian's
 * theseus-examples): every directory holding structure files and at least one alignment file is a
 * family. Each chain is matched to its alignment member (by file name, then by sequence), the
 * alignment is re-rooted on it, OpenFold's chain filters are applied, and the re-rooted MSA, the
 * per-chain deterministic features (checksum-keyed cache) and a manifest entry are written.
 */
public final class DatasetBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(DatasetBuilder.class);
    /** A member may differ from its chain in at most this fraction of residues (mismatches, unaligned ends). */
    private static final double MAX_QUERY_EDITS = 0.05;

    /**
     * The manifest, how long each kept chain took (reading, re-rooting, features) in ns, every
     * file the build read (each family's structures and alignments), and how many structure files
     * the whole build splits into shards.
     */
    public record Result(DatasetManifest manifest, Map<String, Long> nanosPerChain, List<Path> inputs, int structures) {}

    private final ChainFilters filters;
    private final FeaturePipeline pipeline;
    private final int threads;

    public DatasetBuilder(ChainFilters filters, PipelineConfig config, int threads) {
        this.filters = filters;
        this.pipeline = new FeaturePipeline(config);
        this.threads = Math.max(1, threads);
    }

    /** One family directory: its structure files, its alignment files and their parsed alignments. */
    private record Family(String name, Path directory, List<Path> structures, List<Path> alignmentFiles,
            List<ColumnAlignment> alignments) {}

    /** The outcome for one chain. */
    private record Outcome(DatasetManifest.Entry entry, DatasetManifest.Dropped dropped, long nanos) {}

    public Result build(List<Path> roots, Path outDir) throws IOException {
        return build(roots, outDir, Shard.WHOLE);
    }

    /** A structure file of a family: one work item of a build. */
    private record Item(Family family, Path structure) {}

    /**
     * Builds shard {@code part} of the data set: the contiguous block {@link Shard} gives of the (family, structure file)
     * pairs in their sorted order. The shards' manifests, joined in shard order, are the manifest of the whole build.
     */
    public Result build(List<Path> roots, Path outDir, Shard part) throws IOException {
        List<Family> families = new ArrayList<>();
        for (Path root : roots) {
            families.addAll(findFamilies(root));
        }
        if (families.isEmpty()) {
            throw new IOException(roots + ": no directory holds both structure files and an alignment file");
        }
        Files.createDirectories(outDir.resolve("msas"));
        FeatureCache cache = new FeatureCache(outDir.resolve("features"));
        List<DatasetManifest.Entry> kept = new ArrayList<>();
        List<DatasetManifest.Dropped> dropped = new ArrayList<>();
        Map<String, Long> timings = new LinkedHashMap<>();
        List<Item> block = block(families, part);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Outcome>>> futures = new ArrayList<>();
            for (Item item : block) {
                futures.add(pool.submit(() -> processStructure(item.family(), item.structure(), outDir, cache)));
            }
            for (Future<List<Outcome>> future : futures) {
                for (Outcome o : await(future)) {
                    if (o.entry() != null) {
                        kept.add(o.entry());
                        timings.put(o.entry().id(), o.nanos());
                    } else {
                        dropped.add(o.dropped());
                        LOG.info("dropped {} ({}): {}", o.dropped().id(), o.dropped().family(), o.dropped().reason());
                    }
                }
            }
        } finally {
            pool.shutdown();
        }
        String description = "built from " + roots + " with OpenFold filters " + filters;
        DatasetManifest manifest = new DatasetManifest(DatasetManifest.FORMAT, description, kept, dropped);
        manifest.write(outDir.resolve("manifest.json"));
        List<Path> inputs = new ArrayList<>();
        for (Family family : families) {
            List<Path> structures = block.stream().filter(item -> item.family() == family).map(Item::structure).toList();
            if (!structures.isEmpty()) {
                inputs.addAll(structures);
                inputs.addAll(family.alignmentFiles());
            }
        }
        return new Result(manifest, timings, inputs, families.stream().mapToInt(family -> family.structures().size()).sum());
    }

    private static List<Item> block(List<Family> families, Shard part) {
        List<Item> items = new ArrayList<>();
        for (Family family : families) {
            family.structures().forEach(structure -> items.add(new Item(family, structure)));
        }
        return items.subList((int) part.first(items.size()), (int) part.end(items.size()));
    }

    private static List<Outcome> await(Future<List<Outcome>> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while building the data set", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static List<Family> findFamilies(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException(root + ": not a directory");
        }
        List<Path> dirs;
        try (Stream<Path> walk = Files.walk(root)) {
            dirs = walk.filter(Files::isDirectory).sorted().toList();
        }
        List<Family> out = new ArrayList<>();
        for (Path dir : dirs) {
            List<Path> files;
            try (Stream<Path> list = Files.list(dir)) {
                files = list.filter(Files::isRegularFile).sorted().toList();
            }
            List<Path> structures = files.stream().filter(StructureFiles::isStructureFile).toList();
            List<Path> alignmentFiles = files.stream().filter(MsaParsers::isAlignmentFile).toList();
            if (structures.isEmpty() || alignmentFiles.isEmpty()) {
                continue;
            }
            List<ColumnAlignment> alignments = new ArrayList<>();
            for (Path a : alignmentFiles) {
                alignments.add(MsaParsers.readColumns(a));
            }
            String relative = root.relativize(dir).toString();
            String name = relative.isEmpty() ? dir.getFileName().toString() : relative;
            out.add(new Family(name, dir, structures, alignmentFiles, alignments));
            LOG.info("family {}: {} structure files, alignments {}", name, structures.size(), alignmentFiles);
        }
        return out;
    }

    private static String stem(Path file) {
        return file.getFileName().toString().replaceAll("(?i)\\.gz$", "").replaceAll("\\.[^.]+$", "");
    }

    private List<Outcome> processStructure(Family family, Path file, Path outDir, FeatureCache cache) throws IOException {
        long start = System.nanoTime();
        List<Outcome> out = new ArrayList<>();
        ProteinStructure structure;
        try {
            structure = StructureFiles.read(file);
        } catch (IOException e) {
            out.add(drop(stem(file), family, file, e.getMessage()));
            return out;
        }
        String structureSha = Sha256.of(file).hex();
        boolean single = structure.chains().size() == 1;
        for (ProteinChain chain : structure.chains()) {
            String stem = stem(file);
            String id = stem.toLowerCase(Locale.ROOT).endsWith("_" + chain.chainId().toLowerCase(Locale.ROOT))
                    || chain.chainId().isBlank() ? stem : stem + "_" + chain.chainId();
            Optional<String> rejected = filters.reject(chain, structure.resolution(), structure.releaseDate());
            if (rejected.isPresent()) {
                out.add(drop(id, family, file, rejected.get()));
                continue;
            }
            List<String> a3mTexts = new ArrayList<>();
            List<Msa> msas = new ArrayList<>();
            String problem = null;
            for (ColumnAlignment alignment : family.alignments()) {
                int member = findMember(alignment, file, chain, single);
                if (member < 0) {
                    continue;
                }
                MemberConformer.Result conformed;
                try {
                    conformed = MemberConformer.conform(alignment, member, chain.sequence());
                } catch (AlignmentFormatException e) {
                    problem = e.getMessage();
                    break;
                }
                if (conformed.edits() > MAX_QUERY_EDITS * chain.length()) {
                    problem = "MSA query length mismatch: member " + alignment.names().get(member) + " of "
                            + alignment.source() + " has " + alignment.ungapped(member).length()
                            + " residues, the structure chain has " + chain.length() + " (" + conformed.mismatches()
                            + " mismatched, " + conformed.removed() + " missing from the chain, " + conformed.inserted()
                            + " missing from the alignment)";
                    break;
                }
                if (conformed.edits() > 0) {
                    LOG.info("{}: alignment member {} conformed to the chain: {} mismatched, {} removed, {} inserted",
                            id, alignment.names().get(member), conformed.mismatches(), conformed.removed(), conformed.inserted());
                }
                String text = conformed.alignment().rerootedA3m(member);
                Msa msa;
                try {
                    msa = MsaParsers.parseA3m(text, alignment.source() + " re-rooted on " + alignment.names().get(member))
                            .requireQueryLength(chain.length(), id);
                } catch (AlignmentFormatException e) {
                    problem = e.getMessage();
                    break;
                }
                a3mTexts.add(text);
                msas.add(msa);
            }
            if (problem == null && msas.isEmpty()) {
                problem = "no member of the family alignment matches the chain by name or sequence";
            }
            if (problem != null) {
                out.add(drop(id, family, file, problem));
                continue;
            }
            Msa merged = MsaMerger.merge(msas);
            Path msaFile = outDir.resolve("msas").resolve(id + ".a3m");
            AtomicFiles.writeString(msaFile, String.join("", a3mTexts));
            String msaSha = Sha256.of(msaFile).hex();
            FeatureCache.Key key = FeatureCache.Key.of(structureSha, chain.chainId(), List.of(msaSha));
            cache.getOrCompute(id, key, () -> pipeline.deterministic(chain, merged));
            SecondaryStructure ss = SecondaryStructure.of(chain);
            DatasetManifest.Entry entry = new DatasetManifest.Entry(id, family.name(), file.toAbsolutePath().toString(),
                    structureSha, chain.chainId(), chain.length(), chain.countResolvedCa(), "msas/" + id + ".a3m", msaSha,
                    merged.depth(), structure.resolution().isPresent() ? structure.resolution().getAsDouble() : null,
                    structure.releaseDate().map(Object::toString).orElse(null), ss.helixFraction(), ss.strandFraction(),
                    ss.label().text(), outDir.relativize(cache.featureFile(id)).toString());
            long now = System.nanoTime();
            out.add(new Outcome(entry, null, now - start));
            start = now;
        }
        return out;
    }

    private static Outcome drop(String id, Family family, Path file, String reason) {
        return new Outcome(null, new DatasetManifest.Dropped(id, family.name(), file.toAbsolutePath().toString(), reason), 0);
    }

    /** The alignment row for this chain: by file name (single-chain files), then by chain label, then by sequence. */
    private static int findMember(ColumnAlignment alignment, Path file, ProteinChain chain, boolean singleChainFile) {
        String fileName = file.getFileName().toString().replaceAll("(?i)\\.gz$", "");
        List<String> candidates = new ArrayList<>();
        if (singleChainFile) {
            candidates.add(fileName);
            candidates.add(stem(file));
        }
        candidates.add(stem(file) + "_" + chain.chainId());
        for (String name : candidates) {
            for (int i = 0; i < alignment.size(); i++) {
                String member = alignment.names().get(i).split("\\s+")[0];
                if (member.equalsIgnoreCase(name)) {
                    return i;
                }
            }
        }
        for (int i = 0; i < alignment.size(); i++) {
            if (alignment.ungapped(i).equals(chain.sequence())) {
                return i;
            }
        }
        return -1;
    }
}
