package io.timelapse.plugin.pythia.indexmap;

import java.io.IOException;
import java.nio.file.Path;

/** Where index maps are cached: nowhere, next to the data prefix (as gpt-neox does), or in a chosen directory. */
public final class IndexMapStore {

    private final Path directory;
    private final boolean nextToData;

    private IndexMapStore(Path directory, boolean nextToData) {
        this.directory = directory;
        this.nextToData = nextToData;
    }

    /** Builds every time and writes nothing. */
    public static IndexMapStore inMemory() {
        return new IndexMapStore(null, false);
    }

    /** Loads or writes the files beside the data prefix, like gpt-neox. */
    public static IndexMapStore nextToData() {
        return new IndexMapStore(null, true);
    }

    public static IndexMapStore in(Path directory) {
        return new IndexMapStore(directory, false);
    }

    /** The files for these parameters, or null when nothing is cached. */
    public IndexMapFiles files(Path dataPrefix, String name, long numSamples, int seqLength, long seed) {
        Path dir = nextToData ? dataPrefix.toAbsolutePath().getParent() : directory;
        return dir == null ? null : IndexMapFiles.in(dir, dataPrefix, name, numSamples, seqLength, seed);
    }

    public IndexMaps obtain(Path dataPrefix, String name, int[] sizes, int firstDocument, int documentCount, long numSamples,
            int seqLength, long seed) throws IOException {
        IndexMapFiles files = files(dataPrefix, name, numSamples, seqLength, seed);
        if (files == null) {
            return IndexMapBuilder.build(sizes, firstDocument, documentCount, numSamples, seqLength, seed);
        }
        return files.loadOrBuild(sizes, firstDocument, documentCount, numSamples, seqLength, seed);
    }
}
