package io.timelapse.testkit.commands;

import io.timelapse.api.cli.PluginCommand;
import picocli.CommandLine.Command;

/** A group whose sub-command is a plugin command class of its own. */
@Command(name = "dataset", description = "Training sets.", subcommands = DatasetBuildCommand.class)
final class DatasetCommand implements PluginCommand {

    @Override
    public Integer call() {
        return 0;
    }
}
