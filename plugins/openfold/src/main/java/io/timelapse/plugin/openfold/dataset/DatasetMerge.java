package io.timelapse.plugin.openfold.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Joins the shards of one {@code openfold dataset build} into the data set one process would have built. */
public final class DatasetMerge {

    /** The folders of a built data set that hold one file per chain. */
    private static final List<String> FOLDERS = List.of("msas", "features");

    private DatasetMerge() {}

    /**
     * Checks that the shards are every shard {@code 0..n-1} of one build (same inputs and filters), once each.
     *
     * @param runs the shards' run directories, in any order
     * @return the run directories in shard order
     * @throws IllegalArgumentException naming the shard that does not fit
     * @throws IOException naming a shard record or manifest that cannot be read
     */
    public static List<Path> check(List<Path> runs) throws IOException {
        DatasetShard first = DatasetShard.read(runs.get(0));
        DatasetManifest firstManifest = DatasetManifest.read(runs.get(0).resolve("manifest.json"));
        Path[] byShard = new Path[first.shard().count()];
        for (Path run : runs) {
            DatasetShard shard = DatasetShard.read(run);
            DatasetManifest manifest = DatasetManifest.read(run.resolve("manifest.json"));
            String prefix = run + " cannot be merged with " + runs.get(0) + ": ";
            if (shard.shard().count() != first.shard().count()) {
                throw new IllegalArgumentException(prefix + "shard " + shard.shard() + " is of another split than shard " + first.shard());
            }
            if (!manifest.description().equals(firstManifest.description())) {
                throw new IllegalArgumentException(prefix + "built with other options: " + manifest.description() + " (there: "
                        + firstManifest.description() + ")");
            }
            if (shard.structures() != first.structures()) {
                throw new IllegalArgumentException(prefix + "its inputs held " + shard.structures() + " structure files, there "
                        + first.structures());
            }
            int index = shard.shard().index();
            if (byShard[index] != null) {
                throw new IllegalArgumentException("shard " + shard.shard() + " given twice: " + byShard[index] + " and " + run);
            }
            byShard[index] = run;
        }
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < byShard.length; i++) {
            if (byShard[i] == null) {
                missing.add(i);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("missing " + (missing.size() == 1 ? "shard " : "shards ")
                    + String.join(", ", missing.stream().map(String::valueOf).toList()) + " of " + byShard.length
                    + "; give the run directory of every shard");
        }
        return List.of(byShard);
    }

    /** Copies the shards' MSAs and features into {@code out} and writes their manifests, joined in shard order, as its manifest. */
    public static DatasetManifest merge(List<Path> shardsInOrder, Path out) throws IOException {
        List<DatasetManifest.Entry> kept = new ArrayList<>();
        List<DatasetManifest.Dropped> dropped = new ArrayList<>();
        DatasetManifest first = null;
        for (Path shard : shardsInOrder) {
            DatasetManifest manifest = DatasetManifest.read(shard.resolve("manifest.json"));
            first = first == null ? manifest : first;
            kept.addAll(manifest.chains());
            dropped.addAll(manifest.dropped());
            for (String folder : FOLDERS) {
                copyFiles(shard.resolve(folder), out.resolve(folder));
            }
        }
        DatasetManifest merged = new DatasetManifest(first.format(), first.description(), kept, dropped);
        merged.write(out.resolve("manifest.json"));
        return merged;
    }

    private static void copyFiles(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
