package io.timelapse.lib.tokens.megatron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MMapIndexedDatasetTest {

    @TempDir
    Path tmp;

    /** gpt-neox v1.0's {@code document} corpus (300 items, uint16), as the pythia plugin's golden fixtures hold it. */
    private static Path corpusPrefix() {
        try {
            return Path.of(MMapIndexedDatasetTest.class.getResource("/megatron/document.idx").toURI()).resolveSibling("document");
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] fixture(String name) {
        try {
            return Files.readAllBytes(corpusPrefix().resolveSibling(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void readsTheFixtureCorpus() throws IOException {
        MMapIndexedDataset corpus = MMapIndexedDataset.open(corpusPrefix());
        assertEquals(TokenType.UINT16, corpus.type());
        assertEquals(300, corpus.itemCount());
        assertEquals(301, corpus.index().docCount());
        assertEquals(30_123, corpus.index().tokenCount());
        assertEquals(60_246, corpus.index().binBytes());
        for (long item = 0; item < 300; item++) {
            long[] tokens = corpus.get(item);
            assertTrue(tokens.length >= 1 && tokens.length <= 200);
            assertEquals(0, tokens[tokens.length - 1], "every document ends with EOD");
            for (int t = 0; t < tokens.length - 1; t++) {
                assertTrue(tokens[t] >= 2 && tokens[t] < 50277);
            }
            assertEquals(item, corpus.index().docIdx(item));
        }
    }

    /** The writer reproduces gpt-neox's bytes: rewriting the fixture corpus gives identical files. */
    @Test
    void writerReproducesTheFixtureFilesByteForByte() throws IOException {
        MMapIndexedDataset corpus = MMapIndexedDataset.open(corpusPrefix());
        List<long[]> items = new ArrayList<>();
        for (long i = 0; i < corpus.itemCount(); i++) {
            items.add(corpus.get(i));
        }
        Path prefix = tmp.resolve("document");
        MMapIndexedDatasetWriter.write(prefix, TokenType.UINT16, items);
        assertArrayEquals(fixture("document.idx"), Files.readAllBytes(MMapIndexedDataset.idxPath(prefix)));
        assertArrayEquals(fixture("document.bin"), Files.readAllBytes(MMapIndexedDataset.binPath(prefix)));
    }

    @ParameterizedTest
    @EnumSource(TokenType.class)
    void everyDtypeRoundTrips(TokenType type) throws IOException {
        Random random = new Random(type.code());
        List<long[]> items = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long[] tokens = new long[random.nextInt(30)];
            for (int t = 0; t < tokens.length; t++) {
                tokens[t] = switch (type) {
                    case UINT8 -> random.nextInt(256);
                    case INT8 -> random.nextInt(256) - 128;
                    case INT16 -> random.nextInt(65536) - 32768;
                    case UINT16 -> random.nextInt(65536);
                    case INT32 -> random.nextInt();
                    case INT64 -> random.nextLong();
                    case FLOAT32 -> random.nextInt(1 << 24);
                    case FLOAT64 -> random.nextInt();
                };
            }
            items.add(tokens);
        }
        Path prefix = tmp.resolve("data-" + type);
        MMapIndexedDatasetWriter.write(prefix, type, items);
        MMapIndexedDataset back = MMapIndexedDataset.open(prefix);
        assertEquals(type, back.type());
        byte[] idx = Files.readAllBytes(MMapIndexedDataset.idxPath(prefix));
        assertEquals(type.code(), idx[17]);
        for (int i = 0; i < items.size(); i++) {
            assertArrayEquals(items.get(i), back.get(i), type + " item " + i);
            if (type != TokenType.INT64) {
                int[] ints = new int[items.get(i).length];
                back.read(i, 0, ints.length, ints, 0);
                assertArrayEquals(Arrays.stream(items.get(i)).mapToInt(v -> (int) v).toArray(), ints);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> MMapIndexedDatasetWriter.write(tmp.resolve("bad"), TokenType.UINT8,
                List.of(new long[] {256})));
    }

    @Test
    void tokenTypeFollowsTheVocabularyRule() {
        assertEquals(TokenType.UINT16, TokenType.forVocabulary(50277));
        assertEquals(TokenType.INT32, TokenType.forVocabulary(65500));
    }

    // ---- corrupt and truncated inputs ----

    private Path damagedCopy(String name, byte[] idx, byte[] bin) throws IOException {
        Path prefix = tmp.resolve(name);
        Files.write(MMapIndexedDataset.idxPath(prefix), idx);
        if (bin != null) {
            Files.write(MMapIndexedDataset.binPath(prefix), bin);
        }
        return prefix;
    }

    private void assertRejected(Path prefix, String... fragments) {
        IndexedDatasetException e = assertThrows(IndexedDatasetException.class, () -> MMapIndexedDataset.open(prefix));
        assertTrue(e.getMessage().contains(prefix.getFileName().toString()), e.getMessage());
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "'" + fragment + "' missing from: " + e.getMessage());
        }
    }

    @Test
    void corruptIndexesAreRejectedWithTheField() throws IOException {
        byte[] idx = fixture("document.idx");
        byte[] bin = fixture("document.bin");
        ByteBuffer view;

        byte[] magic = idx.clone();
        magic[0] = 'T';
        assertRejected(damagedCopy("magic", magic, bin), "bad magic");

        byte[] version = idx.clone();
        ByteBuffer.wrap(version).order(ByteOrder.LITTLE_ENDIAN).putLong(9, 2);
        assertRejected(damagedCopy("version", version, bin), "version 2");

        byte[] dtype = idx.clone();
        dtype[17] = 9;
        assertRejected(damagedCopy("dtype", dtype, bin), "dtype", "9");

        assertRejected(damagedCopy("header", Arrays.copyOf(idx, 20), bin), "truncated header");
        assertRejected(damagedCopy("cut", Arrays.copyOf(idx, idx.length - 8), bin), "truncated", "len 300", "doc_count 301");
        assertRejected(damagedCopy("long", Arrays.copyOf(idx, idx.length + 1), bin), "trailing bytes");

        byte[] count = idx.clone();
        ByteBuffer.wrap(count).order(ByteOrder.LITTLE_ENDIAN).putLong(18, 1L << 40);
        assertRejected(damagedCopy("count", count, bin), "cannot fit");

        byte[] size = idx.clone();
        view = ByteBuffer.wrap(size).order(ByteOrder.LITTLE_ENDIAN);
        view.putInt(34 + 4 * 5, view.getInt(34 + 4 * 5) + 1);
        assertRejected(damagedCopy("size", size, bin), "pointers[6]");

        byte[] negative = idx.clone();
        ByteBuffer.wrap(negative).order(ByteOrder.LITTLE_ENDIAN).putInt(34 + 4 * 7, -3);
        assertRejected(damagedCopy("negative", negative, bin), "sizes[7]");

        byte[] doc = idx.clone();
        ByteBuffer.wrap(doc).order(ByteOrder.LITTLE_ENDIAN).putLong(34 + 12 * 300 + 8 * 10, 5);
        assertRejected(damagedCopy("doc", doc, bin), "doc_idx[10]");
    }

    @Test
    void binMustHoldExactlyTheIndexedTokens() throws IOException {
        byte[] idx = fixture("document.idx");
        byte[] bin = fixture("document.bin");
        assertRejected(damagedCopy("short", idx, Arrays.copyOf(bin, bin.length - 2)), "truncated", "30123 tokens", "60244");
        assertRejected(damagedCopy("extra", idx, Arrays.copyOf(bin, bin.length + 2)), "trailing bytes");
        assertRejected(damagedCopy("nobin", idx, null), "no such data file");
        IndexedDatasetException missing = assertThrows(IndexedDatasetException.class,
                () -> MMapIndexedDataset.open(tmp.resolve("absent")));
        assertTrue(missing.getMessage().contains("absent.idx"));
    }

    @Test
    void readsOutsideAnItemFail() throws IOException {
        MMapIndexedDataset corpus = MMapIndexedDataset.open(corpusPrefix());
        int size = corpus.index().size(0);
        assertThrows(IndexOutOfBoundsException.class, () -> corpus.get(0, size - 1, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> corpus.get(300));
        assertEquals(2, corpus.get(0, size - 2, 2).length);
    }
}
