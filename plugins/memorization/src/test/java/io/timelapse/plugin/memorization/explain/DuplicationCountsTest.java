package io.timelapse.plugin.memorization.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.timelapse.api.run.Progress;
import io.timelapse.plugin.memorization.selection.RowSelection;
import io.timelapse.plugin.memorization.selection.RowSelections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DuplicationCountsTest {

    @Test
    void rollingHashEqualsTheHashOfEachWindow() {
        WindowHash hash = new WindowHash(64, 3);
        int[] tokens = new SplittableRandom(1).ints(500, 0, 50_304).toArray();
        tokens[17] = Integer.MAX_VALUE;
        tokens[18] = -1;   // ids are read as unsigned
        long h = 0;
        for (int t = 0; t < tokens.length; t++) {
            h = t < 64 ? hash.grow(h, tokens[t]) : hash.roll(h, tokens[t], tokens[t - 64]);
            if (t >= 63) {
                assertEquals(hash.of(tokens, t - 63), h, "window ending at " + t);
            }
        }
        assertEquals(WindowHash.P - 1, WindowHash.multiply(WindowHash.P - 1, 1));
        assertEquals(1, WindowHash.multiply(WindowHash.P - 1, WindowHash.P - 1));
    }

    /** Rows of 80 tokens with the 64-token windows and 32-token prefixes of some planted across rows, overlapping and straddling. */
    @Test
    void countsOfPlantedRepeatsEqualABruteForceCount() {
        SplittableRandom random = new SplittableRandom(42);
        int[][] rows = new int[40][80];
        for (int[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                row[i] = random.nextInt(1000);
            }
        }
        // Row 3's window again at the start of rows 10 and 20, and straddling rows 30 and 31.
        copy(rows, 3, 0, 64, 10 * 80);
        copy(rows, 3, 0, 64, 20 * 80);
        copy(rows, 3, 0, 64, 30 * 80 + 50);
        // Row 5 is periodic (period 3): its window recurs at the overlapping offsets 0, 3, …, 15 of
        // itself, its prefix at 0, 3, …, 48.
        for (int i = 0; i < 80; i++) {
            rows[5][i] = 7 + i % 3;
        }
        // Row 12's prefix (not its window) in the middle of row 13 and across rows 14 and 15.
        copy(rows, 12, 0, 32, 13 * 80 + 20);
        copy(rows, 12, 0, 32, 14 * 80 + 70);
        ArrayRows data = new ArrayRows(rows);
        RowSelection selected = RowSelections.range(0, 40);
        DuplicationCounts counts = DuplicationCounts.count(data, selected, new int[] {64, 32}, 9, Progress.NONE);
        assertEquals(40L * 80, counts.streamTokens());
        DuplicationCounts small = DuplicationCounts.count(data, selected, new int[] {64, 32}, 9, Progress.NONE, 100, 33);
        for (int k = 0; k < 40; k++) {
            assertEquals(counts.count(0, k), small.count(0, k), "window of row " + k + ", read a row at a time");
            assertEquals(counts.count(1, k), small.count(1, k), "prefix of row " + k + ", read a row at a time");
        }
        for (int k = 0; k < 40; k++) {
            assertEquals(data.bruteForce(k, 64), counts.count(0, k), "window of row " + k);
            assertEquals(data.bruteForce(k, 32), counts.count(1, k), "prefix of row " + k);
        }
        assertEquals(4, counts.count(0, 3));
        assertEquals(6, counts.count(0, 5));
        assertEquals(17, counts.count(1, 5));
        assertEquals(3, counts.count(1, 12));
        assertEquals(1, counts.count(0, 12));
    }

    /** Tokens from an alphabet of three: short windows repeat everywhere, overlapping, across every row boundary. */
    @Test
    void countsOfASmallAlphabetEqualABruteForceCount() {
        SplittableRandom random = new SplittableRandom(5);
        int[][] rows = new int[60][9];
        for (int[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                row[i] = random.nextInt(3);
            }
        }
        ArrayRows data = new ArrayRows(rows);
        for (RowSelection selected : List.of(RowSelections.range(0, 60), RowSelections.random(0, 60, 17, 3))) {
            check(data, selected, DuplicationCounts.count(data, selected, new int[] {6, 3, 1}, 0, Progress.NONE));
            // Two rows read at a time and hashed 7 positions ahead: windows straddle reads and blocks.
            check(data, selected, DuplicationCounts.count(data, selected, new int[] {6, 3, 1}, 0, Progress.NONE, 20, 7));
        }
    }

    private static void check(ArrayRows data, RowSelection selected, DuplicationCounts counts) {
        for (int k = 0; k < selected.size(); k++) {
            int row = (int) selected.row(k);
            assertEquals(data.bruteForce(row, 6), counts.count(0, k), "6 tokens of row " + row);
            assertEquals(data.bruteForce(row, 3), counts.count(1, k), "3 tokens of row " + row);
            assertEquals(data.bruteForce(row, 1), counts.count(2, k), "1 token of row " + row);
        }
    }

    @Test
    void binsDoubleInWidth() {
        DuplicationBins bins = new DuplicationBins();
        bins.add(1, true);
        bins.add(1, false);
        bins.add(3, true);
        bins.add(9, false);
        List<DuplicationBins.Bin> list = bins.bins();
        assertEquals(List.of(new DuplicationBins.Bin(1, 1, 2, 1), new DuplicationBins.Bin(2, 3, 1, 1), new DuplicationBins.Bin(4, 7, 0, 0),
                new DuplicationBins.Bin(8, 15, 1, 0)), list);
        assertEquals(0.5, list.get(0).rate());
        assertEquals("2–3", list.get(1).label());
    }

    /** Copies {@code length} tokens of row {@code from} starting at {@code offset} to stream position {@code to}. */
    private static void copy(int[][] rows, int from, int offset, int length, int to) {
        int rowLength = rows[0].length;
        int[] tokens = java.util.Arrays.copyOfRange(rows[from], offset, offset + length);
        for (int i = 0; i < length; i++) {
            rows[(to + i) / rowLength][(to + i) % rowLength] = tokens[i];
        }
    }
}
