package io.timelapse.plugin.pythia.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.lib.files.AtomicFiles;
import io.timelapse.lib.tokenizer.ByteLevelBpeTokenizer;
import io.timelapse.lib.tokenizer.GptNeoXTokenizer;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code timelapse pythia detokenize (--ids 1,2,3 | FILE.npy) [--row R] [--skip-unknown] [--skip-special-tokens] [--out …]}. */
@Command(name = "detokenize", mixinStandardHelpOptions = true,
        description = {"Decode GPT-NeoX-20B token ids to text: ids from --ids or an integer .npy of one row or many (such as batch"
                + " output).",
                "Pythia pads its embedding to 50,304 rows; ids from 50,277 up are not tokens and are reported unless --skip-unknown.",
                "Prints the text, or with --out FILE.txt writes it to FILE.txt and run.json to the default run directory; with --out DIR"
                        + " both go to the run directory (text.txt)."})
final class DetokenizeCommand implements PluginCommand {

    private final RunService runs;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--ids", paramLabel = "ID,ID,...", description = "Token ids separated by commas.")
    String ids;

    @Parameters(arity = "0..1", paramLabel = "FILE.npy", description = "An integer .npy: [n] ids or [rows, n] rows of ids.")
    Path file;

    @Option(names = "--row", paramLabel = "R", description = "Only row R (from 0) of a 2-D file.")
    Integer row;

    @Option(names = "--skip-unknown", description = "Drop ids outside the vocabulary instead of failing.")
    boolean skipUnknown;

    @Option(names = "--skip-special-tokens", description = "Leave out <|endoftext|> and <|padding|>.")
    boolean skipSpecial;

    @Inject
    DetokenizeCommand(RunService runs) {
        this.runs = runs;
    }

    @Override
    public Integer call() throws Exception {
        if ((ids == null) == (file == null)) {
            throw new ParameterException(spec.commandLine(), "give either --ids or FILE.npy");
        }
        if (row != null && file == null) {
            throw new ParameterException(spec.commandLine(), "--row " + row + ": selects a row of FILE.npy, and --ids is one row");
        }
        int[][] rows;
        if (ids != null) {
            try {
                rows = new int[][] {TokenIds.parse(ids)};
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        } else {
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toString(), null, "no such .npy file");
            }
            rows = TokenIds.read(file);
        }
        if (row != null) {
            if (row < 0 || row >= rows.length) {
                throw new ParameterException(spec.commandLine(), "--row " + row + ": outside the " + rows.length + " rows of " + file);
            }
            rows = new int[][] {rows[row]};
        }
        String text = decode(rows);
        if (common.out() == null) {
            spec.commandLine().getOut().print(text);
            return ExitCode.OK;
        }
        OutputFiles output = OutputFiles.of(common, "text.txt");
        try (Run run = output.start(runs, spec, common)) {
            if (file != null) {
                run.input(file);
            }
            Path out = output.file(run);
            AtomicFiles.writeString(out, text);
            run.result("text", out.toString());
            run.result("rows", rows.length);
            run.succeeded();
            spec.commandLine().getOut().println(rows.length + (rows.length == 1 ? " row" : " rows") + " decoded to " + out);
        }
        return ExitCode.OK;
    }

    /** The text of each row, headed {@code --- row R} when the input has several rows or one was chosen. */
    private String decode(int[][] rows) {
        ByteLevelBpeTokenizer tokenizer = GptNeoXTokenizer.load();
        boolean headed = rows.length > 1 || row != null;
        int first = row != null ? row : 0;
        StringBuilder text = new StringBuilder();
        for (int r = 0; r < rows.length; r++) {
            int[] known = known(tokenizer, rows[r], headed ? first + r : -1);
            if (headed) {
                text.append("--- row ").append(first + r).append(System.lineSeparator());
            }
            text.append(tokenizer.decode(known, skipSpecial)).append(System.lineSeparator());
        }
        return text.toString();
    }

    /** The ids that are tokens, or an error naming the first one that is not (a usage error when it came from --ids). */
    private int[] known(ByteLevelBpeTokenizer tokenizer, int[] ids, int rowNumber) {
        int vocab = tokenizer.vocabSize();
        int kept = 0;
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            int id = ids[i];
            if (id >= 0 && id < vocab && tokenizer.idToToken(id).isPresent()) {
                out[kept++] = id;
            } else if (!skipUnknown) {
                String problem = " is not in the GPT-NeoX-20B vocabulary (ids 0 to " + (vocab - 1) + "; Pythia pads its embedding to 50,304"
                        + " rows with unused ids); pass --skip-unknown to drop such ids";
                if (file == null) {
                    throw new ParameterException(spec.commandLine(), "--ids: token id " + id + " (item " + (i + 1) + ")" + problem);
                }
                String where = "position " + i + (rowNumber >= 0 ? " of row " + rowNumber : "") + " in " + file;
                throw new IllegalArgumentException("token id " + id + " at " + where + problem);
            }
        }
        return Arrays.copyOf(out, kept);
    }
}
