package io.timelapse.platform.lm.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.run.Run;
import io.timelapse.lib.npy.DType;
import io.timelapse.lib.npy.Npy;
import io.timelapse.lib.tokenizer.ByteLevelBpeTokenizer;
import io.timelapse.lib.tokenizer.GptNeoXTokenizer;
import io.timelapse.lib.tokenizer.Utf8Text;
import io.timelapse.lib.tokens.CompactVocabulary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code timelapse lm corpus TEXT... --seq-len L}: UTF-8 text to the token rows {@code lm train --data} reads, with
 * held-out rows and, for a compact vocabulary, the map back to GPT-NeoX ids.
 */
@Command(name = "corpus", mixinStandardHelpOptions = true,
        description = {"Prepare UTF-8 text for 'lm train': encode it with the GPT-NeoX-20B tokenizer, cut the ids into rows of --seq-len + 1"
                + " tokens, put the rows in an order drawn with --seed, hold out the last --held-out of them, and repeat the others for --epochs"
                + " epochs, each in its own order.",
                "Writes train.npy (int32 [epochs × training rows, seq-len + 1], the --data of 'lm train'), held-out.npy (the rows never"
                        + " trained on, with --held-out above 0), corpus.json (the counts, the vocabulary size and the bytes of text per token)"
                        + " and, with --vocabulary compact, vocabulary.npy (int32: compact id → GPT-NeoX id)."})
final class CorpusCommand implements Callable<Integer> {

    static final String TRAIN = "train.npy";
    static final String HELD_OUT = "held-out.npy";
    static final String VOCABULARY = "vocabulary.npy";
    static final String DESCRIPTION = "corpus.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @ParentCommand
    LmCommand lm;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(arity = "1..*", paramLabel = "TEXT",
            description = "UTF-8 text files; the ids of several are joined with the end-of-document id 0 between them.")
    List<Path> texts;

    @Option(names = "--seq-len", defaultValue = "2048", paramLabel = "L",
            description = "Tokens a model reads per row; rows hold L + 1 tokens, the last one only a target (default: ${DEFAULT-VALUE}, Pythia's).")
    int seqLen;

    @Option(names = "--vocabulary", defaultValue = "full", paramLabel = "KIND",
            description = "Which token ids the rows hold: full keeps GPT-NeoX's (a model needs vocab_size 50277 or more), compact renumbers the"
                    + " ids that occur densely in increasing order, so a small model needs only as many (default: ${DEFAULT-VALUE}).")
    String vocabulary;

    @Option(names = "--epochs", defaultValue = "1", paramLabel = "N",
            description = "Times every training row occurs in train.npy, each epoch in a new order (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--held-out", defaultValue = "0", paramLabel = "ROWS",
            description = "Rows kept out of training, written to held-out.npy as real text to evaluate on (default: ${DEFAULT-VALUE}).")
    int heldOut;

    @Override
    public Integer call() throws Exception {
        OptionChecks checks = new OptionChecks(spec);
        checks.atLeast("--seq-len", seqLen, 1);
        checks.atLeast("--epochs", epochs, 1);
        checks.atLeast("--held-out", heldOut, 0);
        if (!vocabulary.equals("full") && !vocabulary.equals("compact")) {
            throw checks.error("--vocabulary", vocabulary, "expected full or compact");
        }
        int rowLength = seqLen + 1;
        Tokens tokens = encode();
        int rows = CorpusRows.rowCount(tokens.ids().length, rowLength);
        if (rows == 0) {
            throw checks.error("--seq-len", Integer.toString(seqLen), "the text has " + tokens.ids().length + " tokens, fewer than one row of "
                    + rowLength);
        }
        if (heldOut >= rows) {
            throw checks.error("--held-out", Integer.toString(heldOut), "the text makes only " + rows + " rows of " + rowLength
                    + " tokens, so none would be left to train on");
        }
        if ((long) (rows - heldOut) * epochs * rowLength > Integer.MAX_VALUE - 8) {
            throw checks.error("--epochs", Integer.toString(epochs), (rows - heldOut) + " training rows of " + rowLength + " tokens repeated "
                    + epochs + " times exceed 2^31 tokens");
        }
        CompactVocabulary compact = vocabulary.equals("compact") ? CompactVocabulary.of(tokens.ids()) : null;
        int[] ids = compact == null ? tokens.ids() : compact.compact(tokens.ids());
        CorpusRows corpus = CorpusRows.cut(ids, rowLength, heldOut, epochs, common.seed());
        PrintWriter out = spec.commandLine().getOut();
        try (Run run = lm.runs.start(spec, common)) {
            for (Path text : texts) {
                run.input(text);
            }
            Path train = run.output(TRAIN);
            Npy.writeInts(train, DType.INT32, corpus.train(), (long) corpus.rowsPerEpoch() * epochs, rowLength);
            if (heldOut > 0) {
                Npy.writeInts(run.output(HELD_OUT), DType.INT32, corpus.heldOut(), heldOut, rowLength);
            }
            if (compact != null) {
                Npy.writeInts(run.output(VOCABULARY), DType.INT32, compact.originalIds(), compact.size());
            }
            Map<String, Object> description = describe(tokens, rows, compact);
            byte[] json = JSON.writeValueAsBytes(description);
            run.write(DESCRIPTION, stream -> stream.write(json));
            description.forEach(run::result);
            run.succeeded();
            out.printf(Locale.ROOT, "%d tokens (%.4f bytes of text per token), vocabulary %s of %d ids, %d rows of %d tokens: %d × %d for training,"
                            + " %d held out → %s%n", tokens.ids().length, tokens.bytesPerToken(), vocabulary, description.get("vocabulary_size"), rows,
                    rowLength, epochs, corpus.rowsPerEpoch(), heldOut, run.directory());
        }
        out.flush();
        return ExitCode.OK;
    }

