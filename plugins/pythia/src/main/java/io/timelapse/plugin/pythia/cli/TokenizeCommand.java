package io.timelapse.plugin.pythia.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.lib.npy.DType;
import io.timelapse.lib.npy.Npy;
import io.timelapse.lib.tokenizer.ByteLevelBpeTokenizer;
import io.timelapse.lib.tokenizer.GptNeoXTokenizer;
import io.timelapse.lib.tokenizer.Utf8Text;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code timelapse pythia tokenize [--text T | FILE | -] [--append-eod] [--out FILE.npy|DIR]}: text to GPT-NeoX-20B ids. */
@Command(name = "tokenize", mixinStandardHelpOptions = true,
        description = {"Encode UTF-8 text with the GPT-NeoX-20B tokenizer that Pythia was trained with.",
                "Prints the ids comma-separated, or with --out FILE.npy writes them to FILE.npy as int32 and run.json to the default run"
                        + " directory; with --out DIR both go to the run directory (ids.npy)."})
final class TokenizeCommand implements PluginCommand {

    private final RunService runs;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--text", paramLabel = "TEXT", description = "The text to encode.")
    String text;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "A UTF-8 text file to encode, or - for standard input (the default).")
    Path file;

    @Option(names = "--append-eod", description = "Append the end-of-document id 0, as gpt-neox's preprocess_data.py --append-eod does.")
    boolean appendEod;

    @Inject
    TokenizeCommand(RunService runs) {
        this.runs = runs;
    }

    @Override
    public Integer call() throws Exception {
        if (text != null && file != null) {
            throw new ParameterException(spec.commandLine(), "give either --text or FILE, not both");
        }
        boolean fromFile = text == null && file != null && !file.toString().equals("-");
        String input = text != null ? text : fromFile ? Utf8Text.read(file) : Utf8Text.decode(System.in.readAllBytes(), "standard input");
        ByteLevelBpeTokenizer tokenizer = GptNeoXTokenizer.load();
        int[] encoded = tokenizer.encode(input);
        int[] ids = appendEod ? Arrays.copyOf(encoded, encoded.length + 1) : encoded;
        if (appendEod) {
            ids[ids.length - 1] = GptNeoXTokenizer.EOD_ID;
        }
        if (common.out() == null) {
            spec.commandLine().getOut().println(Arrays.stream(ids).mapToObj(Integer::toString).collect(Collectors.joining(",")));
            return ExitCode.OK;
        }
        OutputFiles output = OutputFiles.of(common, "ids.npy");
        try (Run run = output.start(runs, spec, common)) {
            if (fromFile) {
                run.input(file);
            }
            Path out = output.file(run);
            Npy.writeInts(out, DType.INT32, ids);
            run.result("ids", out.toString());
            run.result("tokens", ids.length);
            run.succeeded();
            spec.commandLine().getOut().println(ids.length + " ids written to " + out);
        }
        return ExitCode.OK;
    }
}
