package io.timelapse.lib.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compares with Hugging Face tokenizers (Rust, through DJL's JNI binding and its bundled native
 * library) on generated texts and random id sequences.
 */
class ReferenceCrossCheckTest {

    private static final ByteLevelBpeTokenizer TOKENIZER = GptNeoXTokenizer.load();
    private static HuggingFaceTokenizer reference;

    @BeforeAll
    static void loadReference() throws IOException {
        try (InputStream in = GptNeoXTokenizer.class.getResourceAsStream(GptNeoXTokenizer.RESOURCE)) {
            reference = HuggingFaceTokenizer.newInstance(in,
                    Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false"));
        }
    }

    @AfterAll
    static void closeReference() {
        reference.close();
    }

    @Test
    void generatedTextsEncodeAsTheReference() {
        TextGenerator generator = new TextGenerator(4242);
        for (int i = 0; i < 4000; i++) {
            String text = generator.next();
            assertArrayEquals(referenceIds(text), TOKENIZER.encode(text), () -> "text: " + RoundTripTest.escape(text));
        }
    }

    @Test
    void longTextEncodesAsTheReference() {
        TextGenerator generator = new TextGenerator(99);
        StringBuilder text = new StringBuilder();
        while (text.length() < 200_000) {
            text.append(generator.next()).append('\n');
        }
        String s = text.toString();
        int[] ids = TOKENIZER.encode(s);
        assertEquals(referenceIds(s).length, ids.length);
        assertArrayEquals(referenceIds(s), ids);
    }

    @Test
    void longWordsEncodeAsTheReference() {
        Random random = new Random(5);
        for (int n : new int[] {300, 3000, 20_000}) {
            StringBuilder word = new StringBuilder();
            for (int i = 0; i < n; i++) {
                word.append(random.nextInt(8) == 0 ? 'e' : (char) ('a' + random.nextInt(26)));
            }
            String text = word.toString();
            assertArrayEquals(referenceIds(text), TOKENIZER.encode(text));
            String digits = text.replaceAll("[a-m]", "7").replaceAll("[n-z]", "1");
            assertArrayEquals(referenceIds(digits), TOKENIZER.encode(digits));
        }
    }

    @Test
    void randomIdSequencesDecodeAsTheReference() {
        Random random = new Random(11);
        for (int i = 0; i < 3000; i++) {
            int[] ids = new int[random.nextInt(12)];
            for (int k = 0; k < ids.length; k++) {
                // Favour the low ids, which include the single bytes that cut UTF-8 sequences.
                ids[k] = random.nextBoolean() ? random.nextInt(300) : random.nextInt(TOKENIZER.vocabSize());
            }
            long[] longIds = Arrays.stream(ids).asLongStream().toArray();
            for (boolean skipSpecial : new boolean[] {false, true}) {
                assertEquals(reference.decode(longIds, skipSpecial), TOKENIZER.decode(ids, skipSpecial),
                        () -> "ids: " + Arrays.toString(ids) + " skipSpecial " + skipSpecial);
            }
        }
    }

    private static int[] referenceIds(String text) {
        return Arrays.stream(reference.encode(text, false, false).getIds()).mapToInt(id -> (int) id).toArray();
    }
}
