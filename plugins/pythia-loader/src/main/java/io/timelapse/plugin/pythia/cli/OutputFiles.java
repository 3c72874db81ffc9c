package io.timelapse.plugin.pythia.cli;

import io.timelapse.api.cli.CommonOptions;
import java.nio.file.Path;

/** {@code --out} as the gpt-neox-style commands use it: a {@code .npy} file, or else a run directory. */
final class OutputFiles {

    private OutputFiles() {}

    static boolean isFile(CommonOptions common) {
        return common.out() != null && common.out().getFileName().toString().endsWith(".npy");
    }

    /** The file {@code --out} names, or null when the output goes into the run directory as {@code defaultName}. */
    static Path npyTarget(CommonOptions common, String defaultName) {
        return isFile(common) ? common.out() : null;
    }
}
