package io.timelapse.plugin.pythia.preshuffled;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.lib.npy.DType;
import io.timelapse.lib.npy.NpyArray;
import io.timelapse.plugin.pythia.Fixtures;
import io.timelapse.lib.tokens.megatron.IndexedDatasetException;
import io.timelapse.lib.tokens.megatron.MMapIndexedDataset;
import io.timelapse.lib.tokens.megatron.TokenType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pre-shuffled layout: batches straight from the shards, and unsharding. */
class PreshuffledFixtureTest {

    private static final String FIRST_SHARD = "preshuffled/document-00000-of-00003.bin";

    @TempDir
    Path tmp;

    private static void assertBatch(String expectedFile, PreshuffledDataset data, long firstRow, int rows) {
        NpyArray expected = Fixtures.npy("preshuffled/expected/" + expectedFile);
        assertEquals(DType.UINT16, expected.dtype());
        assertArrayEquals(new long[] {rows, 65}, expected.shape());
        short[] raw = new short[rows * 65];
        data.readRowsUint16(firstRow, rows, raw, 0);
        assertArrayEquals(expected.asShortArray(), raw, expectedFile);
        int[] ints = new int[rows * 65];
        data.readRows(firstRow, rows, ints, 0);
        assertArrayEquals(expected.asIntArray(), ints, expectedFile);
        byte[] bytes = data.readRowsRaw(firstRow, rows);
        assertArrayEquals(expected.asShortArray(), NpyArray.of(DType.UINT16, toInts(bytes)).asShortArray());
    }

    private static int[] toInts(byte[] littleEndian) {
        int[] out = new int[littleEndian.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (littleEndian[2 * i] & 0xFF) | (littleEndian[2 * i + 1] & 0xFF) << 8;
        }
        return out;
    }

    @Test
    void shardsAreAddressedByByteOffset() throws IOException {
        PreshuffledDataset data = PreshuffledDataset.open(Fixtures.path(FIRST_SHARD));
        assertEquals(4, data.bin().shardCount());
        assertEquals(40_000, data.bin().shardSize());
        assertEquals(124_800, data.bin().size());
        assertEquals(960, data.rowCount());
        assertEquals(65, data.rowLength());
        assertEquals(TokenType.UINT16, data.type());
        // Row 307 starts at byte 39,910 in shard 0 and ends in shard 1.
        assertEquals(39_910, data.rowOffset(307));
        assertEquals(0, data.bin().shardOf(data.rowOffset(307)));
        assertEquals(1, data.bin().shardOf(data.rowOffset(308) - 1));
    }

    @Test
    void batchesEqualBatchViewerOutput() throws IOException {
        PreshuffledDataset sharded = PreshuffledDataset.open(Fixtures.path(FIRST_SHARD));
        Path unsharded = tmp.resolve("document");
        Unsharder.unshard(Fixtures.path(FIRST_SHARD), unsharded);
        PreshuffledDataset whole = PreshuffledDataset.open(unsharded);
        for (PreshuffledDataset data : new PreshuffledDataset[] {sharded, whole}) {
            assertBatch("batch_step0.npy", data, 0, 8);
            assertBatch("batch_step1.npy", data, 8, 8);
            assertBatch("batch_step119.npy", data, 119 * 8, 8);
            PreshuffledDataset.RowRange range = data.stepRows(2, 4, 8);
            assertEquals(16, range.first());
            assertEquals(24, range.count());
            assertBatch("indicies_start2_end4.npy", data, range.first(), (int) range.count());
        }
    }

    @Test
    void everyRowIsTheTrainingSampleOfTheSameIndex() throws IOException {
        PreshuffledDataset data = PreshuffledDataset.open(Fixtures.path(FIRST_SHARD));
        NpyArray samples = Fixtures.npy("expected/samples_all.npy");
        int[] rows = new int[960 * 65];
        data.readRows(0, 960, rows, 0);
        for (int r = 0; r < 960; r++) {
            long[] want = Fixtures.row(samples, r);
            for (int j = 0; j < 65; j++) {
                assertEquals(want[j], rows[r * 65 + j], "row " + r + " token " + j);
            }
        }
        // Any batch size: 960 rows as 3 steps of 320.
        int[] step2 = new int[320 * 65];
        data.readRows(PreshuffledDataset.firstRowOfStep(2, 320), 320, step2, 0);
        assertArrayEquals(Arrays.copyOfRange(rows, 640 * 65, 960 * 65), step2);
        assertThrows(IndexOutOfBoundsException.class, () -> data.stepRows(2, 3, 320));
    }

    @Test
    void unshardVerifiesSizesAndHashesTheResult() throws IOException {
        Path out = tmp.resolve("merged/document");
        Unsharder.Result result = Unsharder.unshard(Fixtures.path(FIRST_SHARD), out);
        assertEquals(124_800, result.bytes());
        assertEquals(4, result.shards());
        // sha256sum of the four shards concatenated, computed outside this code.
        assertEquals("577c8cc2bb34dd687e37aab6d569f2db5160564b45857460f4f6e6f2f9128a23", result.sha256());
        assertArrayEquals(Fixtures.bytes("preshuffled/document.idx"), Files.readAllBytes(MMapIndexedDataset.idxPath(out)));
        assertEquals(124_800, Files.size(MMapIndexedDataset.binPath(out)));
    }

    @Test
    void damagedShardSetsAreRejected() throws IOException {
        Path dir = Fixtures.copyFolder("preshuffled", tmp.resolve("copy"));
        Path first = dir.resolve("document-00000-of-00003.bin");

        Files.write(dir.resolve("document-00001-of-00003.bin"), new byte[39_998]);
        IndexedDatasetException uneven = assertThrows(IndexedDatasetException.class, () -> PreshuffledDataset.open(first));
        assertTrue(uneven.getMessage().contains("shard 1 has 39998 bytes"), uneven.getMessage());
        Files.write(dir.resolve("document-00001-of-00003.bin"), new byte[40_000]);

        Files.write(dir.resolve("document-00003-of-00003.bin"), new byte[4_798]);
        IndexedDatasetException shortTotal = assertThrows(IndexedDatasetException.class, () -> Unsharder.unshard(first, dir.resolve("x")));
        assertTrue(shortTotal.getMessage().contains("124798 bytes") && shortTotal.getMessage().contains("124800"),
                shortTotal.getMessage());
        assertThrows(IndexedDatasetException.class, () -> PreshuffledDataset.open(first));

        Files.delete(dir.resolve("document-00002-of-00003.bin"));
        IndexedDatasetException missing = assertThrows(IndexedDatasetException.class, () -> PreshuffledDataset.open(first));
        assertTrue(missing.getMessage().contains("missing shard 2"), missing.getMessage());

        IndexedDatasetException notFirst = assertThrows(IndexedDatasetException.class,
                () -> PreshuffledDataset.open(dir.resolve("document-00001-of-00003.bin")));
        assertTrue(notFirst.getMessage().contains("first shard"), notFirst.getMessage());
    }

    @Test
    void nonUniformItemsAreNotAPreshuffledLayout() {
        IndexedDatasetException e = assertThrows(IndexedDatasetException.class, () -> PreshuffledDataset.open(Fixtures.corpusPrefix()));
        assertTrue(e.getMessage().contains("not a pre-shuffled layout"), e.getMessage());
    }
}
