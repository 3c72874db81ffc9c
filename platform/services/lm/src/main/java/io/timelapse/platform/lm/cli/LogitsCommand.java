package io.timelapse.platform.lm.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.lm.LanguageModel;
import io.timelapse.api.run.Progress;
import io.timelapse.api.run.Run;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code timelapse lm logits --model DIR --input IDS.npy --out LOGITS.npy}: float32 {@code [B, T, V]}. */
@Command(name = "logits", mixinStandardHelpOptions = true,
        description = "Next-token logits of every position of token rows, as a float32 [batch, length, vocab] .npy file: "
                + "logits.npy in the run directory, or the file --out names when it ends in .npy.")
final class LogitsCommand implements Callable<Integer> {

    @ParentCommand
    LmCommand lm;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Option(names = "--input", required = true, paramLabel = "IDS.npy", description = "An .npy file of integer token ids [batch, length]; a 1-D array is one row.")
    Path input;

    @Option(names = "--batch-size", defaultValue = "8", paramLabel = "N", description = "Rows per forward pass (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        OptionChecks checks = new OptionChecks(spec);
        checks.atLeast("--batch-size", batchSize, 1);
        checks.file("--input", input);
        model.config(lm.models, checks);
        try (Run run = ModelRuns.start(lm.runs, spec, common); LanguageModel language = model.load(lm.models)) {
            run.device(lm.compute.device().summary());
            run.versions(lm.compute.versions());
            ModelRuns.recordModel(run, language);
            HostTensor ids = TokenFiles.readIds(run.input(input));
            int rows = Math.toIntExact(ids.shape().dim(0));
            int length = Math.toIntExact(ids.shape().dim(1));
            int vocab = language.config().vocabSize();
            float[] logits = new float[Math.toIntExact((long) rows * length * vocab)];
            try (Progress progress = run.progress("logits", rows)) {
                for (int from = 0; from < rows; from += batchSize) {
                    int count = Math.min(batchSize, rows - from);
                    try (HostTensor part = language.logits(TokenFiles.rows(ids, from, count))) {
                        part.buffer().asFloatBuffer().get(logits, from * length * vocab, count * length * vocab);
                    }
                    progress.advance(count);
                }
            }
            Path target = ModelRuns.target(run, common, "logits.npy");
            TokenFiles.writeFloats(target, logits, rows, length, vocab);
            language.warnings().forEach(warning -> out.println("warning: " + warning));
            out.printf("logits [%d, %d, %d] -> %s%n", rows, length, vocab, target);
            run.result("logits", target.toString());
            run.result("shape", new int[] {rows, length, vocab});
            run.succeeded();
        }
        out.flush();
        return ExitCode.OK;
    }
}
