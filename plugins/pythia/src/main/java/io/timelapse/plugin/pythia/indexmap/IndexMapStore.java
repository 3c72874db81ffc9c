package io.timelapse.plugin.pythia.indexmap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where index maps are cached: nowhere, next to the data prefix (as gpt-neox does), or in a chosen
 * directory. A store remembers which cached files it loaded, so a run can record them as inputs,
 * and reports the long loops of the builds it does to its {@link BuildProgress}.
 */
public final class IndexMapStore {

    private final Path directory;
    private final boolean nextToData;
    private final BuildProgress progress;
    private final List<Path> loaded = new ArrayList<>();

    private IndexMapStore(Path directory, boolean nextToData, BuildProgress progress) {
        this.directory = directory;
        this.nextToData = nextToData;
        this.progress = progress;
    }

    /** Builds every time and writes nothing. */
    public static IndexMapStore inMemory() {
        return new IndexMapStore(null, false, BuildProgress.none());
    }

    /** Loads or writes the files beside the data prefix, like gpt-neox. */
    public static IndexMapStore nextToData() {
        return new IndexMapStore(null, true, BuildProgress.none());
    }

    public static IndexMapStore in(Path directory) {
        return new IndexMapStore(directory, false, BuildProgress.none());
    }

    /** The same store reporting its builds to {@code buildProgress}. */
    public IndexMapStore reporting(BuildProgress buildProgress) {
        return new IndexMapStore(directory, nextToData, buildProgress);
    }

    /** The files for these parameters, or null when nothing is cached. */
    public IndexMapFiles files(Path dataPrefix, String name, long numSamples, int seqLength, long seed) {
        Path dir = nextToData ? dataPrefix.toAbsolutePath().getParent() : directory;
        return dir == null ? null : IndexMapFiles.in(dir, dataPrefix, name, numSamples, seqLength, seed);
    }

    public IndexMaps obtain(Path dataPrefix, String name, int[] sizes, int firstDocument, int documentCount, long numSamples,
            int seqLength, long seed) throws IOException {
        IndexMapFiles files = files(dataPrefix, name, numSamples, seqLength, seed);
        if (files != null && files.exist()) {
            IndexMaps maps = files.read();
            synchronized (loaded) {
                loaded.addAll(files.all());
            }
            return maps;
        }
        IndexMaps maps = IndexMapBuilder.build(sizes, firstDocument, documentCount, numSamples, seqLength, seed, progress);
        if (files != null) {
            files.write(maps);
        }
        return maps;
    }

    /** The cached index-map files this store has loaded instead of building, in load order. */
    public List<Path> loadedFiles() {
        synchronized (loaded) {
            return List.copyOf(loaded);
        }
    }
}
