package io.timelapse.platform.shell;

import io.timelapse.api.cli.ExitCode;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A usage error in two lines, never the whole usage text: what is wrong, and where help is.
 * <pre>
 * error: Missing required option: '--model=DIR'
 * Try 'timelapse lm generate --help' for more information.
 * </pre>
 */
final class UsageErrors {

    private UsageErrors() {}

    static int report(ParameterException e) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        String unknownCommand = unknownCommand(e);
        if (unknownCommand != null) {
            err.println("error: Unknown command: '" + unknownCommand + "'; the commands of '"
                    + command.getCommandSpec().qualifiedName(" ") + "' are " + String.join(", ", command.getSubcommands().keySet()));
        } else {
            err.println("error: " + ErrorMessages.describe(e, null));
            UnmatchedArgumentException.printSuggestions(e, err);
        }
        err.println(helpPointer(command));
        err.flush();
        return ExitCode.USAGE;
    }

    static String helpPointer(CommandLine command) {
        return "Try '" + command.getCommandSpec().qualifiedName(" ") + " --help' for more information.";
    }

    /** The word that should have named a command of a group, or null when the error is another. */
    private static String unknownCommand(ParameterException e) {
        if (e instanceof UnmatchedArgumentException unmatched && !e.getCommandLine().getSubcommands().isEmpty()) {
            List<String> words = unmatched.getUnmatched();
            if (!words.isEmpty() && !words.get(0).startsWith("-")) {
                return words.get(0);
            }
        }
        return null;
    }
}
