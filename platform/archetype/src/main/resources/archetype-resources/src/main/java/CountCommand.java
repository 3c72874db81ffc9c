package ${package};

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code timelapse ${pluginId} count FILE}: counts the lines of a text file and keeps the count in a run directory. */
@Command(name = "count", mixinStandardHelpOptions = true,
        description = "Count the lines of a text file and record the count as a run.")
final class CountCommand implements PluginCommand {

    private final RunService runs;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "FILE", description = "The text file whose lines are counted.")
    Path file;

    @Inject
    CountCommand(RunService runs) {
        this.runs = runs;
    }

    @Override
    public Integer call() throws IOException {
        // Bad input is a usage error, found before the run starts so that no run directory is left behind.
        if (Files.isDirectory(file)) {
            throw new ParameterException(spec.commandLine(), "FILE " + file + ": is a folder, not a file");
        }
        if (!Files.isRegularFile(file)) {
            throw new ParameterException(spec.commandLine(), "FILE " + file + ": no such file");
        }
        try (Run run = runs.start(spec, common)) {
            long lines;
            // ISO-8859-1 decodes every byte, so a file in any encoding is counted without error.
            try (BufferedReader reader = Files.newBufferedReader(run.input(file), StandardCharsets.ISO_8859_1)) {
                lines = reader.lines().count();
            }
            run.write("count.txt", out -> out.write((lines + "\n").getBytes(StandardCharsets.UTF_8)));
            run.result("lines", lines);
            run.succeeded();
            spec.commandLine().getOut().println(file + ": " + lines + " lines");
        }
        return ExitCode.OK;
    }
}
