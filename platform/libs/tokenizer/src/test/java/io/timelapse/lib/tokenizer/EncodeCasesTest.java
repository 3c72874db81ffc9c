package io.timelapse.lib.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The golden encodings of encode_cases.json, made with Hugging Face tokenizers 0.21 through DJL. */
class EncodeCasesTest {

    private static final ByteLevelBpeTokenizer TOKENIZER = GptNeoXTokenizer.load();

    static List<Arguments> cases() throws IOException {
        try (InputStream in = EncodeCasesTest.class.getResourceAsStream("encode_cases.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<Arguments> result = new ArrayList<>();
            for (JsonNode c : root) {
                int[] ids = new int[c.get("ids").size()];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = c.get("ids").get(i).intValue();
                }
                result.add(Arguments.of(c.get("text").asText(), ids, c.get("decoded_equals_text").booleanValue()));
            }
            return result;
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void encodesAsTheReference(String text, int[] expectedIds, boolean decodedEqualsText) {
        assertArrayEquals(expectedIds, TOKENIZER.encode(text));
        String decoded = TOKENIZER.decode(expectedIds);
        if (decodedEqualsText) {
            assertEquals(text, decoded);
        } else {
            assertNotEquals(text, decoded);
        }
    }

    @Test
    void allTenCasesAreRead() throws IOException {
        assertEquals(10, cases().size());
    }
}
