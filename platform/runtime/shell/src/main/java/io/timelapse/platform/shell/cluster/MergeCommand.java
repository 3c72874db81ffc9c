package io.timelapse.platform.shell.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.shard.Shard;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code timelapse cluster merge DIR}: the shards' results joined by the command's own merge. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Merge the shards of a job with the sharded command's own merge into one run, byte for byte what one process writes.",
                "Refuses a job with a shard that is not complete, a shard run with other options than the others,"
                        + " or one of another command or shard count. --out names the merged run's directory (default: DIR/merged)."})
final class MergeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "DIR", description = "The job directory, the run directory of 'timelapse cluster submit'.")
    Path directory;

    private final Commands commands;

    MergeCommand(Commands commands) {
        this.commands = commands;
    }

    @Override
    public Integer call() throws IOException {
        ClusterJob job = ClusterJob.open(directory, spec.commandLine());
        ShardedCommand sharded = ShardedCommand.parse(commands, job.command(), spec.commandLine(), "DIR " + directory + ": the job's command");
        checkShards(job, sharded);
        List<String> line = new ArrayList<>(sharded.shardable().mergeCommand(job.shardDirectories()));
        line.add("--out");
        line.add((common.out() != null ? common.out() : job.directory().resolve("merged")).toString());
        if (common.quiet()) {
            line.add("--quiet");
        }
        if (common.logLevel() != null) {
            line.addAll(List.of("--log-level", common.logLevel()));
        }
        return commands.execute(line, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    private void checkShards(ClusterJob job, ShardedCommand sharded) throws IOException {
        List<String> incomplete = new ArrayList<>();
        List<JsonNode> runs = new ArrayList<>();
        for (int i = 0; i < job.shards(); i++) {
            JsonNode run = job.shardRun(i);
            runs.add(run);
            if (run == null) {
                incomplete.add(i + " (never started)");
            } else if (!"succeeded".equals(run.path("status").asText())) {
                incomplete.add(i + " (" + run.path("status").asText() + ")");
            }
        }
        if (!incomplete.isEmpty()) {
            throw refusal((incomplete.size() == 1 ? "shard " : "shards ") + String.join(", ", incomplete) + " of " + job.shards()
                    + (incomplete.size() == 1 ? " is" : " are") + " not complete;"
                    + " 'timelapse cluster resubmit " + directory + "' runs them again");
        }
        Set<String> mayDiffer = new HashSet<>();
        sharded.shardable().optionsThatMayDiffer().forEach(option -> mayDiffer.add(RecordedOptions.key(option)));
        mayDiffer.add(sharded.shardKey());
        JsonNode reference = runs.get(0).path("config");
        for (int i = 0; i < job.shards(); i++) {
            JsonNode run = runs.get(i);
            String command = run.path("plugin").asText() + " " + run.path("command").asText();
            if (!command.equals(sharded.name())) {
                throw refusal(job.shard(i) + " holds a run of '" + command + "', not of '" + sharded.name() + "'");
            }
            String shard = run.path("config").path(sharded.shardKey()).asText();
            if (!shard.equals(new Shard(i, job.shards()).toString())) {
                throw refusal(job.shard(i) + " was run with " + sharded.shardable().shardOption() + " " + shard + ", not " + new Shard(i, job.shards()));
            }
            List<String> differences = RecordedOptions.differences(run.path("config"), reference, "shard 0", mayDiffer);
            if (!differences.isEmpty()) {
                throw refusal("shard " + i + " was run with other options than shard 0: " + String.join(", ", differences));
            }
        }
    }

    private ParameterException refusal(String why) {
        return new ParameterException(spec.commandLine(), "DIR " + directory + ": " + why);
    }
}
