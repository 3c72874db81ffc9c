package io.timelapse.platform.runs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * The command line of a run, and what the user typed when that differs: {@code timelapse demo}
 * runs {@code timelapse pythia demo} by executing the plugin's command line itself, so the root
 * still holds the user's line while the plugin group holds the one that ran.
 */
record Invocation(List<String> commandLine, List<String> invokedAs) {

    static Invocation of(CommandSpec spec) {
        CommandLine command = spec.commandLine();
        if (command == null || command.getParseResult() == null) {
            return new Invocation(words(spec), null);
        }
        CommandLine parsedBy = command;
        for (CommandLine parent = command.getParent(); parent != null && parsed(parent, command); parent = parent.getParent()) {
            parsedBy = parent;
        }
        List<String> line = words(parsedBy.getCommandSpec());
        line.addAll(parsedBy.getParseResult().originalArgs());
        CommandLine root = spec.root().commandLine();
        if (parsedBy == root || root == null || root.getParseResult() == null) {
            return new Invocation(line, null);
        }
        List<String> typed = words(root.getCommandSpec());
        typed.addAll(root.getParseResult().originalArgs());
        return new Invocation(line, typed);
    }

    /** Whether the last command line {@code parent} parsed reached {@code command}. */
    private static boolean parsed(CommandLine parent, CommandLine command) {
        ParseResult result = parent.getParseResult();
        return result != null && result.asCommandLineList().contains(command);
    }

    private static List<String> words(CommandSpec spec) {
        return new ArrayList<>(Arrays.asList(spec.qualifiedName(" ").split(" ")));
    }
}
