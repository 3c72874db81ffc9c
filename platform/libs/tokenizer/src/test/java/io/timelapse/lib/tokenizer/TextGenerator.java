package io.timelapse.lib.tokenizer;

import java.util.Random;

/**
 * Random text that mixes the things a byte-level BPE tokenizer has to get right: words in many
 * scripts, numbers, contractions, punctuation, runs of spaces and other whitespace, decomposed
 * characters that NFC composes, emoji sequences, code and special tokens. Only well-formed UTF-16.
 */
final class TextGenerator {

    private static final String[] FRAGMENTS = {
        "the", "The", "THE", "Hello", "world", "tokenizer", "internationalization", "a", "I", "x",
        "'s", "'t", "'re", "'ve", "'m", "'ll", "'d", "'S", "'LL", "''", "n't", "can't", "we've", "I'm",
        "0", "7", "42", "2023", "3.14159", "1,000,000", "0x1F", "1e-9",
        "!", "?", ".", ",", ";", ":", "...", "--", "-", "\"", "(", ")", "[", "]", "{", "}", "<", ">", "/", "\\",
        "#", "$", "%", "&", "*", "+", "=", "@", "^", "_", "`", "|", "~",
        "\u00e9", "na\u00efve", "caf\u00e9", "\u00c5ngstr\u00f6m", "stra\u00dfe", "\u00f1",
        "e\u0301", "a\u0308", "A\u030a", "n\u0303", "o\u0302\u0323", "\u1100\u1161\u11a8", "\u1112\u1161\u11ab",
        "\u6771\u4eac", "\u65e5\u672c\u8a9e", "\u3053\u3093\u306b\u3061\u306f", "\u30ab\u30bf\u30ab\u30ca",
        "\ud55c\uad6d\uc5b4", "\u041f\u0440\u0438\u0432\u0435\u0442", "\u03b1\u03b2\u03b3", "\u05e9\u05dc\u05d5\u05dd",
        "\u0645\u0631\u062d\u0628\u0627", "\u0928\u092e\u0938\u094d\u0924\u0947", "\u0e2a\u0e27\u0e31\u0e2a\u0e14\u0e35",
        "\ud83e\udd16", "\ud83d\ude00", "\ud83d\udc69\u200d\ud83d\udcbb", "\ud83c\udde9\ud83c\uddea", "\ud83d\udc4d\ud83c\udffd",
        "\u2764\ufe0f", "\u00bd", "\u00b2", "\u2167", "\u0663", "\u0967", "\u2460", "\u221e", "\u2211", "\u00a9", "\u2014",
        "\u00a0", "\u3000", "\u2028", "\u2029", "\u0085", "\u000b", "\u000c", "\u200b", "\u00ad", "\ufeff",
        "\t", "\n", "\r\n", "\n\n", "\t\t", " \n", "\n ",
        "<|endoftext|>", "<|padding|>", "<|endoftext", "|>", "<|", "endoftext",
        "def f(x):\n    return x", "for (int i = 0; i < n; i++) {", "}\n", "    ", "        ", "//", "/*", "*/",
        "::", "->", "=>", "!=", "==", "&&", "||", "${", "#include <stdio.h>",
    };

    private final Random random;

    TextGenerator(long seed) {
        random = new Random(seed);
    }

    String next() {
        int segments = random.nextInt(40);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < segments; i++) {
            switch (random.nextInt(10)) {
                case 0 -> text.append(" ".repeat(1 + random.nextInt(random.nextBoolean() ? 4 : 60)));
                case 1 -> appendRandomCodePoints(text);
                case 2 -> appendAsciiWord(text);
                case 3 -> text.append(random.nextInt(1_000_000));
                default -> text.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
            }
            int separator = random.nextInt(6);
            if (separator < 3) {
                text.append(' ');
            } else if (separator == 3) {
                text.append(random.nextBoolean() ? "\n" : "  ");
            }
        }
        return text.toString();
    }

    private void appendAsciiWord(StringBuilder text) {
        int length = 1 + random.nextInt(random.nextInt(10) == 0 ? 60 : 12);
        for (int i = 0; i < length; i++) {
            int r = random.nextInt(30);
            text.append(r < 26 ? (char) ('a' + r) : (char) ('A' + random.nextInt(26)));
        }
    }

    /** Assigned code points from anywhere in the BMP and some supplementary blocks. */
    private void appendRandomCodePoints(StringBuilder text) {
        int count = 1 + random.nextInt(6);
        for (int i = 0; i < count; i++) {
            int cp;
            do {
                cp = switch (random.nextInt(4)) {
                    case 0 -> 0x1F300 + random.nextInt(0x1FAFF - 0x1F300);
                    case 1 -> random.nextBoolean() ? 0x20000 + random.nextInt(0xA6D0) : 0x1D400 + random.nextInt(0x400);
                    default -> random.nextInt(0x10000);
                };
            } while (Character.getType(cp) == Character.UNASSIGNED || Character.getType(cp) == Character.SURROGATE);
            text.appendCodePoint(cp);
        }
    }
}
