package io.timelapse.lib.tokenizer.internal;

/**
 * Splits text into pre-tokens exactly as the GPT-2 pattern
 * {@code 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+} does under
 * leftmost-first alternation, without a regex engine. The pattern matches every character, so
 * the pieces tile the input.
 */
public final class GptTwoSplitter {

    private GptTwoSplitter() {}

    /** Appends the [start, end) char offsets of each pre-token of text[from..to) to spans. */
    public static void split(CharSequence text, int from, int to, IntList spans) {
        int i = from;
        while (i < to) {
            int end = matchAt(text, i, to);
            spans.add(i);
            spans.add(end);
            i = end;
        }
    }

    private static int matchAt(CharSequence text, int i, int to) {
        char c = text.charAt(i);
        if (c == '\'') {
            int contraction = contractionLength(text, i, to);
            if (contraction > 0) {
                return i + contraction;
            }
        }
        // " ?X+" for X in letters, numbers, others: the class of the first char after an optional space.
        int runStart = i;
        if (c == ' ' && i + 1 < to) {
            runStart = i + 1;
        }
        int first = Character.codePointAt(text, runStart);
        byte cls = CharClass.of(first);
        if (cls != CharClass.SPACE) {
            int j = runStart + Character.charCount(first);
            while (j < to) {
                int cp = Character.codePointAt(text, j);
                if (CharClass.of(cp) != cls) {
                    break;
                }
                j += Character.charCount(cp);
            }
            return j;
        }
        // A whitespace run (all White_Space characters are in the BMP).
        int j = i + 1;
        while (j < to && CharClass.of(text.charAt(j)) == CharClass.SPACE) {
            j++;
        }
        if (j == to || j - i == 1) {
            return j;
        }
        // "\s+(?!\S)" backs off one character so the last one can lead the next pre-token.
        return j - 1;
    }

    private static int contractionLength(CharSequence text, int i, int to) {
        if (i + 1 >= to) {
            return 0;
        }
        char a = text.charAt(i + 1);
        if (a == 's' || a == 't' || a == 'm' || a == 'd') {
            return 2;
        }
        if (i + 2 >= to) {
            return 0;
        }
        char b = text.charAt(i + 2);
        if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l')) {
            return 3;
        }
        return 0;
    }
}
