package io.timelapse.platform.shell.cluster;

import io.timelapse.api.cli.ExitCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code timelapse cluster status DIR}: which shards succeeded, failed, run, wait or never started. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show which shards of a job succeeded, failed, were interrupted, are running or pending, or never started.",
                "Reads each shard's run.json and, when Slurm answers, squeue (and sacct where accounting is on)."})
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The job directory, the run directory of 'timelapse cluster submit'.")
    Path directory;

    private final Slurm slurm;

    StatusCommand(Slurm slurm) {
        this.slurm = slurm;
    }

    @Override
    public Integer call() throws IOException {
        ClusterJob job = ClusterJob.open(directory, spec.commandLine());
        List<String> jobIds = job.submissions().stream().map(ClusterJob.Submission::job).toList();
        Slurm.Tasks tasks = slurm.tasks(jobIds);
        List<ShardState> states = ShardState.of(job, tasks);
        PrintWriter out = spec.commandLine().getOut();
        out.println(job.shards() + " shards of 'timelapse " + String.join(" ", job.command()) + "'");
        out.println("Slurm jobs: " + (jobIds.isEmpty() ? "none submitted" : String.join(", ", jobIds))
                + (tasks == null ? " (squeue could not be asked; states come from run.json only)" : ""));
        out.printf("%-6s %-12s %s%n", "shard", "state", "detail");
        for (ShardState state : states) {
            out.printf("%-6d %-12s %s%n", state.index(), state.state().label(), state.detail());
        }
        long complete = states.stream().filter(ShardState::complete).count();
        List<Integer> resubmit = states.stream().filter(ShardState::needsResubmission).map(ShardState::index).toList();
        if (complete == job.shards()) {
            out.println("all " + complete + " shards are complete: timelapse cluster merge " + directory);
        } else {
            out.println(complete + " of " + job.shards() + " shards are complete"
                    + (resubmit.isEmpty() ? "; the others are queued" : "; not complete and not queued: " + Ranges.of(resubmit)
                    + " (timelapse cluster resubmit " + directory + ")"));
        }
        return ExitCode.OK;
    }
}
