package io.timelapse.testkit.commands;

import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.run.RunService;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;

/** A command with a dependency, and a second constructor that is not the injector's. */
@Command(name = "greet", description = "Greet someone.")
public final class GreetCommand implements PluginCommand {

    public final RunService runs;
    public final String greeting;

    @Inject
    GreetCommand(RunService runs, String greeting) {
        this.runs = runs;
        this.greeting = greeting;
    }

    GreetCommand() {
        this(null, "unused");
    }

    @Override
    public Integer call() {
        return 0;
    }
}
