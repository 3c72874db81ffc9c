package io.timelapse.plugin.pythia.cli;

import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.lib.tokenizer.ByteLevelBpeTokenizer;
import io.timelapse.lib.tokenizer.GptNeoXTokenizer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code timelapse pythia detokenize (--ids 1,2,3 | FILE.npy) [--row R] [--skip-unknown] [--skip-special-tokens]}: ids to text. */
@Command(name = "detokenize", mixinStandardHelpOptions = true,
        description = {"Decode GPT-NeoX-20B token ids to text: ids from --ids or an integer .npy of one row or many (such as batch output).",
                "Pythia pads its embedding to 50,304 rows; ids from 50,277 up are not tokens and are reported unless --skip-unknown."})
final class DetokenizeCommand implements PluginCommand {

    @Spec
    CommandSpec spec;

    @Option(names = "--ids", paramLabel = "ID,ID,...", description = "Token ids separated by commas.")
    String ids;

    @Parameters(arity = "0..1", paramLabel = "FILE.npy", description = "An integer .npy: [n] ids or [rows, n] rows of ids.")
    Path file;

    @Option(names = "--row", paramLabel = "R", description = "Only row R of a 2-D file.")
    Integer row;

    @Option(names = "--skip-unknown", description = "Drop ids outside the vocabulary instead of failing.")
    boolean skipUnknown;

    @Option(names = "--skip-special-tokens", description = "Leave out <|endoftext|> and <|padding|>.")
    boolean skipSpecial;

    @Override
    public Integer call() throws Exception {
        if ((ids == null) == (file == null)) {
            throw new ParameterException(spec.commandLine(), "give either --ids or FILE.npy");
        }
        int[][] rows;
        if (ids != null) {
            rows = new int[][] {TokenIds.parse(ids)};
        } else {
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toString(), null, "no such .npy file");
            }
            rows = TokenIds.read(file);
        }
        if (row != null) {
            if (row < 0 || row >= rows.length) {
                throw new ParameterException(spec.commandLine(), "--row " + row + " is outside the " + rows.length + " rows of " + file);
            }
            rows = new int[][] {rows[row]};
        }
        ByteLevelBpeTokenizer tokenizer = GptNeoXTokenizer.load();
        PrintWriter out = spec.commandLine().getOut();
        int first = row != null ? row : 0;
        for (int r = 0; r < rows.length; r++) {
            int[] known = known(tokenizer, rows[r], rows.length > 1 || row != null ? first + r : -1);
            if (rows.length > 1 || row != null) {
                out.println("--- row " + (first + r));
            }
            out.println(tokenizer.decode(known, skipSpecial));
        }
        return ExitCode.OK;
    }

    /** The ids that are tokens, or an error naming the first one that is not. */
    private int[] known(ByteLevelBpeTokenizer tokenizer, int[] row, int rowNumber) {
        int vocab = tokenizer.vocabSize();
        int kept = 0;
        int[] out = new int[row.length];
        for (int i = 0; i < row.length; i++) {
            int id = row[i];
            if (id >= 0 && id < vocab && tokenizer.idToToken(id).isPresent()) {
                out[kept++] = id;
            } else if (!skipUnknown) {
                String where = "position " + i + (rowNumber >= 0 ? " of row " + rowNumber : "") + (file != null ? " in " + file : "");
                throw new IllegalArgumentException("token id " + id + " at " + where + " is not in the GPT-NeoX-20B vocabulary (ids 0 to "
                        + (vocab - 1) + "; Pythia pads its embedding to 50,304 rows with unused ids); pass --skip-unknown to drop such ids");
            }
        }
        return Arrays.copyOf(out, kept);
    }
}
