package io.timelapse.platform.shell.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Slurm's own commands, {@code sbatch}, {@code squeue} and {@code sacct}, found on the {@code PATH}. */
final class Slurm {

    private static final long TIMEOUT_SECONDS = 60;

    /** The state of each array task Slurm knows, by task index: {@code RUNNING}, {@code PENDING}, {@code CANCELLED}... */
    record Tasks(Map<Integer, String> states) {

        String state(int task) {
            return states.get(task);
        }

        boolean queued(int task) {
            String state = states.get(task);
            return state != null && QUEUED.contains(state);
        }
    }

    /** Slurm states in which a task still runs or will run. */
    private static final List<String> QUEUED = List.of("PENDING", "CONFIGURING", "RUNNING", "COMPLETING", "REQUEUED", "RESIZING",
            "SUSPENDED", "STAGE_OUT", "SIGNALING");

    private final Map<String, String> environment;

    Slurm(Map<String, String> environment) {
        this.environment = environment;
    }

    /** Whether {@code command} is on the PATH. */
    boolean has(String command) {
        return find(command) != null;
    }

    /**
     * Submits {@code script} and returns the job id. {@code options} go before the script, so they
     * override its {@code #SBATCH} lines (an {@code --array} of the tasks to run again, say).
     */
    String submit(Path script, List<String> options) throws IOException {
        List<String> command = new ArrayList<>(List.of(require("sbatch"), "--parsable"));
        command.addAll(options);
        command.add(script.toString());
        Output output = run(command);
        if (output.exitCode() != 0) {
            throw new IOException("sbatch " + script + " failed (exit " + output.exitCode() + "): " + output.oneLine());
        }
        String id = output.stdout().strip();
        int semicolon = id.indexOf(';');
        return semicolon < 0 ? id : id.substring(0, semicolon);
    }

    /**
     * What Slurm knows of the array tasks of {@code jobs}: the queue from {@code squeue}, completed
     * tasks from {@code sacct} where accounting is on. Null when {@code squeue} cannot be used;
     * a later job's state of a task wins over an earlier one's.
     */
    Tasks tasks(List<String> jobs) {
        if (jobs.isEmpty()) {
            return new Tasks(Map.of());
        }
        if (!has("squeue")) {
            return null;
        }
        Map<Integer, String> states = new HashMap<>();
        if (has("sacct")) {
            Output accounting = quietly(List.of(find("sacct"), "-n", "-P", "-X", "-j", String.join(",", jobs), "-o", "JobID,State"));
            if (accounting != null && accounting.exitCode() == 0) {
                readTasks(accounting.stdout(), "\\|", jobs, states);
            }
        }
        Output queue = quietly(List.of(find("squeue"), "-h", "-r", "-j", String.join(",", jobs), "-o", "%i %T"));
        if (queue == null) {
            return null;
        }
        // squeue asked for a single job Slurm has forgotten answers "Invalid job id": nothing of it is queued.
        if (queue.exitCode() != 0 && !queue.stderr().contains("Invalid job id")) {
            return null;
        }
        readTasks(queue.stdout(), " ", jobs, states);
        return new Tasks(states);
    }

    /** Lines {@code 12_3 RUNNING} (or {@code 12_3|CANCELLED by 0}), older jobs first so that later ones win. */
    private static void readTasks(String text, String separator, List<String> jobs, Map<Integer, String> states) {
        Map<String, Map<Integer, String>> byJob = new HashMap<>();
        for (String line : text.split("\\R")) {
            String[] fields = line.strip().split(separator, 2);
            int underscore = fields[0].indexOf('_');
            if (fields.length < 2 || underscore < 0) {
                continue;
            }
            try {
                int task = Integer.parseInt(fields[0].substring(underscore + 1));
                String state = fields[1].strip().split("\\s+")[0];
                byJob.computeIfAbsent(fields[0].substring(0, underscore), j -> new HashMap<>()).put(task, state);
            } catch (NumberFormatException rangeOfPendingTasks) {
                // 12_[0-3] appears only without -r; nothing to read
            }
        }
        for (String job : jobs) {
            states.putAll(byJob.getOrDefault(job, Map.of()));
        }
    }

    private String require(String command) throws IOException {
        String path = find(command);
        if (path == null) {
            throw new IOException(command + ": not found on the PATH; run this on a Slurm login node, or use --dry-run to write the batch script only");
        }
        return path;
    }

    private String find(String command) {
        String path = environment.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return Path.of(dir, command).toString();
            }
        }
        return null;
    }

    private Output quietly(List<String> command) {
        try {
            return run(command);
        } catch (IOException e) {
            return null;
        }
    }

    private record Output(int exitCode, String stdout, String stderr) {
        String oneLine() {
            String text = (stderr.isBlank() ? stdout : stderr).strip();
            return text.isEmpty() ? "no message" : text.replaceAll("\\s*\\R\\s*", "; ");
        }
    }

    private Output run(List<String> command) throws IOException {
        Path stdout = Files.createTempFile("timelapse-slurm", ".out");
        Path stderr = Files.createTempFile("timelapse-slurm", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().clear();
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(command.get(0) + " did not answer within " + TIMEOUT_SECONDS + " s; is slurmctld reachable?");
            }
            return new Output(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8), Files.readString(stderr, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(command.get(0) + " was interrupted", e);
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
