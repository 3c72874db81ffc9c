package io.timelapse.platform.shell;

import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.run.RunService;
import java.io.IOException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * A command that cannot run or that throws: one line on standard error (the stack trace only at
 * DEBUG), exit code 2 for a usage error and 1 for a failure, and the same line in the run's
 * {@code run.json} when the command had started one.
 */
final class Failures implements IExecutionExceptionHandler, IParameterExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

    private final Supplier<RunService> runs;

    Failures(Supplier<RunService> runs) {
        this.runs = runs;
    }

    /** A usage error, found while parsing or thrown by the command itself. */
    @Override
    public int handleParseException(ParameterException e, String[] args) {
        LOG.debug("usage error", e);
        int exitCode = UsageErrors.report(e);
        record(e.getCommandLine(), exitCode, ErrorMessages.describe(e, null));
        return exitCode;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
        if (e instanceof ParameterException usage) {
            return handleParseException(usage, null);
        }
        LOG.debug("{} failed", command.getCommandSpec().qualifiedName(" "), e);
        String message = ErrorMessages.describe(e, parsed);
        command.getErr().println("error: " + message);
        command.getErr().flush();
        record(command, ExitCode.FAILURE, message);
        return ExitCode.FAILURE;
    }

    /** Records the error in the run the command started, if it started one. */
    private void record(CommandLine command, int exitCode, String message) {
        RunService service = runs.get();
        if (service == null) {
            return;
        }
        try {
            service.failed(command.getCommandSpec(), exitCode, message);
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not record the error in the run", e);
        }
    }
}
