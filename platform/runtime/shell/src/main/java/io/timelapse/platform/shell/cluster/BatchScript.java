package io.timelapse.platform.shell.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code sbatch} script of a sharded job, written to be read and edited: the {@code #SBATCH}
 * lines, the user's prologue verbatim, and one {@code timelapse} command line in which only the
 * shard and the run directory depend on the array task.
 */
record BatchScript(String jobName, int shards, Integer maxRunning, SlurmResources resources, String prologue, Path workDirectory,
                   Path jobDirectory, List<String> launcher, List<String> command, String shardOption) {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    String text() {
        StringBuilder script = new StringBuilder();
        script.append("#!/bin/bash\n");
        script.append("# Written by 'timelapse cluster submit': ").append(shards).append(" shards of 'timelapse ")
                .append(String.join(" ", command)).append("',\n");
        script.append("# one per task of a Slurm array. Edit it freely: 'timelapse cluster resubmit ").append(jobDirectory)
                .append("'\n# submits this file again for the shards that are not complete.\n");
        for (String directive : directives()) {
            script.append("#SBATCH ").append(quote(directive)).append('\n');
        }
        if (prologue != null) {
            script.append("\n# Prologue (--prologue), verbatim:\n").append(prologue);
            if (!prologue.endsWith("\n")) {
                script.append('\n');
            }
            script.append("# End of the prologue.\n");
        }
        script.append("\nshard=${SLURM_ARRAY_TASK_ID:?submit this script with sbatch --array}\n");
        script.append("# Timelapse computes on as many threads as the task has CPUs, unless TIMELAPSE_THREADS says otherwise.\n");
        script.append("export TIMELAPSE_THREADS=\"${TIMELAPSE_THREADS:-${SLURM_CPUS_PER_TASK:-1}}\"\n");
        List<String> words = new ArrayList<>();
        launcher.forEach(word -> words.add(quote(word)));
        command.forEach(word -> words.add(quote(word)));
        words.add(shardOption);
        words.add("\"$shard/" + shards + "\"");
        words.add("--out");
        words.add(quote(jobDirectory.resolve(ClusterJob.SHARDS) + "/") + "\"$shard\"");
        script.append("exec ").append(String.join(" ", words)).append('\n');
        return script.toString();
    }

    /** {@code 0-511}, or {@code 0-511%64} with at most 64 tasks at a time. */
    String array() {
        return "0-" + (shards - 1) + (maxRunning == null ? "" : "%" + maxRunning);
    }

    private List<String> directives() {
        List<String> lines = new ArrayList<>();
        lines.add("--job-name=" + jobName);
        lines.add("--array=" + array());
        lines.add("--nodes=1");
        lines.add("--ntasks=1");
        lines.addAll(resources.sbatchOptions());
        lines.add("--chdir=" + workDirectory);
        lines.add("--output=" + jobDirectory.resolve(ClusterJob.LOGS) + "/%A_%a.out");
        return lines;
    }

    /** A word as the shell reads it: as it is when that is safe, in single quotes otherwise. */
    static String quote(String word) {
        if (PLAIN.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
