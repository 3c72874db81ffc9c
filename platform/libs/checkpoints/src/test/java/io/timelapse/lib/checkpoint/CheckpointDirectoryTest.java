package io.timelapse.lib.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.lib.safetensors.SafetensorsFile;
import io.timelapse.lib.safetensors.TensorDType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointDirectoryTest {

    static final String HASH = ConfigHash.of("run");

    @TempDir
    Path tmp;

    private CheckpointDirectory dirWithSteps(long... steps) throws IOException {
        CheckpointDirectory dir = new CheckpointDirectory(tmp.resolve("checkpoints"));
        for (long step : steps) {
            dir.write(new CheckpointWriter(step, HASH)
                    .variable("w", TensorDType.F32, new long[] {3}, CheckpointFileTest.floats(step, step + 1, step + 2))
                    .slot("sgd", "momentum", "w", TensorDType.F32, new long[] {3}, CheckpointFileTest.floats(-step, 0, step)));
        }
        return dir;
    }

    private static List<Long> steps(List<CheckpointDirectory.Entry> entries) {
        return entries.stream().map(CheckpointDirectory.Entry::step).toList();
    }

    @Test
    void namesFilesByZeroPaddedStep() {
        CheckpointDirectory dir = new CheckpointDirectory(tmp);
        assertEquals(tmp.resolve("step-000001000.safetensors"), dir.pathFor(1000));
        assertEquals(tmp.resolve("step-1234567890.safetensors"), dir.pathFor(1234567890L));
    }

    @Test
    void listsCompleteCheckpointsOldestFirstAndIgnoresOtherFiles() throws IOException {
        CheckpointDirectory dir = dirWithSteps(2000, 1000, 3000);
        Files.writeString(dir.directory().resolve("notes.txt"), "hello");
        Files.writeString(dir.directory().resolve(".step-000004000.safetensors.123.tmp"), "half written");
        assertEquals(List.of(1000L, 2000L, 3000L), steps(dir.list()));
        assertEquals(Optional.of(new CheckpointDirectory.Entry(3000, dir.pathFor(3000))), dir.latest());
    }

    @Test
    void emptyOrMissingDirectoryHasNoLatest() throws IOException {
        assertEquals(Optional.empty(), new CheckpointDirectory(tmp.resolve("none")).latest());
    }

    @Test
    void truncatedNewestCheckpointIsSkippedWithItsNameInTheReason() throws IOException {
        CheckpointDirectory dir = dirWithSteps(1000, 2000);
        Path newest = dir.pathFor(2000);
        byte[] bytes = Files.readAllBytes(newest);
        Files.write(newest, Arrays.copyOf(bytes, bytes.length - 4));
        assertEquals(Optional.of(new CheckpointDirectory.Entry(1000, dir.pathFor(1000))), dir.latest());
        CheckpointDirectory.Scan scan = dir.scan(false);
        assertEquals(List.of(1000L), steps(scan.complete()));
        assertEquals(1, scan.rejected().size());
        assertEquals(newest, scan.rejected().get(0).path());
        assertTrue(scan.rejected().get(0).reason().startsWith(newest + ": "), scan.rejected().get(0).reason());
        assertTrue(scan.rejected().get(0).reason().contains("truncated"), scan.rejected().get(0).reason());
    }

    @Test
    void flippedDataByteIsCaughtByTheChecksum() throws IOException {
        CheckpointDirectory dir = dirWithSteps(1000, 2000);
        Path newest = dir.pathFor(2000);
        long dataStart;
        try (SafetensorsFile file = SafetensorsFile.open(newest)) {
            dataStart = file.dataStart();
        }
        byte[] bytes = Files.readAllBytes(newest);
        bytes[(int) dataStart + 5] ^= 0x10;
        Files.write(newest, bytes);
        assertEquals(List.of(1000L, 2000L), steps(dir.list()), "the structure is intact");
        assertEquals(1000L, dir.latest().orElseThrow().step(), "but the data is not, so it is never used");
        CheckpointDirectory.Scan verified = dir.scan(true);
        assertEquals(List.of(1000L), steps(verified.complete()));
        assertTrue(verified.rejected().get(0).reason().contains("data checksum"), verified.rejected().get(0).reason());
    }

    @Test
    void fileWhoseMetadataStepDisagreesWithItsNameIsRejected() throws IOException {
        CheckpointDirectory dir = dirWithSteps(1000);
        Files.copy(dir.pathFor(1000), dir.pathFor(5000));
        CheckpointDirectory.Scan scan = dir.scan(false);
        assertEquals(List.of(1000L), steps(scan.complete()));
        assertTrue(scan.rejected().get(0).reason().contains("metadata says step 1000 but the file name says 5000"));
        assertEquals(1000L, dir.latest().orElseThrow().step());
    }

    @Test
    void resumedStateIsIdenticalToTheSavedState() throws IOException {
        CheckpointDirectory dir = dirWithSteps(7);
        try (Checkpoint checkpoint = Checkpoint.open(dir.latest().orElseThrow().path())) {
            assertEquals(7, checkpoint.step());
            assertArrayEquals(new float[] {7, 8, 9}, checkpoint.variable("w").toFloats());
            assertArrayEquals(new float[] {-7, 0, 7}, checkpoint.slot("sgd", "momentum", "w").toFloats());
        }
    }

    @Test
    void pruneKeepsTheNewestAndTheScheduledOnes() throws IOException {
        CheckpointDirectory dir = dirWithSteps(1, 2, 3, 4, 5, 6, 7, 8);
        Path corrupt = dir.pathFor(9);
        Files.writeString(corrupt, "garbage");
        List<Path> deleted = dir.prune(RetentionPolicy.keepLast(2).andKeep(CheckpointSchedule.logSpaced()));
        assertEquals(List.of(dir.pathFor(3), dir.pathFor(5), dir.pathFor(6)), deleted);
        assertEquals(List.of(1L, 2L, 4L, 7L, 8L), steps(dir.list()));
        assertTrue(Files.exists(corrupt), "rejected files are left for inspection");
        assertFalse(Files.exists(dir.pathFor(5)));
    }

    @Test
    void retentionPolicyByItself() {
        assertEquals(List.of(30L, 40L), RetentionPolicy.keepLast(2).retained(List.of(40L, 10L, 30L, 20L)));
        assertEquals(List.of(10L, 20L, 40L),
                RetentionPolicy.keepLast(1).andKeep(CheckpointSchedule.every(20)).andKeep(CheckpointSchedule.steps(10)).retained(List.of(10L, 20L, 30L, 40L)));
    }
}
