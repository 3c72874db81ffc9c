package io.timelapse.testkit.commands;

import io.timelapse.api.cli.PluginCommand;
import picocli.CommandLine.Command;

/** Reached only through {@code dataset}. */
@Command(name = "build", description = "Build a training set.")
final class DatasetBuildCommand implements PluginCommand {

    @Override
    public Integer call() {
        return 0;
    }
}
