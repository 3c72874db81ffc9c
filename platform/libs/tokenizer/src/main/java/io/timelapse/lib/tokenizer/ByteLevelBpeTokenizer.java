package io.timelapse.lib.tokenizer;

import io.timelapse.lib.tokenizer.internal.AddedTokenMatcher;
import io.timelapse.lib.tokenizer.internal.BpeModel;
import io.timelapse.lib.tokenizer.internal.ByteLevelAlphabet;
import io.timelapse.lib.tokenizer.internal.GptTwoSplitter;
import io.timelapse.lib.tokenizer.internal.IntList;
import io.timelapse.lib.tokenizer.internal.LossyUtf8;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A Hugging Face {@code tokenizer.json} tokenizer of the byte-level BPE family (GPT-2, GPT-NeoX),
 * producing the same ids as the Rust {@code tokenizers} library. Encoding runs: special (not
 * normalized) added tokens are split out of the raw text; the rest is NFC-normalized; normalized
 * added tokens are split out; the remaining text is cut into pre-tokens by the GPT-2 pattern, each
 * pre-token's UTF-8 bytes are mapped to the byte-level alphabet and merged by BPE.
 *
 * <p>Instances are immutable (apart from an internal cache) and safe to use from many threads.
 */
public final class ByteLevelBpeTokenizer {

    private final String[] tokens;
    private final byte[][] tokenBytes;
    private final boolean[] special;
    private final Map<String, Integer> idByToken;
    private final BpeModel bpe;
    private final AddedTokenMatcher rawAdded;
    private final AddedTokenMatcher normalizedAdded;
    private final boolean nfc;
    private final boolean addPrefixSpace;
    private final boolean useRegex;

    ByteLevelBpeTokenizer(String[] tokens, boolean[] special, Map<String, Integer> vocab,
            int[][] merges, boolean ignoreMerges, Map<String, Integer> rawAddedTokens,
            Map<String, Integer> normalizedAddedTokens, boolean nfc, boolean addPrefixSpace, boolean useRegex) {
        this.tokens = tokens;
        this.special = special;
        this.nfc = nfc;
        this.addPrefixSpace = addPrefixSpace;
        this.useRegex = useRegex;
        this.bpe = new BpeModel(vocab, merges[0], merges[1], merges[2], ignoreMerges);
        this.rawAdded = new AddedTokenMatcher(rawAddedTokens);
        this.normalizedAdded = new AddedTokenMatcher(normalizedAddedTokens);
        idByToken = new HashMap<>(vocab);
        tokenBytes = new byte[tokens.length][];
        for (int id = 0; id < tokens.length; id++) {
            if (tokens[id] != null) {
                idByToken.put(tokens[id], id);
                tokenBytes[id] = decodedBytes(tokens[id]);
            }
        }
    }

