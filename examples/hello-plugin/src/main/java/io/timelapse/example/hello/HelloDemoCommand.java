package io.timelapse.example.hello;

import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code timelapse hello demo}: what {@code timelapse demo} runs for this plugin. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Print a greeting to the world.")
final class HelloDemoCommand implements PluginCommand {

    private final Greeting greeting;

    @Spec
    CommandSpec spec;

    @Inject
    HelloDemoCommand(Greeting greeting) {
        this.greeting = greeting;
    }

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(greeting.to("world"));
        return ExitCode.OK;
    }
}