    /** The ids of every text, joined by EOD; a file that cannot be read, is empty or is not UTF-8 is a usage error. */
    private Tokens encode() {
        ByteLevelBpeTokenizer tokenizer = GptNeoXTokenizer.load();
        List<int[]> documents = new ArrayList<>();
        long bytes = 0;
        long textTokens = 0;
        for (Path text : texts) {
            String content;
            try {
                if (Files.isDirectory(text)) {
                    throw new ParameterException(spec.commandLine(), "TEXT " + text + ": is a directory, not a file");
                }
                if (!Files.isRegularFile(text)) {
                    throw new ParameterException(spec.commandLine(), "TEXT " + text + ": no such file or directory");
                }
                content = Utf8Text.read(text);
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "TEXT " + e.getMessage(), e);
            }
            int[] encoded = tokenizer.encode(content);
            if (encoded.length == 0) {
                throw new ParameterException(spec.commandLine(), "TEXT " + text + ": empty, there is no text to encode");
            }
            documents.add(encoded);
            bytes += content.getBytes(StandardCharsets.UTF_8).length;
            textTokens += encoded.length;
        }
        if (textTokens + documents.size() - 1 > Integer.MAX_VALUE - 8) {
            throw new ParameterException(spec.commandLine(), "TEXT: " + textTokens + " tokens in all, more than 2^31");
        }
        int[] ids = new int[(int) (textTokens + documents.size() - 1)];
        int at = 0;
        for (int d = 0; d < documents.size(); d++) {
            if (d > 0) {
                ids[at++] = GptNeoXTokenizer.EOD_ID;
            }
            System.arraycopy(documents.get(d), 0, ids, at, documents.get(d).length);
            at += documents.get(d).length;
        }
        return new Tokens(ids, bytes, textTokens);
    }

    private Map<String, Object> describe(Tokens tokens, int rows, CompactVocabulary compact) {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("texts", texts.stream().map(Path::toString).toList());
        description.put("text_bytes", tokens.bytes());
        description.put("tokens", tokens.ids().length);
        description.put("bytes_per_token", tokens.bytesPerToken());
        description.put("tokenizer", "GPT-NeoX-20B");
        description.put("vocabulary", vocabulary);
        description.put("vocabulary_size", compact == null ? GptNeoXTokenizer.VOCAB_SIZE : compact.size());
        description.put("seq_len", seqLen);
        description.put("row_length", seqLen + 1);
        description.put("rows", rows);
        description.put("dropped_tokens", tokens.ids().length - (long) rows * (seqLen + 1));
        description.put("held_out_rows", heldOut);
        description.put("training_rows_per_epoch", rows - heldOut);
        description.put("epochs", epochs);
        description.put("training_rows", (long) (rows - heldOut) * epochs);
        description.put("seed", common.seed());
        return description;
    }

    /**
     * @param ids the ids of all texts, EOD between two texts
     * @param bytes UTF-8 bytes of all texts
     * @param textTokens ids the texts encode to, without the EODs between them
     */
    private record Tokens(int[] ids, long bytes, long textTokens) {

        double bytesPerToken() {
            return (double) bytes / textTokens;
        }
    }
}
