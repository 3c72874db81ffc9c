package io.timelapse.plugin.dsb.ngram.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * The items of a Megatron / GPT-NeoX {@code MMapIndexedDataset} ({@code PREFIX.bin} with its {@code PREFIX.idx}):
 * documents of a tokenized corpus, or the equally long rows of a pre-shuffled training set. Reads the index header,
 * the item sizes and pointers, checks them against the {@code .bin}, and reads items with positional reads.
 */
public final class MegatronTokens implements TokenSequences {

    private static final byte[] MAGIC = "MMIDIDX\0\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final int HEADER_BYTES = 34;

    private final Path idx;
    private final Path bin;
    private final FileChannel data;
    private final int elementBytes;
    private final boolean unsigned;
    private final int[] sizes;
    private final long[] pointers;
    private final int maxLength;
    private final long tokens;

    private MegatronTokens(Path idx, Path bin, FileChannel data, int elementBytes, boolean unsigned, int[] sizes, long[] pointers) {
        this.idx = idx;
        this.bin = bin;
        this.data = data;
        this.elementBytes = elementBytes;
        this.unsigned = unsigned;
        this.sizes = sizes;
        this.pointers = pointers;
        this.maxLength = Arrays.stream(sizes).max().orElse(0);
        this.tokens = Arrays.stream(sizes).asLongStream().sum();
    }

    /** Whether {@code path} names a {@code .bin}, an {@code .idx} or the prefix of such a pair. */
    public static boolean names(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        return name.endsWith(".bin") || name.endsWith(".idx") || Files.exists(sibling(path, ".bin")) || Files.exists(sibling(path, ".idx"));
    }

    public static Path prefixOf(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith(".bin") || name.endsWith(".idx") ? path.resolveSibling(name.substring(0, name.length() - 4)) : path;
    }

    private static Path sibling(Path prefix, String extension) {
        return prefix.resolveSibling(prefix.getFileName() + extension);
    }

    /** Opens {@code PREFIX.bin} and {@code PREFIX.idx}; every problem is an {@link IOException} naming the file. */
    public static MegatronTokens open(Path path) throws IOException {
        Path prefix = prefixOf(path);
        Path idx = sibling(prefix, ".idx");
        Path bin = sibling(prefix, ".bin");
        if (!Files.isRegularFile(idx)) {
            throw new IOException("no index file " + idx + " next to " + bin);
        }
        if (!Files.isRegularFile(bin)) {
            throw new IOException("no data file " + bin + " next to " + idx);
        }
        ByteBuffer index = ByteBuffer.wrap(Files.readAllBytes(idx)).order(ByteOrder.LITTLE_ENDIAN);
        if (index.limit() < HEADER_BYTES) {
            throw new IOException(idx + ": truncated: " + index.limit() + " bytes, the header alone needs " + HEADER_BYTES);
        }
        byte[] magic = new byte[MAGIC.length];
        index.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException(idx + ": not a Megatron index (the file does not start with MMIDIDX)");
        }
        long version = index.getLong();
        if (version != 1) {
            throw new IOException(idx + ": index version " + version + ", only version 1 is known");
        }
        int code = index.get();
        int elementBytes = switch (code) {
            case 1, 2 -> 1;
            case 3, 8 -> 2;
            case 4 -> 4;
            case 5 -> 8;
            default -> throw new IOException(idx + ": dtype code " + code + " is not an integer token type");
        };
        long count = index.getLong();
        long documents = index.getLong();
        long expected = HEADER_BYTES + 12 * count + 8 * documents;
        if (count < 0 || documents < 0 || count > Integer.MAX_VALUE || index.limit() != expected) {
            throw new IOException(idx + ": " + index.limit() + " bytes, but its header promises " + count + " items and " + documents
                    + " document boundaries (" + expected + " bytes)");
        }
        int[] sizes = new int[(int) count];
        long[] pointers = new long[(int) count];
        index.asIntBuffer().get(sizes);
        index.position(HEADER_BYTES + 4 * (int) count);
        index.slice().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(pointers);
        long offset = 0;
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] < 0 || pointers[i] != offset) {
                throw new IOException(idx + ": item " + i + " has size " + sizes[i] + " at byte " + pointers[i] + ", expected byte " + offset);
            }
            offset += (long) sizes[i] * elementBytes;
        }
        FileChannel channel = FileChannel.open(bin, StandardOpenOption.READ);
        if (channel.size() != offset) {
            long size = channel.size();
            channel.close();
            throw new IOException(bin + ": " + size + " bytes, but " + idx + " lists " + offset + (size < offset ? " (truncated)" : ""));
        }
        return new MegatronTokens(idx, bin, channel, elementBytes, code == 1 || code == 8, sizes, pointers);
    }

    @Override
    public String describe() {
        return bin + " (" + sizes.length + " items, " + tokens + " tokens)";
    }

    @Override
    public List<Path> files() {
        return List.of(idx, bin);
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
        int i = Math.toIntExact(index);
        ByteBuffer buffer = ByteBuffer.allocate(sizes[i] * elementBytes).order(ByteOrder.LITTLE_ENDIAN);
        try {
            long position = pointers[i];
            while (buffer.hasRemaining()) {
                int read = data.read(buffer, position + buffer.position());
                if (read < 0) {
                    throw new IOException(bin + ": ends inside item " + i);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        buffer.flip();
        for (int t = 0; t < sizes[i]; t++) {
            out[t] = switch (elementBytes) {
                case 1 -> unsigned ? buffer.get() & 0xFF : buffer.get();
                case 2 -> unsigned ? buffer.getShort() & 0xFFFF : buffer.getShort();
                case 4 -> buffer.getInt();
                default -> checkedInt(buffer.getLong(), i, t);
            };
        }
    }

    private int checkedInt(long value, int item, int position) {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalStateException(bin + ": item " + item + ", position " + position + ": token id " + value + " does not fit an int");
        }
        return (int) value;
    }

    @Override
    public void close() throws IOException {
        data.close();
    }
}
