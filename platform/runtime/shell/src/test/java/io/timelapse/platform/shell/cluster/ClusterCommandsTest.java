package io.timelapse.platform.shell.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.platform.runs.RunServices;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code timelapse cluster} on a toy shardable command, with stand-ins for {@code sbatch} and
 * {@code squeue} that record what they were asked and answer what the test says.
 */
class ClusterCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private ToyCommands commands;
    private Path launcher;

    record Result(int exitCode, String out, String err) {}

    @BeforeEach
    void fakeSlurm() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        executable(bin.resolve("sbatch"), "echo \"$@\" >> " + dir.resolve("sbatch.args") + "\necho '42;cluster'\n");
        executable(bin.resolve("squeue"), "cat " + dir.resolve("queue.txt") + " 2>/dev/null\n");
        launcher = executable(bin.resolve("timelapse"), "exit 0\n");
        Slurm slurm = new Slurm(Map.of("PATH", bin + ":/usr/bin:/bin"));
        commands = new ToyCommands(RunServices.create(dir.resolve("runs"), Map.of("timelapse", "test")), slurm);
    }

    @Test
    void submitWritesAnEditableScriptAndRecordsTheJob() throws IOException {
        Path prologue = Files.writeString(dir.resolve("prologue.sh"), "module load java/17\nsource '/opt/my env/bin/activate'\n");
        Result submitted = run("cluster", "submit", "--array", "3", "--max-running", "2", "--partition", "gpu", "--time", "4:00:00",
                "--gpus-per-task", "1", "--sbatch=--constraint=a100", "--prologue", prologue.toString(), "--launcher", launcher.toString(),
                "--out", dir.resolve("job").toString(), "--", "toy", "count", "--items", "7", "--seed", "3");
        assertEquals(0, submitted.exitCode(), submitted.err());
        assertTrue(submitted.out().contains("submitted Slurm job 42: 3 shards of 'toy count'"), submitted.out());
        Path job = dir.resolve("job");
        String script = Files.readString(job.resolve("job.sbatch"));
        for (String line : List.of("#SBATCH --job-name=toy-count", "#SBATCH --array=0-2%2", "#SBATCH --partition=gpu", "#SBATCH --time=4:00:00",
                "#SBATCH --cpus-per-task=1", "#SBATCH --gpus-per-task=1", "#SBATCH --constraint=a100", "#SBATCH --output=" + job + "/logs/%A_%a.out",
                "module load java/17\nsource '/opt/my env/bin/activate'\n# End of the prologue.",
                "exec " + launcher + " toy count --items 7 --seed 3 --shard \"$shard/3\" --out " + job + "/shards/\"$shard\"")) {
            assertTrue(script.contains(line), line + " in\n" + script);
        }
        assertEquals(job.resolve("job.sbatch").toString(), Files.readString(dir.resolve("sbatch.args")).strip().replace("--parsable ", ""));
        JsonNode run = JSON.readTree(job.resolve("run.json").toFile());
        assertEquals("42", run.path("results").path("job_id").asText());
        assertEquals("toy count --items 7 --seed 3", run.path("results").path("command").asText());
        assertEquals("42", JSON.readTree(job.resolve("jobs.json").toFile()).get(0).path("job").asText());
        assertTrue(Files.isDirectory(job.resolve("shards")) && Files.isDirectory(job.resolve("logs")));
    }

    @Test
    void submitRefusesWhatCannotRunBeforeAnyRunStarts() throws IOException {
        String out = dir.resolve("job").toString();
        String[][] cases = {
            {"--array", "2", "--"},
            {"--array", "2", "--", "toy", "plain"},
            {"--array", "2", "--", "toy", "count", "--shard", "0/2"},
            {"--array", "2", "--", "toy", "count", "--out", "x"},
            {"--array", "2", "--", "toy", "count", "--itmes", "3"},
            {"--array", "0", "--", "toy", "count"},
            {"--array", "2", "--time", "soon", "--", "toy", "count"},
            {"--array", "2", "--prologue", dir.resolve("none.sh").toString(), "--", "toy", "count"},
        };
        String[] errors = {
            "error: COMMAND: no command given; put the command to shard after --",
            "error: COMMAND: 'timelapse toy plain' cannot be sharded; a command is shardable when it implements io.timelapse.api.shard.Shardable",
            "error: COMMAND: leave out --shard; each task gets its own --shard i/n",
            "error: COMMAND: leave out --out; each task gets its own run directory under the job's",
            "error: COMMAND 'toy count --itmes 3': Unknown options: '--itmes', '3'",
            "error: --array 0: must be ≥ 1",
            "error: --time soon: expected minutes, [D-]HH:MM:SS or MM:SS, such as 4:00:00",
            "error: --prologue " + dir.resolve("none.sh") + ": no such file",
        };
        for (int i = 0; i < cases.length; i++) {
            List<String> args = new ArrayList<>(List.of("cluster", "submit", "--launcher", launcher.toString(), "--out", out));
            args.addAll(List.of(cases[i]));
            Result result = run(args.toArray(String[]::new));
            assertEquals(2, result.exitCode(), String.join(" ", cases[i]) + ": " + result.err());
            assertTrue(result.err().startsWith(errors[i]), result.err());
            assertFalse(Files.exists(dir.resolve("job")), "a refused submit leaves no run");
        }
        assertFalse(Files.exists(dir.resolve("sbatch.args")), "nothing was submitted");
    }

    @Test
    void mergeRefusesMissingAndMismatchedShardsAndJoinsCompleteOnesIntoTheOneProcessResult() throws IOException {
        Path job = dryRunJob("--items", "10");
        shard(0, "--items", "10");
        shard(1, "--items", "10", "--threads", "4");
        Result missing = run("cluster", "merge", job.toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().startsWith("error: DIR " + job + ": shard 2 (never started) of 3 is not complete; 'timelapse cluster resubmit "
                + job + "' runs them again"), missing.err());

        Result status = run("cluster", "status", job.toString());
        assertEquals(0, status.exitCode(), status.err());
        assertTrue(status.out().contains("Slurm jobs: none submitted"), status.out());
        assertTrue(status.out().contains("0      succeeded"), status.out());
        assertTrue(status.out().contains("2      not started  no run.json"), status.out());
        assertTrue(status.out().contains("2 of 3 shards are complete; not complete and not queued: 2"), status.out());

        shard(2, "--items", "11");
        Result mismatched = run("cluster", "merge", job.toString());
        assertEquals(2, mismatched.exitCode());
        assertTrue(mismatched.err().contains("shard 2 was run with other options than shard 0: --items 11 (shard 0: 10)"), mismatched.err());

        deleteRun(job.resolve("shards/2"));
        run("toy", "count", "--items", "10", "--shard", "1/3", "--out", job.resolve("shards/2").toString());
        Result wrongShard = run("cluster", "merge", job.toString());
        assertTrue(wrongShard.err().contains(job.resolve("shards/2") + " was run with --shard 1/3, not 2/3"), wrongShard.err());

        deleteRun(job.resolve("shards/2"));
        shard(2, "--items", "10");
        Result merged = run("cluster", "merge", job.toString());
        assertEquals(0, merged.exitCode(), merged.err());
        run("toy", "count", "--items", "10", "--out", dir.resolve("whole").toString());
        assertEquals(Files.readString(dir.resolve("whole/items.txt")), Files.readString(job.resolve("merged/items.txt")));
        assertFalse(Files.exists(dir.resolve("runs")), "cluster merge writes no run of its own");
    }

    @Test
    void resubmitSubmitsOnlyShardsThatAreNeitherCompleteNorQueued() throws IOException {
        Path job = dryRunJob("--items", "10");
        shard(0, "--items", "10");
        Files.writeString(dir.resolve("queue.txt"), "");
        Result first = run("cluster", "resubmit", job.toString(), "--time", "8:00:00");
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().contains("submitted Slurm job 42 for shards 1-2 of 3"), first.out());
        assertEquals("--parsable --array=1-2 --time=8:00:00 " + job.resolve("job.sbatch"), Files.readString(dir.resolve("sbatch.args")).strip());

        Files.writeString(dir.resolve("queue.txt"), "42_1 RUNNING\n42_2 PENDING\n");
        Result status = run("cluster", "status", job.toString());
        assertTrue(status.out().contains("1      running      Slurm: RUNNING"), status.out());
        assertTrue(status.out().contains("2      pending      Slurm: PENDING"), status.out());
        Result queued = run("cluster", "resubmit", job.toString());
        assertEquals(0, queued.exitCode());
        assertTrue(queued.out().contains("nothing to resubmit"), queued.out());

        // Shard 1's task died without a word (a node failed): its run still says running, but Slurm no longer runs it.
        Files.createDirectories(job.resolve("shards/1"));
        Files.writeString(job.resolve("shards/1/run.json"), Files.readString(job.resolve("shards/0/run.json"))
                .replace("\"status\" : \"succeeded\"", "\"status\" : \"running\""));
        Files.writeString(dir.resolve("queue.txt"), "42_2 RUNNING\n");
        Result lostStatus = run("cluster", "status", job.toString());
        assertTrue(lostStatus.out().contains("1      lost         run.json: running, but Slurm no longer runs it"), lostStatus.out());
        Result lost = run("cluster", "resubmit", job.toString());
        assertTrue(lost.out().contains("for shards 1 of 3"), lost.out());
        assertEquals(2, JSON.readTree(job.resolve("jobs.json").toFile()).size());
    }

    @Test
    void aDirectoryThatHoldsNoJobIsAUsageError() {
        Result result = run("cluster", "status", dir.toString());
        assertEquals(2, result.exitCode());
        assertTrue(result.err().startsWith("error: DIR " + dir + ": holds no run of 'timelapse cluster submit'"), result.err());
    }

    private Path dryRunJob(String... options) {
        List<String> args = new ArrayList<>(List.of("cluster", "submit", "--array", "3", "--dry-run", "--launcher", launcher.toString(),
                "--out", dir.resolve("job").toString(), "--", "toy", "count"));
        args.addAll(List.of(options));
        Result result = run(args.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result.err());
        return dir.resolve("job");
    }

    private void shard(int index, String... options) {
        List<String> args = new ArrayList<>(List.of("toy", "count", "--shard", index + "/3", "--out", dir.resolve("job/shards/" + index).toString()));
        args.addAll(List.of(options));
        Result result = run(args.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result.err());
    }

    private static void deleteRun(Path run) throws IOException {
        try (var files = Files.list(run)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(run);
    }

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = commands.execute(List.of(args), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private static Path executable(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
