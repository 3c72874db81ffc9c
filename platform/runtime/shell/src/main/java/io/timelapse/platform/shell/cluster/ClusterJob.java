package io.timelapse.platform.shell.cluster;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.timelapse.lib.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The directory of one sharded job, the run directory of {@code cluster submit}: its {@code run.json}
 * (the command and the number of shards), the batch script, {@code jobs.json} (every Slurm job
 * submitted for it), {@code shards/<i>/} (each shard's run directory) and {@code logs/} (Slurm's output).
 */
final class ClusterJob {

    static final String SCRIPT = "job.sbatch";
    static final String JOBS = "jobs.json";
    static final String SHARDS = "shards";
    static final String LOGS = "logs";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One {@code sbatch} of the job's script: the Slurm job id, the array tasks it ran, when, and by which command. */
    record Submission(String job, String array, String submitted, String by) {}

    private final Path directory;
    private final List<String> command;
    private final int shards;

    private ClusterJob(Path directory, List<String> command, int shards) {
        this.directory = directory;
        this.command = command;
        this.shards = shards;
    }

    /** A new job in {@code directory}: creates {@code shards/} and {@code logs/}. */
    static ClusterJob create(Path directory, List<String> command, int shards) throws IOException {
        Files.createDirectories(directory.resolve(SHARDS));
        Files.createDirectories(directory.resolve(LOGS));
        return new ClusterJob(directory, List.copyOf(command), shards);
    }

    /** The job {@code cluster submit} left in {@code directory}; anything else is a usage error naming DIR. */
    static ClusterJob open(Path directory, CommandLine cluster) {
        Path manifest = directory.resolve("run.json");
        String refusal = "DIR " + directory + ": ";
        if (!Files.isDirectory(directory)) {
            throw new ParameterException(cluster, refusal + (Files.exists(directory) ? "not a directory" : "no such directory")
                    + "; give the --out of 'timelapse cluster submit'");
        }
        JsonNode run;
        try {
            run = Files.exists(manifest) ? JSON.readTree(manifest.toFile()) : null;
        } catch (IOException e) {
            throw new ParameterException(cluster, refusal + "run.json is not readable (" + e.getMessage() + ")", e);
        }
        if (run == null || !"cluster".equals(run.path("plugin").asText()) || !"submit".equals(run.path("command").asText())) {
            throw new ParameterException(cluster, refusal + "holds no run of 'timelapse cluster submit'; give the --out of 'cluster submit'");
        }
        if (!"succeeded".equals(run.path("status").asText())) {
            throw new ParameterException(cluster, refusal + "its 'cluster submit' did not succeed (" + run.path("status").asText()
                    + "); submit the job again");
        }
        List<String> command = new ArrayList<>();
        run.path("config").path("command").forEach(word -> command.add(word.asText()));
        return new ClusterJob(directory, command, run.path("config").path("array").asInt());
    }

    Path directory() {
        return directory;
    }

    /** The sharded command line, the words after {@code timelapse}. */
    List<String> command() {
        return command;
    }

    int shards() {
        return shards;
    }

    Path script() {
        return directory.resolve(SCRIPT);
    }

    /** The run directory of shard {@code index}. */
    Path shard(int index) {
        return directory.resolve(SHARDS).resolve(Integer.toString(index));
    }

    List<Path> shardDirectories() {
        List<Path> all = new ArrayList<>();
        for (int i = 0; i < shards; i++) {
            all.add(shard(i));
        }
        return all;
    }

    /** The {@code run.json} of shard {@code index}, or null when the shard has not started a run. */
    JsonNode shardRun(int index) throws IOException {
        Path manifest = shard(index).resolve("run.json");
        if (!Files.exists(manifest)) {
            return null;
        }
        try {
            return JSON.readTree(manifest.toFile());
        } catch (IOException e) {
            throw new IOException(manifest + ": not readable as a run record (" + e.getMessage() + ")", e);
        }
    }

    /** Every Slurm job submitted for this job, oldest first. */
    List<Submission> submissions() throws IOException {
        Path file = directory.resolve(JOBS);
        if (!Files.exists(file)) {
            return List.of();
        }
        return JSON.readValue(file.toFile(), new TypeReference<List<Submission>>() {});
    }

    void recordSubmission(Submission submission) throws IOException {
        List<Submission> all = new ArrayList<>(submissions());
        all.add(submission);
        AtomicFiles.writeBytes(directory.resolve(JOBS), JSON.writeValueAsBytes(all));
    }
}
