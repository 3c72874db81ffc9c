package io.timelapse.lib.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading tokenizer.json: a small valid file, and clear errors for malformed or unsupported ones. */
class TokenizerJsonTest {

    private static final String VALID = """
            {"version": "1.0", "truncation": null, "padding": null,
             "added_tokens": [
               {"id": 0, "content": "<|endoftext|>", "single_word": false, "lstrip": false, "rstrip": false,
                "normalized": false, "special": true},
               {"id": 6, "content": "  ", "single_word": false, "lstrip": false, "rstrip": false,
                "normalized": true, "special": false}],
             "normalizer": {"type": "NFC"},
             "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true},
             "post_processor": {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true},
             "decoder": {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true},
             "model": {"type": "BPE", "dropout": null, "unk_token": null, "continuing_subword_prefix": null,
                       "end_of_word_suffix": null, "fuse_unk": false,
                       "vocab": {"<|endoftext|>": 0, "a": 1, "b": 2, "ab": 3, "\\u0120": 4, "\\u0120ab": 5},
                       "merges": ["a b", ["\\u0120", "ab"]]}}
            """;

    private static ByteLevelBpeTokenizer read(String json) throws IOException {
        return ByteLevelBpeTokenizer.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }

    private static TokenizerFormatException rejected(String json) {
        TokenizerFormatException e = assertThrows(TokenizerFormatException.class, () -> read(json));
        assertEquals("test.json", e.source());
        assertTrue(e.getMessage().startsWith("test.json: "), e.getMessage());
        return e;
    }

    @Test
    void readsASmallTokenizerFromAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("tokenizer.json");
        Files.writeString(file, VALID);
        ByteLevelBpeTokenizer tokenizer = ByteLevelBpeTokenizer.load(file);
        assertEquals(7, tokenizer.vocabSize());
        assertArrayEquals(new int[] {3, 5, 6, 3, 0, 4}, tokenizer.encode("ab ab  ab<|endoftext|> "));
        assertEquals("ab ab  ab<|endoftext|> ", tokenizer.decode(new int[] {3, 5, 6, 3, 0, 4}));
        assertEquals("ab ab  ab ", tokenizer.decode(new int[] {3, 5, 6, 3, 0, 4}, true));
    }

    @Test
    void missingFileIsAnIoError(@TempDir Path dir) {
        assertThrows(IOException.class, () -> ByteLevelBpeTokenizer.load(dir.resolve("absent.json")));
    }

    @Test
    void rejectsInvalidJson() {
        TokenizerFormatException e = rejected("{\"model\": ");
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    }

    @Test
    void rejectsOtherModelTypes() {
        TokenizerFormatException e = rejected(VALID.replace("\"type\": \"BPE\"", "\"type\": \"WordPiece\""));
        assertEquals("model.type", e.field());
        assertTrue(e.getMessage().contains("'WordPiece' is not supported, expected BPE"), e.getMessage());
    }

    @Test
    void rejectsOtherNormalizersAndPreTokenizers() {
        assertEquals("normalizer.type", rejected(VALID.replace("{\"type\": \"NFC\"}", "{\"type\": \"NFKC\"}")).field());
        assertEquals("pre_tokenizer.type", rejected(VALID.replace(
                "\"pre_tokenizer\": {\"type\": \"ByteLevel\"", "\"pre_tokenizer\": {\"type\": \"Whitespace\"")).field());
        assertEquals("decoder", rejected(VALID.replace(
                "\"decoder\": {\"type\": \"ByteLevel\", \"add_prefix_space\": false, \"trim_offsets\": true}",
                "\"decoder\": null")).field());
        assertEquals("truncation", rejected(VALID.replace("\"truncation\": null", "\"truncation\": {}")).field());
    }

    @Test
    void rejectsUnsupportedModelOptions() {
        assertEquals("model.unk_token", rejected(VALID.replace("\"unk_token\": null", "\"unk_token\": \"a\"")).field());
        assertEquals("model.dropout", rejected(VALID.replace("\"dropout\": null", "\"dropout\": 0.1")).field());
    }

    @Test
    void rejectsMergesOfUnknownTokens() {
        TokenizerFormatException e = rejected(VALID.replace("\"a b\"", "\"a c\""));
        assertEquals("model.merges[0]", e.field());
        assertTrue(e.getMessage().contains("token 'c' is not in model.vocab"), e.getMessage());
        assertEquals("model.merges[0]", rejected(VALID.replace("\"a b\"", "\"ab\"")).field());
    }

    @Test
    void rejectsUnsupportedAddedTokenOptions() {
        assertEquals("added_tokens[0].lstrip", rejected(VALID.replaceFirst("\"lstrip\": false", "\"lstrip\": true")).field());
        assertEquals("added_tokens[1].id", rejected(VALID.replace("\"id\": 6", "\"id\": -6")).field());
        assertEquals("added_tokens", rejected(VALID.replace("\"id\": 6", "\"id\": 1")).field());
    }

    @Test
    void rejectsBadVocabIds() {
        assertEquals("model.vocab", rejected(VALID.replace("\"a\": 1", "\"a\": \"one\"")).field());
    }
}
