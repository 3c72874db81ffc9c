package io.timelapse.platform.shell.cluster;

import io.timelapse.api.shard.Shardable;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The command a cluster job shards, parsed from its command line into a fresh tree: the instance
 * whose {@link Shardable} methods say how to shard and merge it.
 */
final class ShardedCommand {

    private final List<String> line;
    private final CommandLine command;
    private final Shardable shardable;

    private ShardedCommand(List<String> line, CommandLine command, Shardable shardable) {
        this.line = List.copyOf(line);
        this.command = command;
        this.shardable = shardable;
    }

    /**
     * Parses {@code line} (the words after {@code timelapse}); a line that does not parse, or whose
     * command is not shardable, is a usage error of {@code cluster} that names {@code source}.
     */
    static ShardedCommand parse(Commands commands, List<String> line, CommandLine cluster, String source) {
        if (line.isEmpty()) {
            throw new ParameterException(cluster, source + ": no command given; put the command to shard after --,"
                    + " such as -- memorization score --model DIR --data FILE");
        }
        CommandLine tree = commands.tree(line.get(0));
        ParseResult parsed;
        try {
            parsed = tree.parseArgs(line.toArray(String[]::new));
        } catch (ParameterException e) {
            throw new ParameterException(cluster, source + " '" + String.join(" ", line) + "': " + e.getMessage(), e);
        }
        List<CommandLine> path = parsed.asCommandLineList();
        CommandLine command = path.get(path.size() - 1);
        String name = command.getCommandSpec().qualifiedName(" ");
        if (!(command.getCommandSpec().userObject() instanceof Shardable shardable)) {
            throw new ParameterException(cluster, source + ": '" + name + "' cannot be sharded; a command is shardable when it"
                    + " implements io.timelapse.api.shard.Shardable, as 'timelapse memorization score' does");
        }
        OptionSpec shardOption = command.getCommandSpec().findOption(shardable.shardOption());
        if (shardOption == null) {
            throw new ParameterException(cluster, source + ": '" + name + "' declares the shard option " + shardable.shardOption()
                    + " but has no such option");
        }
        ParseResult own = deepest(parsed);
        for (String given : List.of(shardable.shardOption(), "--out")) {
            if (own.hasMatchedOption(given)) {
                throw new ParameterException(cluster, source + ": leave out " + given + "; each task gets its own "
                        + ("--out".equals(given) ? "run directory under the job's" : given + " i/n"));
            }
        }
        return new ShardedCommand(line, command, shardable);
    }

    private static ParseResult deepest(ParseResult parsed) {
        ParseResult current = parsed;
        while (current.hasSubcommand()) {
            current = current.subcommand();
        }
        return current;
    }

    /** The words after {@code timelapse}, as given. */
    List<String> line() {
        return line;
    }

    /** {@code memorization score}. */
    String name() {
        String qualified = command.getCommandSpec().qualifiedName(" ");
        return qualified.substring(qualified.indexOf(' ') + 1);
    }

    Shardable shardable() {
        return shardable;
    }

    /** The key under which {@code run.json} records the shard option. */
    String shardKey() {
        return RecordedOptions.key(shardable.shardOption());
    }
}
