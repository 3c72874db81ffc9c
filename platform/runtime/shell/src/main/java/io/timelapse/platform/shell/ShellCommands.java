package io.timelapse.platform.shell;

import io.timelapse.platform.shell.cluster.Commands;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;

/** The command line of what is installed now, for commands that run other commands ({@code cluster merge}). */
final class ShellCommands implements Commands {

    private final InstalledPlugins installed;

    ShellCommands(InstalledPlugins installed) {
        this.installed = installed;
    }

    @Override
    public CommandLine tree(String firstWord) {
        return new CommandTree(installed).build(firstWord);
    }

    @Override
    public int execute(List<String> line, PrintWriter out, PrintWriter err) {
        String[] args = line.toArray(String[]::new);
        CommandLine root = tree(Shell.firstWord(args));
        root.setOut(out);
        root.setErr(err);
        return CommandExecution.execute(root, args, installed::runService);
    }
}
