package io.timelapse.platform.shell.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Where one shard stands, from its {@code run.json} and, when Slurm answers, the queue. */
record ShardState(int index, State state, String detail) {

    enum State {
        SUCCEEDED, RUNNING, PENDING, FAILED, INTERRUPTED, LOST, NOT_STARTED;

        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    boolean complete() {
        return state == State.SUCCEEDED;
    }

    /** Neither complete nor queued: what {@code cluster resubmit} submits again. */
    boolean needsResubmission() {
        return state != State.SUCCEEDED && state != State.RUNNING && state != State.PENDING;
    }

    /** @param tasks what Slurm says of the job's tasks, or null when it cannot be asked */
    static List<ShardState> of(ClusterJob job, Slurm.Tasks tasks) throws IOException {
        List<ShardState> states = new ArrayList<>();
        for (int i = 0; i < job.shards(); i++) {
            states.add(of(i, job.shardRun(i), tasks));
        }
        return states;
    }

    private static ShardState of(int index, JsonNode run, Slurm.Tasks tasks) {
        String status = run == null ? null : run.path("status").asText();
        String slurm = tasks == null ? null : tasks.state(index);
        String slurmNote = slurm == null ? "" : "; Slurm: " + slurm;
        if ("succeeded".equals(status)) {
            return new ShardState(index, State.SUCCEEDED, "ended " + run.path("end").asText());
        }
        if (tasks != null && tasks.queued(index)) {
            boolean running = slurm.equals("RUNNING") || slurm.equals("COMPLETING");
            return new ShardState(index, running ? State.RUNNING : State.PENDING, "Slurm: " + slurm
                    + (status == null ? "" : "; run.json: " + status));
        }
        if (run == null) {
            return new ShardState(index, State.NOT_STARTED, "no run.json" + slurmNote);
        }
        return switch (status) {
            case "running" -> tasks == null
                    ? new ShardState(index, State.RUNNING, "run.json: running; Slurm could not be asked")
                    : new ShardState(index, State.LOST, "run.json: running, but Slurm no longer runs it" + slurmNote);
            case "interrupted" -> new ShardState(index, State.INTERRUPTED, "stopped by a signal" + slurmNote);
            default -> new ShardState(index, State.FAILED, "exit " + run.path("exitCode").asText() + ": " + run.path("error").asText("no error recorded")
                    + slurmNote);
        };
    }
}
