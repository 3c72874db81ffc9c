package io.timelapse.plugin.pythia.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs for commands whose {@code --out} names a file or prefix rather than a run directory
 * ({@code samples --out FILE.npy}, {@code unshard --out PREFIX}, as the gpt-neox-style CLI
 * documents): the output goes where asked, and the run is recorded in the default run directory.
 */
final class FileRuns {

    private FileRuns() {}

    static Run start(RunService runs, CommandSpec spec, CommonOptions common) throws IOException {
        List<String> args = new ArrayList<>();
        args.add("--seed");
        args.add(Long.toString(common.seed()));
        if (common.quiet()) {
            args.add("--quiet");
        }
        if (common.logLevel() != null) {
            args.add("--log-level");
            args.add(common.logLevel());
        }
        if (common.config() != null) {
            args.add("--config");
            args.add(common.config().toString());
        }
        CommonOptions withoutOut = CommandLine.populateCommand(new CommonOptions(), args.toArray(String[]::new));
        return runs.start(spec, withoutOut);
    }
}
