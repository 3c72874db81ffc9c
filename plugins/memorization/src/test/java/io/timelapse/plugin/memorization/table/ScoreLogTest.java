package io.timelapse.plugin.memorization.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.shard.Shard;
import io.timelapse.plugin.memorization.selection.RowSelections;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreLogTest {

    @TempDir
    Path tmp;

    private final TableHeader header = Tables.header("m", 4L, RowSelections.range(0, 100), Shard.WHOLE);

    @Test
    void finishedBatchesSurviveReopeningAndATornTailIsCut() throws IOException {
        Path file = tmp.resolve("scores.log");
        try (ScoreLog log = ScoreLog.open(file, header, (row, matches) -> {
            throw new AssertionError("a new log has no rows");
        })) {
            log.append(new long[] {0, 1, 2}, new byte[] {32, 0, 7}, 3);
            log.append(new long[] {3, 4}, new byte[] {1, 2}, 2);
        }
        long complete = Files.size(file);
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            // A kill in the middle of the third record leaves part of it behind.
            raw.seek(complete);
            raw.writeInt(Integer.reverseBytes(4));
            raw.write(new byte[] {0, 0, 0, 0, 0, 0, 0, 5, 9});
        }
        Map<Long, Integer> recovered = new TreeMap<>();
        try (ScoreLog log = ScoreLog.open(file, header, recovered::put)) {
            assertEquals(5, log.recoveredRows());
            assertEquals(13, log.discardedBytes());
            assertEquals(Map.of(0L, 32, 1L, 0, 2L, 7, 3L, 1, 4L, 2), recovered);
            assertEquals(complete, Files.size(file));
            log.append(new long[] {5}, new byte[] {3}, 1);
        }
        recovered.clear();
        try (ScoreLog log = ScoreLog.open(file, header, recovered::put)) {
            assertEquals(6, log.recoveredRows());
            assertEquals(0, log.discardedBytes());
            assertEquals(3, recovered.get(5L));
        }
    }

    @Test
    void aCorruptRecordEndsTheReplay() throws IOException {
        Path file = tmp.resolve("scores.log");
        try (ScoreLog log = ScoreLog.open(file, header, (row, matches) -> {})) {
            log.append(new long[] {0}, new byte[] {1}, 1);
            log.append(new long[] {1}, new byte[] {2}, 1);
        }
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 5] ^= 1; // flip a bit of the last record's match count (before its CRC32)
        Files.write(file, bytes);
        Map<Long, Integer> recovered = new TreeMap<>();
        try (ScoreLog log = ScoreLog.open(file, header, recovered::put)) {
            assertEquals(Map.of(0L, 1), recovered);
            assertEquals(17, log.discardedBytes());
        }
    }

    @Test
    void aLogOfAnotherSetUpIsRefused() throws IOException {
        Path file = tmp.resolve("scores.log");
        try (ScoreLog log = ScoreLog.open(file, header, (row, matches) -> {})) {
            log.append(new long[] {0}, new byte[] {1}, 1);
        }
        TableHeader otherShard = header.withShard(new Shard(1, 2));
        IOException e = assertThrows(IOException.class, () -> ScoreLog.open(file, otherShard, (row, matches) -> {}));
        assertTrue(e.getMessage().contains("scores.log") && e.getMessage().contains("different set-up"), e.getMessage());
        Files.writeString(file, "not a log at all");
        IOException junk = assertThrows(IOException.class, () -> ScoreLog.open(file, header, (row, matches) -> {}));
        assertTrue(junk.getMessage().contains("bad magic"), junk.getMessage());
    }
}
