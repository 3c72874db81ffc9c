package io.timelapse.platform.shell;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.run.RunService;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Executes a command line the way {@code timelapse} does: the shared options on every command,
 * defaults from {@code --config} and {@link io.timelapse.api.cli.DefaultSeed}, checks before
 * anything runs, and errors in one line each. Public for the testkit, so that a plugin's tests
 * see exactly what its users see.
 */
public final class CommandExecution {

    private CommandExecution() {}

    /** Every command accepts the shared options, even one whose author did not mix them in. */
    public static void addCommonOptions(CommandSpec spec) {
        boolean present = spec.mixins().values().stream().anyMatch(mixin -> mixin.userObject() instanceof CommonOptions);
        if (!present) {
            spec.addMixin("common", CommandSpec.forAnnotatedObject(new CommonOptions()));
        }
    }

    /**
     * Runs {@code args} against the command tree under {@code root} and returns the exit code:
     * 0 success, 1 failure, 2 usage error. Errors are recorded in the run a failed command started,
     * through {@code runs} (which may supply null when there is no run service).
     */
    public static int execute(CommandLine root, String[] args, Supplier<RunService> runs) {
        ConfigDefaults defaults = ConfigDefaults.from(args);
        Failures failures = new Failures(runs);
        root.setDefaultValueProvider(defaults);
        configure(root, defaults, failures);
        if (defaults.problem() != null) {
            return failures.handleParseException(new ParameterException(addressed(root, args), defaults.problem()), args);
        }
        return root.execute(args);
    }

    /** Each command of the tree handles errors the same way, whichever one a command line is executed on. */
    private static void configure(CommandLine command, ConfigDefaults defaults, Failures failures) {
        command.setExecutionStrategy(new Preflight(defaults, new CommandLine.RunLast()));
        command.setParameterExceptionHandler(failures);
        command.setExecutionExceptionHandler(failures);
        command.getSubcommands().values().forEach(sub -> configure(sub, defaults, failures));
    }

    /** The command {@code args} address, so a usage error can point at its help. */
    private static CommandLine addressed(CommandLine root, String[] args) {
        try {
            List<CommandLine> parsed = root.parseArgs(args).asCommandLineList();
            return parsed.get(parsed.size() - 1);
        } catch (ParameterException e) {
            return e.getCommandLine();
        }
    }
}
