package io.timelapse.platform.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.api.cli.CommonOptions;
import io.timelapse.lib.files.ChecksumCache;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** A command tree shaped like the real one, {@code timelapse pythia index|info}, and run services over it. */
final class TestCommands {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Command(name = "index")
    static final class IndexCommand {
        @Mixin
        CommonOptions common;

        @Option(names = "--seq-length", defaultValue = "2048")
        int seqLength;

        @Option(names = "--split")
        String split;
    }

    @Command(name = "info")
    static final class InfoCommand {
        @Mixin
        CommonOptions common;
    }

    @Command(name = "pythia")
    static final class PluginGroup {}

    @Command(name = "timelapse")
    static final class Root {}

    private TestCommands() {}

    static RunDirectories runs(Path defaultRoot, Path cache) {
        return new RunDirectories(() -> Map.of("timelapse", "1.0.0", "plugins", Map.of("pythia", "0.1.0")), CLOCK, defaultRoot,
                ChecksumCache.in(cache), new OpenRuns());
    }

    /** Parses {@code timelapse pythia index ARGS} and returns the parsed command's specification. */
    static CommandSpec index(String... args) {
        return parse(new IndexCommand(), args);
    }

    static CommandSpec info(String... args) {
        return parse(new InfoCommand(), args);
    }

    static CommandLine tree(Object command) {
        CommandLine plugin = new CommandLine(new PluginGroup()).addSubcommand(new CommandLine(command));
        return new CommandLine(new Root()).addSubcommand(plugin);
    }

    static CommonOptions common(CommandSpec spec) {
        Object command = spec.userObject();
        return command instanceof IndexCommand index ? index.common : ((InfoCommand) command).common;
    }

    static JsonNode manifest(Path directory) throws IOException {
        return JSON.readTree(directory.resolve("run.json").toFile());
    }

    private static CommandSpec parse(Object command, String... args) {
        CommandLine root = tree(command);
        String name = command.getClass().getAnnotation(Command.class).name();
        root.parseArgs(Stream.concat(Stream.of("pythia", name), Stream.of(args)).toArray(String[]::new));
        return root.getSubcommands().get("pythia").getSubcommands().get(name).getCommandSpec();
    }
}
