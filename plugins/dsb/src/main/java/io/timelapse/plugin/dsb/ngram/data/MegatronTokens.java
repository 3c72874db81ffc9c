package io.timelapse.plugin.dsb.ngram.data;

import io.timelapse.lib.tokens.megatron.MMapIndexedDataset;
import io.timelapse.lib.tokens.megatron.TokenType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The items of a Megatron / GPT-NeoX {@code MMapIndexedDataset} ({@code PREFIX.bin} with its {@code PREFIX.idx}) as token
 * sequences: documents of a tokenized corpus, or the equally long rows of a pre-shuffled training set. The tokens library
 * reads and validates the files.
 */
public final class MegatronTokens implements TokenSequences {

    private final MMapIndexedDataset dataset;
    private final int[] sizes;
    private final int maxLength;
    private final long tokens;

    private MegatronTokens(MMapIndexedDataset dataset) {
        this.dataset = dataset;
        this.sizes = dataset.index().sizes();
        this.maxLength = Arrays.stream(sizes).max().orElse(0);
        this.tokens = dataset.index().tokenCount();
    }

    /** Whether {@code path} names a {@code .bin}, an {@code .idx} or the prefix of such a pair. */
    public static boolean names(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        return name.endsWith(".bin") || name.endsWith(".idx") || Files.exists(MMapIndexedDataset.binPath(path))
                || Files.exists(MMapIndexedDataset.idxPath(path));
    }

    public static Path prefixOf(Path path) {
        return MMapIndexedDataset.prefixOf(path);
    }

    /** Opens {@code PREFIX.bin} and {@code PREFIX.idx} of integer tokens; every problem is an {@link IOException} naming the file. */
    public static MegatronTokens open(Path path) throws IOException {
        Path prefix = prefixOf(path);
        Path idx = MMapIndexedDataset.idxPath(prefix);
        Path bin = MMapIndexedDataset.binPath(prefix);
        if (!Files.isRegularFile(idx)) {
            throw new IOException("no index file " + idx + " next to " + bin);
        }
        MMapIndexedDataset dataset = MMapIndexedDataset.open(prefix);
        if (dataset.type() == TokenType.FLOAT32 || dataset.type() == TokenType.FLOAT64) {
            throw new IOException(idx + ": dtype " + dataset.type() + " is not an integer token type");
        }
        return new MegatronTokens(dataset);
    }

    @Override
    public String describe() {
        return MMapIndexedDataset.binPath(dataset.prefix()) + " (" + sizes.length + " items, " + tokens + " tokens)";
    }

    @Override
    public List<Path> files() {
        return List.of(MMapIndexedDataset.idxPath(dataset.prefix()), MMapIndexedDataset.binPath(dataset.prefix()));
    }

    @Override
    public long count() {
        return sizes.length;
    }

    @Override
    public int length(long index) {
        return sizes[Math.toIntExact(index)];
    }

    @Override
    public int maxLength() {
        return maxLength;
    }

    @Override
    public long pairCount() {
        return tokens - Arrays.stream(sizes).filter(s -> s > 0).count();
    }

    /** The length every item has, or -1 when the lengths differ (a document dataset) or there are none. */
    public int commonLength() {
        return sizes.length > 0 && Arrays.stream(sizes).allMatch(s -> s == sizes[0]) ? sizes[0] : -1;
    }

    @Override
    public void read(long index, int[] out) {
        dataset.read(index, 0, length(index), out, 0);
    }

    @Override
    public void close() {
        // The dataset is memory-mapped; the mapping is released with the object.
    }
}
