package io.timelapse.platform.shell.cluster;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.api.shard.Shard;
import io.timelapse.api.shard.Shardable;
import io.timelapse.platform.shell.CommandExecution;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * A toy plugin, {@code timelapse toy count|join|plain}, whose {@code count} is shardable, and the
 * command line around it with {@code cluster}, as the shell builds them.
 */
final class ToyCommands implements Commands {

    private final RunService runs;
    private final Slurm slurm;

    ToyCommands(RunService runs, Slurm slurm) {
        this.runs = runs;
        this.slurm = slurm;
    }

    @Override
    public CommandLine tree(String firstWord) {
        CommandLine toy = new CommandLine(new Group());
        toy.getCommandSpec().name("toy");
        for (Object command : List.of(new Count(runs), new Join(runs), new Plain())) {
            CommandLine sub = new CommandLine(command);
            CommandExecution.addCommonOptions(sub.getCommandSpec());
            toy.addSubcommand(sub);
        }
        return new CommandLine(new Root()).addSubcommand(toy).addSubcommand(Cluster.commandLine(this, () -> runs, slurm));
    }

    @Override
    public int execute(List<String> line, PrintWriter out, PrintWriter err) {
        CommandLine root = tree(line.get(0));
        root.setOut(out);
        root.setErr(err);
        return CommandExecution.execute(root, line.toArray(String[]::new), () -> runs);
    }

    @Command(name = "timelapse", mixinStandardHelpOptions = true)
    static final class Root {}

    @Command(mixinStandardHelpOptions = true)
    static final class Group {}

    /** Writes the numbers of its shard of {@code 0..items-1}, one a line. */
    @Command(name = "count", mixinStandardHelpOptions = true, description = "Count items.")
    static final class Count implements Callable<Integer>, Shardable {
        @Spec
        CommandSpec spec;
        @Mixin
        CommonOptions common;
        @Option(names = "--items", defaultValue = "10", description = "Items.")
        int items;
        @Option(names = "--threads", defaultValue = "1", description = "Threads; no result depends on them.")
        int threads;
        @Option(names = "--shard", description = "Shard i/n.")
        String shard;
        private final RunService runs;

        Count(RunService runs) {
            this.runs = runs;
        }

        @Override
        public Integer call() throws IOException {
            Shard part = shard == null ? Shard.WHOLE : Shard.parse(shard);
            StringBuilder text = new StringBuilder();
            for (long i = part.first(items); i < part.end(items); i++) {
                text.append(i).append('\n');
            }
            try (Run run = runs.start(spec, common)) {
                run.write("items.txt", out -> out.write(text.toString().getBytes(StandardCharsets.UTF_8)));
                run.succeeded();
            }
            return 0;
        }

        @Override
        public Set<String> optionsThatMayDiffer() {
            return Set.of("--threads");
        }

        @Override
        public List<String> mergeCommand(List<Path> shardRuns) {
            List<String> line = new ArrayList<>(List.of("toy", "join"));
            shardRuns.forEach(run -> line.add(run.toString()));
            return line;
        }
    }

    /** Concatenates the shards' items. */
    @Command(name = "join", mixinStandardHelpOptions = true, description = "Join counts.")
    static final class Join implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        CommonOptions common;
        @Parameters(paramLabel = "RUN", description = "Runs.")
        List<Path> shards;
        private final RunService runs;

        Join(RunService runs) {
            this.runs = runs;
        }

        @Override
        public Integer call() throws IOException {
            StringBuilder text = new StringBuilder();
            for (Path shard : shards) {
                text.append(Files.readString(shard.resolve("items.txt")));
            }
            try (Run run = runs.start(spec, common)) {
                run.write("items.txt", out -> out.write(text.toString().getBytes(StandardCharsets.UTF_8)));
                run.succeeded();
            }
            return 0;
        }
    }

    @Command(name = "plain", mixinStandardHelpOptions = true, description = "Not shardable.")
    static final class Plain implements Callable<Integer> {
        @Override
        public Integer call() {
            return 0;
        }
    }
}
