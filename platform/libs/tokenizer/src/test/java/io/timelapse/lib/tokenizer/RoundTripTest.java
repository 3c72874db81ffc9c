package io.timelapse.lib.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.text.Normalizer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** decode(encode(text)) gives back the NFC form of the text. */
class RoundTripTest {

    private static final ByteLevelBpeTokenizer TOKENIZER = GptNeoXTokenizer.load();

    static List<String> texts() {
        return List.of(
                "", " ", "  ", " ".repeat(25), " ".repeat(1000), "\t", "\n", "\r\n", "\n\n\n", " \t \n ",
                "Hello, world!", "  leading and trailing  ", "tab\tseparated\tvalues\n1\t2\t3\n",
                "I'm sure you'll see we'd've done it; they're here, aren't they? 'Tis O'Neill's.",
                "SHOUTING'S NOT 'RE", "2 + 2 = 4; 10,000.50 USD; 3.14159e-10; 0xDEADBEEF; 1/2 \u00bd \u00b2\u00b3",
                "Caf\u00e9 na\u00efve r\u00e9sum\u00e9 \u00fcber Stra\u00dfe",
                "Cafe\u0301 nai\u0308ve re\u0301sume\u0301 u\u0308ber",
                "\u1100\u1161\u11a8 \u1112\u1161\u11ab\u1100\u1173\u11af",
                "\u6771\u4eac\u90fd\u6e0b\u8c37\u533a \u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8\u3002",
                "\u4e2d\u6587\uff0c\u6807\u70b9\u7b26\u53f7\uff01", "\ud55c\uad6d\uc5b4 \ud14d\uc2a4\ud2b8",
                "\u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440! \u0395\u03bb\u03bb\u03b7\u03bd\u03b9\u03ba\u03ac",
                "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645 \u05e9\u05dc\u05d5\u05dd",
                "\u0928\u092e\u0938\u094d\u0924\u0947 \u0926\u0941\u0928\u093f\u092f\u093e \u0e2a\u0e27\u0e31\u0e2a\u0e14\u0e35",
                "\ud83e\udd16\ud83d\ude00\ud83d\ude02 \ud83d\udc69\u200d\ud83d\udcbb \ud83c\udde9\ud83c\uddea \ud83d\udc4d\ud83c\udffd \u2764\ufe0f",
                "zero\u200bwidth soft\u00adhyphen bom\ufeff nbsp\u00a0here ideographic\u3000space",
                "line\u2028separator paragraph\u2029separator next\u0085line vt\u000bff\u000c",
                "<|endoftext|><|padding|><|endoftext|>", "text<|endoftext|>more text<|endoftext", "<|<|endoftext|>|>",
                "def f(x):\n    return x * 2\n\n\nclass A:\n\tpass\n",
                "public static void main(String[] args) {\n        System.out.println(\"hi\");\n    }\n",
                "#include <stdio.h>\nint main() { printf(\"%d\\n\", 42); return 0; }",
                "x" + " ".repeat(48) + "y" + " ".repeat(23) + "z" + " ".repeat(24) + "w",
                "a\u00a0\u00a0 b \u00a0c", "\u0000\u0001\u001f\u007f\u0080\u009f control",
                "\ud835\udc00\ud835\udc01 \ud840\udc00\ud840\udc01 \ud83c\udf00",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                "https://example.com/path?query=1&other=two#frag user@example.org");
    }

    @ParameterizedTest
    @MethodSource("texts")
    void handPickedTexts(String text) {
        assertEquals(Normalizer.normalize(text, Normalizer.Form.NFC), TOKENIZER.decode(TOKENIZER.encode(text)));
    }

    @Test
    void generatedTexts() {
        TextGenerator generator = new TextGenerator(20240501);
        for (int i = 0; i < 5000; i++) {
            String text = generator.next();
            String expected = Normalizer.normalize(text, Normalizer.Form.NFC);
            assertEquals(expected, TOKENIZER.decode(TOKENIZER.encode(text)), () -> "text: " + escape(text));
        }
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (cp >= 0x20 && cp < 0x7f) {
                out.appendCodePoint(cp);
            } else {
                out.append(String.format("\\u{%x}", cp));
            }
        });
        return out.toString();
    }
}
