package io.timelapse.plugin.pythia.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code --out} of the commands whose result is one file, as gpt-neox-style tools take it: when it
 * ends with the result's extension it names that file, and {@code run.json} goes to the default run
 * directory; any other {@code --out} is the run directory, which then holds the result.
 */
final class OutputFiles {

    private final Path target;
    private final String defaultName;

    private OutputFiles(Path target, String defaultName) {
        this.target = target;
        this.defaultName = defaultName;
    }

    /** Where a result called {@code defaultName} goes; its extension (such as {@code .npy}) marks an {@code --out} that names it. */
    static OutputFiles of(CommonOptions common, String defaultName) {
        String extension = defaultName.substring(defaultName.lastIndexOf('.'));
        boolean names = common.out() != null && common.out().getFileName().toString().endsWith(extension);
        return new OutputFiles(names ? common.out() : null, defaultName);
    }

    /** Starts the run: in the default run directory when {@code --out} names the result file, else in {@code --out}. */
    Run start(RunService runs, CommandSpec spec, CommonOptions common) throws IOException {
        return target != null ? runs.startInDefaultDirectory(spec, common) : runs.start(spec, common);
    }

    /** The result file: the one {@code --out} names, or {@code defaultName} in the run directory. */
    Path file(Run run) {
        return target != null ? target : run.output(defaultName);
    }
}
