package io.timelapse.testkit;

import io.timelapse.api.run.RunService;
import io.timelapse.platform.runs.RunServices;
import io.timelapse.platform.shell.CommandExecution;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
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
        CommandLine group = new CommandLine(new Group());
        group.getCommandSpec().name(plugin);
        CommandLine commandLine = command(command);
        group.addSubcommand(commandLine);
        return run(new CommandLine(new Root()).addSubcommand(group), prefixed(args, plugin, commandLine.getCommandName()));
    }

    /**
     * Runs a command of the platform itself, {@code timelapse <command> ARGS}, such as a group of
     * commands like {@code lm}.
     *
     * @since 1.1
     */
    public Result executeTopLevel(Object command, String... args) {
        CommandLine commandLine = command(command);
        return run(new CommandLine(new Root()).addSubcommand(commandLine), prefixed(args, commandLine.getCommandName()));
    }

    private static CommandLine command(Object command) {
        CommandLine commandLine = new CommandLine(command);
        CommandExecution.addCommonOptions(commandLine.getCommandSpec());
        return commandLine;
    }

    private Result run(CommandLine root, String[] line) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        root.setOut(new PrintWriter(out, true));
        root.setErr(new PrintWriter(err, true));
        int code = CommandExecution.execute(root, line, () -> runs);
        return new Result(code, out.toString(), err.toString());
    }

    private static String[] prefixed(String[] args, String... words) {
        String[] line = new String[words.length + args.length];
        System.arraycopy(words, 0, line, 0, words.length);
        System.arraycopy(args, 0, line, words.length, args.length);
        return line;
    }

    @Command(name = "timelapse", mixinStandardHelpOptions = true)
    static final class Root {}

    @Command(mixinStandardHelpOptions = true)
    static final class Group {}
}
