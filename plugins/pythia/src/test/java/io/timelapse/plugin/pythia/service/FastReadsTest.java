package io.timelapse.plugin.pythia.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.timelapse.api.data.TrainingData;
import io.timelapse.plugin.pythia.bench.SyntheticCorpus;
import io.timelapse.plugin.pythia.preshuffled.PreshuffledDataset;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bulk reads (a batch into a caller's buffer, split over the cores when large) give exactly the tokens stored, for
 * uint16 and int32 data, whole and in shards cut at an odd byte offset: compared with the file's bytes decoded here.
 */
class FastReadsTest {

    /** 4200 rows of 65 tokens: 273,000 tokens, enough for a read split into parts. */
    private static final int ROWS = 4200;
    private static final int LENGTH = 65;

    @TempDir
    static Path tmp;

    private static SyntheticCorpus.Corpora corpora;

    @BeforeAll
    static void write() throws IOException {
        corpora = SyntheticCorpus.write(tmp, ROWS, LENGTH, 7);
    }

    /** Every token of a corpus, decoded from its .bin with a plain ByteBuffer. */
    private static int[] stored(Path prefix, int size) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(prefix.resolveSibling(prefix.getFileName() + ".bin")))
                .order(ByteOrder.LITTLE_ENDIAN);
        int[] tokens = new int[ROWS * LENGTH];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = size == 2 ? bytes.getShort() & 0xFFFF : bytes.getInt();
        }
        return tokens;
    }

    private static TrainingData open(Path path) throws IOException {
        return new PreshuffledTrainingData(path, PreshuffledDataset.open(path), 1024);
    }

    @Test
    void theShardsAreCutInsideATokenAndHoldTheSameBytes() throws IOException {
        long shard0 = Files.size(corpora.uint16FirstShard());
        assertEquals(1, shard0 % 2, "an odd shard size, so shard 1 starts in the middle of a token");
        try (TrainingData whole = open(corpora.uint16()); TrainingData shards = open(corpora.uint16FirstShard())) {
            assertEquals(ROWS, shards.rowCount());
            assertArrayEquals(whole.row(ROWS - 1), shards.row(ROWS - 1));
        }
    }

    @Test
    void batchReadsGiveTheStoredTokensFromEveryLayout() throws IOException {
        int[] uint16 = stored(corpora.uint16(), 2);
        int[] int32 = stored(corpora.int32(), 4);
        assertEquals(true, Arrays.stream(uint16).anyMatch(t -> t > Short.MAX_VALUE), "tokens above 32767 test the unsigned reading");
        checkBatches(corpora.uint16(), uint16);
        checkBatches(corpora.uint16FirstShard(), uint16);
        checkBatches(corpora.int32(), int32);
    }

    private static void checkBatches(Path path, int[] want) throws IOException {
        try (TrainingData data = open(path)) {
            // All rows in one call (split into parts), then a range at an offset into a larger buffer.
            int[] all = new int[ROWS * LENGTH];
            data.readRows(0, ROWS, all, 0);
            assertArrayEquals(want, all, path.toString());
            int[] part = new int[10 + 3000 * LENGTH];
            data.readRows(1111, 3000, part, 10);
            assertArrayEquals(Arrays.copyOfRange(want, 1111 * LENGTH, 4111 * LENGTH), Arrays.copyOfRange(part, 10, part.length));
            int[] row = new int[LENGTH];
            for (long r = 0; r < ROWS; r += 97) {
                data.readRow(r, row);
                assertArrayEquals(Arrays.copyOfRange(want, (int) r * LENGTH, (int) (r + 1) * LENGTH), row, "row " + r);
            }
            assertThrows(IndexOutOfBoundsException.class, () -> data.readRows(ROWS - 1, 2, all, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> data.readRows(0, 2, row, 0));
        }
    }

    @Test
    void rawUint16BatchesMatchTheWidenedOnes() throws IOException {
        int[] want = stored(corpora.uint16(), 2);
        for (Path path : new Path[] {corpora.uint16(), corpora.uint16FirstShard()}) {
            PreshuffledDataset data = PreshuffledDataset.open(path);
            short[] shorts = new short[5 + ROWS * LENGTH];
            data.readRowsUint16(0, ROWS, shorts, 5);
            for (int i = 0; i < want.length; i++) {
                if ((shorts[5 + i] & 0xFFFF) != want[i]) {
                    throw new AssertionError(path + ": token " + i + " is " + (shorts[5 + i] & 0xFFFF) + ", stored " + want[i]);
                }
            }
        }
    }

    /** A provider without a bulk read of its own gets the default, row by row, with the same result. */
    @Test
    void theDefaultBatchReadGoesRowByRow() throws IOException {
        int[] want = stored(corpora.int32(), 4);
        try (TrainingData bulk = open(corpora.int32())) {
            TrainingData rowByRow = new TrainingData() {
                public Path source() {
                    return bulk.source();
                }

                public long rowCount() {
                    return bulk.rowCount();
                }

                public int rowLength() {
                    return bulk.rowLength();
                }

                public int batchSize() {
                    return bulk.batchSize();
                }

                public void readRow(long index, int[] tokens) {
                    bulk.readRow(index, tokens);
                }

                public void close() {}
            };
            int[] got = new int[3 + 50 * LENGTH];
            rowByRow.readRows(20, 50, got, 3);
            assertArrayEquals(Arrays.copyOfRange(want, 20 * LENGTH, 70 * LENGTH), Arrays.copyOfRange(got, 3, got.length));
            assertThrows(IndexOutOfBoundsException.class, () -> rowByRow.readRows(-1, 1, got, 0));
        }
    }
}
