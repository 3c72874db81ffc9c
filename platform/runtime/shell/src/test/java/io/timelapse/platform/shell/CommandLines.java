package io.timelapse.platform.shell;

import io.timelapse.api.run.RunService;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Runs a command line through {@link CommandExecution} on a small tree, {@code timelapse <group> <command>}. */
final class CommandLines {

    @Command(name = "timelapse", mixinStandardHelpOptions = true)
    static final class Root {}

    record Result(int exitCode, String out, String err) {
        /** Whether anything printed looks like a Java stack trace. */
        boolean stackTrace() {
            String all = out + err;
            return all.contains("Exception") || all.contains("\tat ");
        }
    }

    private CommandLines() {}

    /** A root with {@code group} holding {@code commands}. */
    static CommandLine tree(String group, Object... commands) {
        CommandLine plugin = new CommandLine(new PluginGroupCommand());
        plugin.getCommandSpec().name(group);
        for (Object command : commands) {
            CommandLine sub = new CommandLine(command);
            CommandExecution.addCommonOptions(sub.getCommandSpec());
            plugin.addSubcommand(sub);
        }
        return new CommandLine(new Root()).addSubcommand(plugin);
    }

    static Result run(CommandLine root, RunService runs, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        root.setOut(new PrintWriter(out, true));
        root.setErr(new PrintWriter(err, true));
        int code = CommandExecution.execute(root, args, () -> runs);
        return new Result(code, out.toString(), err.toString());
    }
}
