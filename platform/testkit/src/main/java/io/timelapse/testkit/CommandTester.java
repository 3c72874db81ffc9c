package io.timelapse.testkit;

import io.timelapse.api.run.RunService;
import io.timelapse.platform.runs.RunServices;
import io.timelapse.platform.shell.CommandExecution;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Runs a plugin's command the way {@code timelapse <plugin> <command> ARGS} would — same command
 * tree, shared options, defaults from {@code --config} and {@code @DefaultSeed}, error messages
 * and exit codes, all through the shell's own code — with the platform's real run service
 * writing under a folder.
 */
public final class CommandTester {

    private final RunService runs;

    /** Default run directories go under {@code runsRoot}. */
    public CommandTester(Path runsRoot) {
        this.runs = RunServices.create(runsRoot, Map.of("timelapse", "test"));
    }

    public RunService runs() {
        return runs;
    }

    /** What a command printed and returned. */
    public record Result(int exitCode, String out, String err) {

        /**
         * Whether anything printed looks like a Java stack trace, which no user should ever see.
         *
         * @since 1.1
         */
        public boolean stackTrace() {
            String printed = out + err;
            return printed.contains("Exception") || printed.contains("\tat ");
        }
    }

    /** Runs {@code timelapse <plugin> <command> ARGS}. */
    public Result execute(String plugin, Object command, String... args) {
        return run(underPlugin(plugin, command), () -> runs, args);
    }

    /**
     * Runs {@code timelapse <group> <command> ARGS} in a group that also holds {@code siblings}, as a group that several
     * bundles contribute to ({@code bench}) holds each one's commands.
     *
     * @since 1.1
     */
    public Result execute(String group, Object command, List<?> siblings, String... args) {
        CommandLine commandLine = underPlugin(group, command);
        siblings.forEach(sibling -> commandLine.getParent().addSubcommand(command(sibling)));
        return run(commandLine, () -> runs, args);
    }

    /**
     * Runs a command of the platform itself, {@code timelapse <command> ARGS}, such as a group of
     * commands like {@code lm}.
     *
     * @since 1.1
     */
    public Result executeTopLevel(Object command, String... args) {
        return run(topLevel(command), () -> runs, args);
    }

    /** {@code command} as the shell's tree holds it: {@code timelapse <plugin> <command>}. */
    static CommandLine underPlugin(String plugin, Object command) {
        CommandLine group = new CommandLine(new Group());
        group.getCommandSpec().name(plugin);
        CommandLine commandLine = command(command);
        new CommandLine(new Root()).addSubcommand(group.addSubcommand(commandLine));
        return commandLine;
    }

    /** {@code command} as the shell's tree holds a platform command: {@code timelapse <command>}. */
    static CommandLine topLevel(Object command) {
        CommandLine commandLine = command(command);
        new CommandLine(new Root()).addSubcommand(commandLine);
        return commandLine;
    }

    private static CommandLine command(Object command) {
        CommandLine commandLine = new CommandLine(command);
        CommandExecution.addCommonOptions(commandLine.getCommandSpec());
        return commandLine;
    }

    /** Runs {@code command}, a command of a tree built here or one of its sub-commands, with {@code args}, from the root of its tree. */
    static Result run(CommandLine command, Supplier<RunService> runs, String... args) {
        List<String> line = new ArrayList<>();
        CommandLine root = command;
        for (; root.getParent() != null; root = root.getParent()) {
            line.add(0, root.getCommandName());
        }
        line.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        root.setOut(new PrintWriter(out, true));
        root.setErr(new PrintWriter(err, true));
        int code = CommandExecution.execute(root, line.toArray(String[]::new), runs);
        return new Result(code, out.toString(), err.toString());
    }

    @Command(name = "timelapse", mixinStandardHelpOptions = true)
    static final class Root {}

    @Command(mixinStandardHelpOptions = true)
    static final class Group {}
}
