package io.timelapse.testkit;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.run.RunService;
import io.timelapse.platform.runs.RunServices;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs a plugin's command the way {@code timelapse <plugin> <command> ARGS} would — same command
 * tree, shared options, exit codes — with the platform's real run service writing under a folder.
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
    public record Result(int exitCode, String out, String err) {}

    public Result execute(String plugin, Object command, String... args) {
        CommandLine group = new CommandLine(new Group());
        group.getCommandSpec().name(plugin);
        CommandLine commandLine = new CommandLine(command);
        CommandSpec spec = commandLine.getCommandSpec();
        if (spec.mixins().values().stream().noneMatch(mixin -> mixin.userObject() instanceof CommonOptions)) {
            spec.addMixin("common", CommandSpec.forAnnotatedObject(new CommonOptions()));
        }
        group.addSubcommand(commandLine);
        CommandLine root = new CommandLine(new Root()).addSubcommand(group);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        root.setOut(new PrintWriter(out, true));
        root.setErr(new PrintWriter(err, true));
        root.setExecutionExceptionHandler((e, cl, parseResult) -> {
            cl.getErr().println("error: " + e.getMessage());
            return ExitCode.FAILURE;
        });
        String[] line = new String[args.length + 2];
        line[0] = plugin;
        line[1] = spec.name();
        System.arraycopy(args, 0, line, 2, args.length);
        int code = root.execute(line);
        return new Result(code, out.toString(), err.toString());
    }

    @Command(name = "timelapse")
    static final class Root {}

    @Command
    static final class Group {}
}
