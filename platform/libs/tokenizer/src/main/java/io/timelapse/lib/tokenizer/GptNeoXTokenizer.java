package io.timelapse.lib.tokenizer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The GPT-NeoX-20B tokenizer, the one every Pythia model was trained with, read from the copy of
 * EleutherAI/pythia {@code utils/20B_tokenizer.json} bundled in this library.
 */
public final class GptNeoXTokenizer {

    /** The end-of-document token gpt-neox appends to every document. */
    public static final String EOD_TOKEN = "<|endoftext|>";
    public static final int EOD_ID = 0;
    public static final String PADDING_TOKEN = "<|padding|>";
    public static final int PADDING_ID = 1;
    /** Tokens in the tokenizer; Pythia models pad their embeddings to 50,304 rows. */
    public static final int VOCAB_SIZE = 50_277;
    /** The bundled file, relative to this class's package. */
    public static final String RESOURCE = "gpt-neox-20b/tokenizer.json";

    private GptNeoXTokenizer() {}

    /** The bundled tokenizer; read once, then shared. */
    public static ByteLevelBpeTokenizer load() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final ByteLevelBpeTokenizer INSTANCE = read();
    }

    private static ByteLevelBpeTokenizer read() {
        String source = GptNeoXTokenizer.class.getPackageName().replace('.', '/') + "/" + RESOURCE;
        // The class's own loader finds the resource inside the OSGi bundle too.
        try (InputStream in = GptNeoXTokenizer.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("bundled tokenizer resource " + source + " is missing");
            }
            ByteLevelBpeTokenizer tokenizer = ByteLevelBpeTokenizer.load(in, source);
            if (tokenizer.vocabSize() != VOCAB_SIZE || tokenizer.tokenToId(EOD_TOKEN).orElse(-1) != EOD_ID
                    || tokenizer.tokenToId(PADDING_TOKEN).orElse(-1) != PADDING_ID) {
                throw new IllegalStateException("bundled tokenizer " + source + " is not GPT-NeoX-20B's");
            }
            return tokenizer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled tokenizer " + source, e);
        }
    }
}
