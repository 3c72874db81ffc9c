package io.timelapse.platform.shell;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Checks what picocli lets through before anything runs, so a usage error never leaves a run
 * directory behind: words it did not understand (even next to {@code --help}), a group without
 * its command, an unknown log level, {@code --config} keys that name no option.
 */
final class Preflight implements IExecutionStrategy {

    static final Set<String> LOG_LEVELS = Set.of("ERROR", "WARN", "INFO", "DEBUG", "TRACE");

    private final ConfigDefaults defaults;
    private final IExecutionStrategy next;

    Preflight(ConfigDefaults defaults, IExecutionStrategy next) {
        this.defaults = defaults;
        this.next = next;
    }

    @Override
    public int execute(ParseResult parsed) {
        List<CommandLine> commands = parsed.asCommandLineList();
        for (CommandLine command : commands) {
            List<String> unmatched = command.getParseResult().unmatched();
            boolean wanted = command.isUnmatchedArgumentsAllowed() || !command.getCommandSpec().unmatchedArgsBindings().isEmpty();
            if (!unmatched.isEmpty() && !wanted) {
                throw new UnmatchedArgumentException(command, unmatched);
            }
        }
        CommandLine last = commands.get(commands.size() - 1);
        if (!helpRequested(commands)) {
            if (!last.getSubcommands().isEmpty()) {
                throw new ParameterException(last, "Missing required subcommand: one of "
                        + String.join(", ", last.getSubcommands().keySet()));
            }
            checkLogLevel(last);
            defaults.validate(last.getCommandSpec());
        }
        return next.execute(parsed);
    }

    private static boolean helpRequested(List<CommandLine> commands) {
        return commands.stream().anyMatch(c -> c.isUsageHelpRequested() || c.isVersionHelpRequested());
    }

    private static void checkLogLevel(CommandLine command) {
        OptionSpec option = command.getCommandSpec().findOption("--log-level");
        Object level = option == null ? null : option.getValue();
        if (level != null && !LOG_LEVELS.contains(level.toString().toUpperCase(Locale.ROOT))) {
            throw new ParameterException(command, "--log-level " + level + ": not a log level; use ERROR, WARN, INFO, DEBUG or TRACE");
        }
    }
}
