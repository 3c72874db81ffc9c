package io.timelapse.plugin.pythia.indexmap;

import io.timelapse.lib.npy.DType;
import io.timelapse.lib.npy.Npy;
import io.timelapse.lib.npy.NpyArray;
import io.timelapse.lib.npy.NpyFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code .npy} files gpt-neox caches index maps in, under its exact names:
 * {@code {prefix}_{name}_indexmap_{ns}ns_{sl}sl_{seed}s_{doc,sample,shuffle}_idx.npy}.
 */
public final class IndexMapFiles {

    private final Path docIdx;
    private final Path sampleIdx;
    private final Path shuffleIdx;

    private IndexMapFiles(Path directory, String base) {
        this.docIdx = directory.resolve(base + "_doc_idx.npy");
        this.sampleIdx = directory.resolve(base + "_sample_idx.npy");
        this.shuffleIdx = directory.resolve(base + "_shuffle_idx.npy");
    }

    /** The base of the file names for a data prefix, dataset name ({@code train_0}, {@code valid}, …) and parameters. */
    public static String baseName(Path dataPrefix, String name, long numSamples, int seqLength, long seed) {
        return dataPrefix.getFileName() + "_" + name + "_indexmap_" + numSamples + "ns_" + seqLength + "sl_" + seed + "s";
    }

    /** The files in {@code directory}; gpt-neox itself uses the data prefix's directory. */
    public static IndexMapFiles in(Path directory, Path dataPrefix, String name, long numSamples, int seqLength, long seed) {
        return new IndexMapFiles(directory, baseName(dataPrefix, name, numSamples, seqLength, seed));
    }

    public Path docIdx() {
        return docIdx;
    }

    public Path sampleIdx() {
        return sampleIdx;
    }

    public Path shuffleIdx() {
        return shuffleIdx;
    }

    public List<Path> all() {
        return List.of(docIdx, sampleIdx, shuffleIdx);
    }

    /** Whether all three files exist (gpt-neox then loads them instead of building). */
    public boolean exist() {
        return Files.isRegularFile(docIdx) && Files.isRegularFile(sampleIdx) && Files.isRegularFile(shuffleIdx);
    }

    /** Writes the maps with numpy's exact bytes: doc_idx int32, sample_idx int32 [S+1, 2], shuffle_idx uint32. */
    public void write(IndexMaps maps) throws IOException {
        Npy.writeInts(docIdx, DType.INT32, maps.docIdx());
        Npy.writeInts(sampleIdx, DType.INT32, maps.sampleIdx(), maps.sampleIdx().length / 2, 2);
        Npy.writeInts(shuffleIdx, DType.UINT32, maps.shuffleIdx());
    }

    /** Reads the maps, accepting int64 sample_idx (gpt-neox HEAD) and int64 shuffle_idx when the values fit. */
    public IndexMaps read() throws IOException {
        int[] doc = readInts(docIdx, 1, false);
        int[] sample = readInts(sampleIdx, 2, false);
        int[] shuffle = readInts(shuffleIdx, 1, true);
        try {
            return new IndexMaps(doc, sample, shuffle);
        } catch (IllegalArgumentException e) {
            throw new NpyFormatException(shuffleIdx.toString(), "inconsistent with " + sampleIdx.getFileName() + ": " + e.getMessage());
        }
    }

    private static int[] readInts(Path file, int columns, boolean unsigned) throws IOException {
        NpyArray array = Npy.map(file);
        long[] shape = array.shape();
        boolean shapeOk = columns == 1 ? shape.length == 1 : shape.length == 2 && shape[1] == columns;
        if (!shapeOk) {
            throw new NpyFormatException(file.toString(), "shape " + Arrays.toString(shape) + ", expected "
                    + (columns == 1 ? "(n,)" : "(n, " + columns + ")"));
        }
        DType type = array.dtype();
        if (type == DType.INT32 || (unsigned && type == DType.UINT32)) {
            return array.asUnsignedIntArray();
        }
        if (type == DType.INT64 || type == DType.UINT32) {
            long limit = unsigned ? 0xFFFFFFFFL : Integer.MAX_VALUE;
            long count = array.elementCount();
            int[] out = new int[Math.toIntExact(count)];
            for (int i = 0; i < out.length; i++) {
                long v = array.getLong(i);
                if (v < 0 || v > limit) {
                    throw new NpyFormatException(file.toString(), "value " + v + " at index " + i + " is outside [0, " + limit + "]");
                }
                out[i] = (int) v;
            }
            return out;
        }
        throw new NpyFormatException(file.toString(), "dtype " + type.descriptor() + ", expected <i4"
                + (unsigned ? ", <u4" : "") + " or <i8");
    }
}
