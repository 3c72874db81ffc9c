package io.timelapse.platform.shell;

import io.timelapse.api.cli.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A group ({@code timelapse <plugin>} or {@code timelapse bench}) run without a command: shows its commands. */
@Command(mixinStandardHelpOptions = true)
final class PluginGroupCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("Missing command after '" + spec.qualifiedName(" ") + "'.");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }
}
