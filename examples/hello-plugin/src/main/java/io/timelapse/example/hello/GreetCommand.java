package io.timelapse.example.hello;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code timelapse hello greet --name Ada}: prints a greeting and keeps it in a run directory. */
@Command(name = "greet", mixinStandardHelpOptions = true, description = "Greet someone and record it as a run.")
final class GreetCommand implements PluginCommand {

    private final RunService runs;
    private final Greeting greeting;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "world", description = "Whom to greet (default: ${DEFAULT-VALUE}).")
    String name;

    @Inject
    GreetCommand(RunService runs, Greeting greeting) {
        this.runs = runs;
        this.greeting = greeting;
    }

    @Override
    public Integer call() throws Exception {
        String text = greeting.to(name);
        try (Run run = runs.start(spec, common)) {
            run.write("greeting.txt", out -> out.write((text + "\n").getBytes(StandardCharsets.UTF_8)));
            run.result("greeting", text);
            run.succeeded();
        }
        spec.commandLine().getOut().println(text);
        return ExitCode.OK;
    }
}
