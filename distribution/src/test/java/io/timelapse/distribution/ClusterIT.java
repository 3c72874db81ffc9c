package io.timelapse.distribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.testdata.TinyGptNeox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code timelapse cluster} from the distribution against a real one-node Slurm ({@link LocalSlurm}):
 * a 4-task array of {@code memorization score} merges into the one-process table byte for byte,
 * also after a task was cancelled mid-run and resubmitted, and the merge refuses a missing shard and
 * a shard run with other options.
 */
class ClusterIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final List<String> TABLE = List.of("matches.npy", "table.json", "scores.csv");

    @TempDir
    Path work;

    @TempDir
    Path slurmDirectory;

    @Test
    void arrayJobSurvivesALostTaskAndMergesIntoTheOneProcessTable() throws Exception {
        Path model = Files.createDirectories(work.resolve("model"));
        for (String file : List.of("config.json", "model.safetensors")) {
            Files.copy(TinyGptNeox.file(file), model.resolve(file));
        }
        TrainingInputs.rows(work.resolve("rows.npy"), 512, 64, 512);
        String[] score = {"memorization", "score", "--model", "model", "--data", "rows.npy", "--all-rows", "--eval-batch", "1"};
        Timelapse.Running whole = Timelapse.start(work, concat(score, "--out", "whole"));

        try (LocalSlurm slurm = LocalSlurm.start(slurmDirectory)) {
            Map<String, String> env = slurm.environment();
            Path job = work.resolve("job");
            Timelapse.Result submitted = Timelapse.run(env, work, concat(new String[] {"cluster", "submit", "--array", "4", "--out", "job", "--"}, score));
            assertEquals(0, submitted.exitCode(), submitted.toString());
            JsonNode run = JSON.readTree(job.resolve("run.json").toFile());
            String jobId = run.path("results").path("job_id").asText();
            assertTrue(jobId.matches("\\d+"), run.toString());
            assertEquals(String.join(" ", score), run.path("results").path("command").asText());
            assertTrue(Files.readString(job.resolve("job.sbatch")).contains("#SBATCH --array=0-3"));

            // Cancel task 2 once its log holds a few rows beyond its header (17 bytes a row at --eval-batch 1), and wait for the array.
            Path log = job.resolve("shards/2/scores.log");
            await("shard 2 to start its log", () -> Files.exists(log) && Files.size(log) > 0);
            long started = Files.size(log);
            await("shard 2 to score its first rows", () -> Files.size(log) >= started + 4 * 17);
            slurm.run("scancel", jobId + "_2");
            awaitQueueEmpty(slurm);
            assertEquals("interrupted", status(job, 2), "shard 2 was cancelled mid-run");

            Timelapse.Result status = Timelapse.run(env, work, "cluster", "status", "job");
            assertEquals(0, status.exitCode(), status.toString());
            assertTrue(status.stdout().contains("2      interrupted"), status.stdout());
            assertTrue(status.stdout().contains("3 of 4 shards are complete; not complete and not queued: 2"), status.stdout());
            Map<Path, FileTime> finished = modificationTimes(job, 0, 1, 3);

            Timelapse.Result resubmitted = Timelapse.run(env, work, "cluster", "resubmit", "job");
            assertEquals(0, resubmitted.exitCode(), resubmitted.toString());
            assertTrue(resubmitted.stdout().contains("for shards 2 of 4"), resubmitted.stdout());
            awaitQueueEmpty(slurm);
            Timelapse.Result done = Timelapse.run(env, work, "cluster", "status", "job");
            assertTrue(done.stdout().contains("all 4 shards are complete"), done.toString() + slurm.logs());
            assertEquals(finished, modificationTimes(job, 0, 1, 3), "no finished shard was computed again");
            JsonNode resumed = JSON.readTree(job.resolve("shards/2/run.json").toFile());
            assertTrue(resumed.path("results").path("resumed_rows").asLong() > 0, "shard 2 resumed from its log: " + resumed);

            Timelapse.Result merged = Timelapse.run(env, work, "cluster", "merge", "job");
            assertEquals(0, merged.exitCode(), merged.toString());
            Timelapse.Result oneProcess = whole.finish();
            assertEquals(0, oneProcess.exitCode(), oneProcess.toString());
            for (String file : TABLE) {
                assertArrayEquals(Files.readAllBytes(work.resolve("whole").resolve(file)), Files.readAllBytes(job.resolve("merged").resolve(file)), file);
            }

            // A missing shard, then a shard run with other options: refused, and no merged run is left.
            Files.move(job.resolve("shards/3"), work.resolve("shard3"));
            Timelapse.Result missing = Timelapse.run(env, work, "cluster", "merge", "job", "--out", "again");
            assertEquals(2, missing.exitCode(), missing.toString());
            assertTrue(missing.stderr().contains("error: DIR job: shard 3 (never started) of 4 is not complete"), missing.stderr());
            Timelapse.Result other = Timelapse.run(env, work, concat(score, "--continuation", "16", "--shard", "3/4", "--out", "job/shards/3"));
            assertEquals(0, other.exitCode(), other.toString());
            Timelapse.Result mixed = Timelapse.run(env, work, "cluster", "merge", "job", "--out", "again");
            assertEquals(2, mixed.exitCode(), mixed.toString());
            assertTrue(mixed.stderr().contains("shard 3 was run with other options than shard 0: --continuation 16 (shard 0: 32)"), mixed.stderr());
            assertFalse(Files.exists(work.resolve("again")));
        } finally {
            whole.process().destroyForcibly();
        }
    }

    private static String status(Path job, int shard) throws IOException {
        return JSON.readTree(job.resolve("shards/" + shard + "/run.json").toFile()).path("status").asText();
    }

    /** The modification times of the finished shards' tables and run records. */
    private static Map<Path, FileTime> modificationTimes(Path job, int... shards) throws IOException {
        Map<Path, FileTime> times = new HashMap<>();
        for (int shard : shards) {
            for (String file : List.of("run.json", "matches.npy", "table.json", "scores.csv")) {
                Path path = job.resolve("shards/" + shard).resolve(file);
                times.put(path, Files.getLastModifiedTime(path));
            }
        }
        return times;
    }

    private static void awaitQueueEmpty(LocalSlurm slurm) throws Exception {
        await("the Slurm queue to empty", () -> slurm.run("squeue", "-h").isBlank());
    }

    private static void await(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + PATIENCE.toSeconds() + " s for " + what);
            }
            Thread.sleep(50);
        }
    }

    private static String[] concat(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
