package io.timelapse.platform.shell.cluster;

import io.timelapse.api.cli.ExitCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code timelapse cluster resubmit DIR}: the job's script again, for the shards that are neither complete nor queued. */
@Command(name = "resubmit", mixinStandardHelpOptions = true,
        description = {"Submit the job's batch script again for the shards that are neither complete nor queued.",
                "A complete shard is never run again; a shard that was killed or failed reruns in its own run directory, and a command"
                        + " that resumes (memorization score) continues from its own log there. Slurm options given here override the script's"
                        + " (a longer --time, say)."})
final class ResubmitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SlurmResources resources;

    @Parameters(paramLabel = "DIR", description = "The job directory, the run directory of 'timelapse cluster submit'.")
    Path directory;

    private final Slurm slurm;

    ResubmitCommand(Slurm slurm) {
        this.slurm = slurm;
    }

    @Override
    public Integer call() throws IOException {
        ClusterJob job = ClusterJob.open(directory, spec.commandLine());
        resources.check(spec);
        if (!slurm.has("sbatch")) {
            throw new IOException("sbatch: not found on the PATH; run this on a Slurm login node");
        }
        List<String> jobIds = job.submissions().stream().map(ClusterJob.Submission::job).toList();
        Slurm.Tasks tasks = slurm.tasks(jobIds);
        if (tasks == null) {
            throw new IOException("squeue could not be asked which shards are still queued, so none is submitted again"
                    + " (a queued shard would run twice); check that Slurm answers, then run this again");
        }
        List<Integer> shards = ShardState.of(job, tasks).stream().filter(ShardState::needsResubmission).map(ShardState::index).toList();
        PrintWriter out = spec.commandLine().getOut();
        if (shards.isEmpty()) {
            out.println("nothing to resubmit: every shard of " + directory + " is complete or queued");
            return ExitCode.OK;
        }
        String array = Ranges.of(shards);
        List<String> options = new ArrayList<>(List.of("--array=" + array));
        options.addAll(resources.sbatchOptions());
        String id = slurm.submit(job.script(), options);
        job.recordSubmission(new ClusterJob.Submission(id, array, Instant.now().toString(), "resubmit"));
        out.println("submitted Slurm job " + id + " for shards " + array + " of " + job.shards() + " → " + directory);
        return ExitCode.OK;
    }
}
