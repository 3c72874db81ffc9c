package io.timelapse.lib.tokenizer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written splitter against the GPT-2 pattern run by java.util.regex. */
class GptTwoSplitterTest {

    private static final Pattern GPT2 = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    private static final String ALPHABET = "ab'srtvemlld  \t\n\r\u00a0\u3000\u2028\u0085\u000b17\u00bd\u0663!?.-\u0301"
            + "\u00e9\u6771\u200b";

    @Test
    void matchesTheRegexOnRandomText() {
        Random random = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(24);
            for (int k = 0; k < length; k++) {
                if (random.nextInt(20) == 0) {
                    text.appendCodePoint(random.nextBoolean() ? 0x1F916 : 0x1D400 + random.nextInt(50));
                } else {
                    text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                }
            }
            String s = text.toString();
            assertEquals(regexPieces(s), splitterPieces(s), () -> "text: " + s.codePoints()
                    .mapToObj(Integer::toHexString).toList());
        }
    }

    @Test
    void examples() {
        assertEquals(List.of("Hello", " world", "'s", " ", " x", "\n\n", "\n", "y", "  "),
                splitterPieces("Hello world's  x\n\n\ny  "));
        assertEquals(List.of("'", "S", " '", "s", "''", "re"), splitterPieces("'S 's''re"));
    }

    private static List<String> regexPieces(String s) {
        List<String> pieces = new ArrayList<>();
        Matcher m = GPT2.matcher(s);
        while (m.find()) {
            pieces.add(m.group());
        }
        return pieces;
    }

    private static List<String> splitterPieces(String s) {
        IntList spans = new IntList(8);
        GptTwoSplitter.split(s, 0, s.length(), spans);
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < spans.size(); i += 2) {
            pieces.add(s.substring(spans.get(i), spans.get(i + 1)));
        }
        return pieces;
    }
}
