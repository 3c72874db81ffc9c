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
        err.println("error: " + message(e));
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println(helpPointer(command));
        err.flush();
        return ExitCode.USAGE;
    }

    static String helpPointer(CommandLine command) {
        return "Try '" + command.getCommandSpec().qualifiedName(" ") + " --help' for more information.";
    }

    private static String message(ParameterException e) {
        if (e instanceof UnmatchedArgumentException unmatched && !e.getCommandLine().getSubcommands().isEmpty()) {
            List<String> words = unmatched.getUnmatched();
            if (!words.isEmpty() && !words.get(0).startsWith("-")) {
                return "Unknown command: '" + words.get(0) + "'";
            }
        }
        return ErrorMessages.describe(e, null);
    }
}
