package io.timelapse.lib.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The bundled tokenizer's vocabulary and the encodings of inputs that exercise each rule; the
 * expected ids were produced by Hugging Face tokenizers 0.21 (DJL 0.36.0).
 */
class GptNeoXTokenizerTest {

    private static final ByteLevelBpeTokenizer TOKENIZER = GptNeoXTokenizer.load();

    @Test
    void vocabularyAndSpecialTokens() {
        assertSame(TOKENIZER, GptNeoXTokenizer.load());
        assertEquals(50_277, TOKENIZER.vocabSize());
        assertEquals(OptionalInt.of(0), TOKENIZER.tokenToId("<|endoftext|>"));
        assertEquals(OptionalInt.of(1), TOKENIZER.tokenToId("<|padding|>"));
        assertEquals(OptionalInt.of(50276), TOKENIZER.tokenToId("  "));
        assertEquals(OptionalInt.of(50254), TOKENIZER.tokenToId(" ".repeat(24)));
        assertEquals(OptionalInt.of(12092), TOKENIZER.tokenToId("Hello"));
        assertEquals(OptionalInt.of(1533), TOKENIZER.tokenToId("Ġworld"));
        assertEquals(OptionalInt.empty(), TOKENIZER.tokenToId("no such token"));
        assertEquals(Optional.of("Ġworld"), TOKENIZER.idToToken(1533));
        assertEquals(Optional.of("<|endoftext|>"), TOKENIZER.idToToken(GptNeoXTokenizer.EOD_ID));
        assertEquals(Optional.empty(), TOKENIZER.idToToken(50_277));
        assertEquals(Optional.empty(), TOKENIZER.idToToken(-1));
        assertTrue(TOKENIZER.isSpecial(0));
        assertTrue(TOKENIZER.isSpecial(1));
        assertFalse(TOKENIZER.isSpecial(50276));
        assertFalse(TOKENIZER.isSpecial(12092));
    }

    @Test
    void addedSpaceRunsAreSplitOutLongestFirst() {
        assertArrayEquals(new int[] {89, 50254, 50276, 90}, TOKENIZER.encode("x" + " ".repeat(26) + "y"));
        assertArrayEquals(new int[] {12092, 50276, 10186}, TOKENIZER.encode("Hello  world"));
    }

    @Test
    void preTokenizerRules() {
        // A no-break space is whitespace but not " ": it stands alone, and the space joins "b".
        assertArrayEquals(new int[] {66, 575, 270}, TOKENIZER.encode("a\u00a0 b"));
        assertArrayEquals(new int[] {186, 1269}, TOKENIZER.encode("\t x"));
        // Contractions are lowercase only; " '" is a punctuation run.
        assertArrayEquals(new int[] {8, 52, 686, 84}, TOKENIZER.encode("'S 's"));
    }

    @Test
    void normalizesToNfcAfterSplittingOutSpecialTokens() {
        assertArrayEquals(new int[] {860}, TOKENIZER.encode("e\u0301"));
        assertArrayEquals(new int[] {860}, TOKENIZER.encode("\u00e9"));
        // The combining mark after a special token has nothing to compose with.
        assertArrayEquals(new int[] {0, 136, 212}, TOKENIZER.encode("<|endoftext|>\u0301"));
    }

    @Test
    void decodeCanSkipSpecialTokens() {
        int[] ids = {0, 12092, 50276, 1};
        assertEquals("<|endoftext|>Hello  <|padding|>", TOKENIZER.decode(ids));
        assertEquals("Hello  ", TOKENIZER.decode(ids, true));
        assertEquals("", TOKENIZER.decode(new int[0]));
        assertArrayEquals(new int[0], TOKENIZER.encode(""));
    }

    @Test
    void decodeRejectsIdsOutsideTheVocabulary() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TOKENIZER.decode(new int[] {12092, 50_277}));
        assertTrue(e.getMessage().contains("50277"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TOKENIZER.decode(new int[] {-1}));
    }

    @Test
    void cutMultiByteCharactersDecodeToReplacementCharacters() {
        // "東" is the bytes E6 9D B1; its BPE tokens hold the first byte apart from the rest.
        int[] ids = TOKENIZER.encode("\u6771");
        assertEquals("\u6771", TOKENIZER.decode(ids));
        assertTrue(ids.length > 1);
        assertEquals("\ufffd", TOKENIZER.decode(new int[] {ids[0]}));
    }

    @Test
    void unpairedSurrogatesEncodeAsReplacementCharacter() {
        assertArrayEquals(TOKENIZER.encode("a\ufffdb"), TOKENIZER.encode("a\ud800b"));
        assertArrayEquals(TOKENIZER.encode("\ufffd"), TOKENIZER.encode("\udc00"));
    }

    @Test
    void longWordsMergeWithoutBlowUpAndRoundTrip() {
        StringBuilder word = new StringBuilder();
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 200_000; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        String text = word.toString();
        assertEquals(text, TOKENIZER.decode(TOKENIZER.encode(text)));
        String same = "a".repeat(100_000);
        assertEquals(same, TOKENIZER.decode(TOKENIZER.encode(same)));
    }
}
