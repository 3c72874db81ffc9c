package io.timelapse.platform.shell.cluster;

import io.timelapse.api.run.RunService;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code timelapse cluster}: shardable commands as Slurm array jobs, their state, the lost shards again, and the merge. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = {"Run a shardable command as a Slurm array job: submit, status, resubmit, merge.",
                "A plugin command is shardable when it implements io.timelapse.api.shard.Shardable (memorization score does)."})
public final class Cluster {

    private Cluster() {}

    /** The {@code cluster} group and its commands; {@code slurm} finds Slurm's commands on this process's PATH. */
    public static CommandLine commandLine(Commands commands, Supplier<RunService> runs) {
        return commandLine(commands, runs, new Slurm(System.getenv()));
    }

    static CommandLine commandLine(Commands commands, Supplier<RunService> runs, Slurm slurm) {
        CommandLine group = new CommandLine(new Cluster());
        group.addSubcommand(new CommandLine(new SubmitCommand(commands, runs, slurm)));
        group.addSubcommand(new CommandLine(new StatusCommand(slurm)));
        group.addSubcommand(new CommandLine(new ResubmitCommand(slurm)));
        group.addSubcommand(new CommandLine(new MergeCommand(commands)));
        return group;
    }
}
