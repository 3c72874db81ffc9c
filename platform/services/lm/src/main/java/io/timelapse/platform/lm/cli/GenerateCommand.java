package io.timelapse.platform.lm.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.lm.Generation;
import io.timelapse.api.lm.LanguageModel;
import io.timelapse.api.run.Progress;
import io.timelapse.api.run.Run;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code timelapse lm generate --model DIR --prefix IDS.npy --new-tokens N [--ban-token ID]... --out IDS.npy}. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Greedy continuations of token prefixes (argmax, lowest id on ties) with a key/value cache, as an int32 [batch, new tokens] .npy file: "
                + "generated.npy in the run directory, or the file --out names when it ends in .npy.")
final class GenerateCommand implements Callable<Integer> {

    @ParentCommand
    LmCommand lm;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Option(names = "--prefix", required = true, paramLabel = "IDS.npy", description = "An .npy file of integer token prefixes [batch, length]; a 1-D array is one prefix.")
    Path prefix;

    @Option(names = "--new-tokens", required = true, paramLabel = "N", description = "Tokens to generate after each prefix, at least 1.")
    int newTokens;

    @Option(names = "--ban-token", paramLabel = "ID",
            description = "A token id never generated; repeatable. The memorization paper's script bans EOD: --ban-token 0.")
    List<Integer> banned = new ArrayList<>();

    @Option(names = "--batch-size", defaultValue = "32", paramLabel = "N", description = "Rows decoded together (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--no-cache", description = "Recompute every prefix instead of using a key/value cache (for checks).")
    boolean noCache;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        OptionChecks checks = new OptionChecks(spec);
        checks.atLeast("--new-tokens", newTokens, 1);
        checks.atLeast("--batch-size", batchSize, 1);
        checks.file("--prefix", prefix);
        int vocabulary = model.config(lm.models, checks).vocabSize();
        for (int token : banned) {
            if (token < 0 || token >= vocabulary) {
                throw checks.error("--ban-token", Integer.toString(token), "not a token id of the model's vocabulary [0, " + vocabulary + ")");
            }
        }
        int[] bannedTokens = banned.stream().mapToInt(Integer::intValue).toArray();
        Generation generation = Generation.greedy(newTokens, bannedTokens);
        if (noCache) {
            generation = generation.withoutCache();
        }
        try (Run run = ModelRuns.start(lm.runs, spec, common); LanguageModel language = model.load(lm.models)) {
            run.device(lm.compute.device().summary());
            run.versions(lm.compute.versions());
            ModelRuns.recordModel(run, language);
            HostTensor ids = TokenFiles.readIds(run.input(prefix));
            int rows = Math.toIntExact(ids.shape().dim(0));
            int[] generated = new int[rows * newTokens];
            try (Progress progress = run.progress("generate", rows)) {
                for (int from = 0; from < rows; from += batchSize) {
                    int count = Math.min(batchSize, rows - from);
                    int[] part = language.generate(TokenFiles.rows(ids, from, count), generation).toInts();
                    System.arraycopy(part, 0, generated, from * newTokens, part.length);
                    progress.advance(count);
                }
            }
            Path target = ModelRuns.target(run, common, "generated.npy");
            TokenFiles.writeInts(target, generated, rows, newTokens);
            String mode = bannedTokens.length == 0 ? "plain greedy (no token banned)" : "greedy with banned tokens " + Arrays.toString(bannedTokens);
            language.warnings().forEach(warning -> out.println("warning: " + warning));
            out.printf("generated [%d, %d], %s, %s -> %s%n", rows, newTokens, mode, noCache ? "no cache" : "key/value cache", target);
            run.result("generated", target.toString());
            run.result("mode", mode);
            run.result("banned_tokens", bannedTokens);
            run.succeeded();
        }
        out.flush();
        return ExitCode.OK;
    }
}