    /** Reads a {@code tokenizer.json} file. */
    public static ByteLevelBpeTokenizer load(Path tokenizerJson) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(tokenizerJson))) {
            return TokenizerJson.read(in, tokenizerJson.toString());
        }
    }

    /**
     * Reads {@code tokenizer.json} content from a stream, which is left open.
     *
     * @param sourceName names the source in error messages
     */
    public static ByteLevelBpeTokenizer load(InputStream tokenizerJson, String sourceName) throws IOException {
        return TokenizerJson.read(tokenizerJson, sourceName);
    }

    /**
     * The ids of text. Added tokens in the text (including special ones such as
     * {@code <|endoftext|>}) become their ids; nothing is added around the text. Unpaired surrogates
     * are encoded as U+FFFD.
     */
    public int[] encode(String text) {
        Objects.requireNonNull(text, "text");
        Encoding run = new Encoding(text.length());
        if (rawAdded.isEmpty()) {
            encodeNormalizable(text, run);
        } else {
            IntList pieces = new IntList(8);
            rawAdded.split(text, 0, text.length(), pieces);
            for (int p = 0; p < pieces.size(); p += 3) {
                int id = pieces.get(p + 2);
                if (id >= 0) {
                    run.ids.add(id);
                } else {
                    encodeNormalizable(text.substring(pieces.get(p), pieces.get(p + 1)), run);
                }
            }
        }
        return run.ids.toArray();
    }

    /** The text of ids, special tokens included. */
    public String decode(int[] ids) {
        return decode(ids, false);
    }

    /**
     * The text of ids. Byte sequences that are not valid UTF-8 (as from a cut-off multi-byte
     * character) decode to U+FFFD.
     *
     * @throws IllegalArgumentException for an id that is not in the vocabulary
     */
    public String decode(int[] ids, boolean skipSpecialTokens) {
        Objects.requireNonNull(ids, "ids");
        byte[] bytes = new byte[ids.length * 4];
        int length = 0;
        for (int id : ids) {
            if (id < 0 || id >= tokens.length || tokens[id] == null) {
                throw new IllegalArgumentException("token id " + id + " is not in the vocabulary (size "
                        + tokens.length + ")");
            }
            if (skipSpecialTokens && special[id]) {
                continue;
            }
            byte[] b = tokenBytes[id];
            if (length + b.length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(length + b.length, bytes.length * 2));
            }
            System.arraycopy(b, 0, bytes, length, b.length);
            length += b.length;
        }
        return LossyUtf8.decode(bytes, length);
    }

    /** One more than the highest token id, counting the added tokens. */
    public int vocabSize() {
        return tokens.length;
    }

    /** The id of a token string (in its byte-level form for ordinary tokens, e.g. "Ġthe"). */
    public OptionalInt tokenToId(String token) {
        Integer id = idByToken.get(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** The token string of an id, in byte-level form for ordinary tokens. */
    public Optional<String> idToToken(int id) {
        return id >= 0 && id < tokens.length ? Optional.ofNullable(tokens[id]) : Optional.empty();
    }

    /** Whether id is an added token marked special (such as {@code <|endoftext|>}). */
    public boolean isSpecial(int id) {
        return id >= 0 && id < special.length && special[id];
    }

    private void encodeNormalizable(String piece, Encoding run) {
        String normalized = nfc ? nfc(piece) : piece;
        if (normalizedAdded.isEmpty()) {
            preTokenize(normalized, 0, normalized.length(), run);
            return;
        }
        IntList pieces = run.pieces;
        pieces.clear();
        normalizedAdded.split(normalized, 0, normalized.length(), pieces);
        for (int p = 0; p < pieces.size(); p += 3) {
            int id = pieces.get(p + 2);
            if (id >= 0) {
                run.ids.add(id);
            } else {
                preTokenize(normalized, pieces.get(p), pieces.get(p + 1), run);
            }
        }
    }

    private void preTokenize(String text, int from, int to, Encoding run) {
        if (addPrefixSpace && text.charAt(from) != ' ') {
            text = " " + text.substring(from, to);
            from = 0;
            to = text.length();
        }
        if (!useRegex) {
            encodeWord(text, from, to, run);
            return;
        }
        IntList spans = run.spans;
        spans.clear();
        GptTwoSplitter.split(text, from, to, spans);
        for (int s = 0; s < spans.size(); s += 2) {
            encodeWord(text, spans.get(s), spans.get(s + 1), run);
        }
    }

    private void encodeWord(String text, int from, int to, Encoding run) {
        int length = run.utf8(text, from, to);
        bpe.encodeWord(text.substring(from, to), run.utf8, length, run.ids);
    }

    private static String nfc(String text) {
        // Text without any character from U+0300 on has nothing to compose or decompose.
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x300) {
                return Normalizer.normalize(text, Normalizer.Form.NFC);
            }
        }
        return text;
    }

    private static byte[] decodedBytes(String token) {
        byte[] bytes = new byte[token.length()];
        for (int i = 0; i < token.length(); i++) {
            int b = ByteLevelAlphabet.byteOf(token.charAt(i));
            if (b < 0) {
                // Hugging Face's ByteLevel decoder passes tokens outside the alphabet through as text.
                return token.getBytes(StandardCharsets.UTF_8);
            }
            bytes[i] = (byte) b;
        }
        return bytes;
    }

    /** The state of one encode call. */
    private static final class Encoding {
        final IntList ids;
        final IntList pieces = new IntList(16);
        final IntList spans = new IntList(64);
        byte[] utf8 = new byte[64];

        Encoding(int textLength) {
            ids = new IntList(textLength / 3 + 8);
        }

        /** Writes the UTF-8 bytes of text[from..to) into utf8 and returns their count. */
        int utf8(String text, int from, int to) {
            int needed = (to - from) * 3;
            if (needed > utf8.length) {
                utf8 = new byte[Math.max(needed, utf8.length * 2)];
            }
            byte[] out = utf8;
            int n = 0;
            for (int i = from; i < to; i++) {
                char c = text.charAt(i);
                if (c < 0x80) {
                    out[n++] = (byte) c;
                } else if (c < 0x800) {
                    out[n++] = (byte) (0xC0 | (c >> 6));
                    out[n++] = (byte) (0x80 | (c & 0x3F));
                } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, text.charAt(++i));
                    out[n++] = (byte) (0xF0 | (cp >> 18));
                    out[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    out[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    out[n++] = (byte) (0x80 | (cp & 0x3F));
                } else {
                    if (Character.isSurrogate(c)) {
                        c = '\uFFFD';
                    }
                    out[n++] = (byte) (0xE0 | (c >> 12));
                    out[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    out[n++] = (byte) (0x80 | (c & 0x3F));
                }
            }
            return n;
        }
    }
}
