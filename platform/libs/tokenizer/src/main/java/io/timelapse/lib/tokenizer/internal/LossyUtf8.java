package io.timelapse.lib.tokenizer.internal;

/**
 * Decodes UTF-8 replacing each maximal invalid subpart with one U+FFFD, the Unicode recommended
 * practice that Rust's {@code String::from_utf8_lossy} follows. (The JDK decoder sometimes folds
 * two invalid bytes into one replacement, e.g. ED A2.)
 */
public final class LossyUtf8 {

    private LossyUtf8() {}

    public static String decode(byte[] bytes, int length) {
        char[] out = new char[length];
        int n = 0;
        int i = 0;
        while (i < length) {
            int b0 = bytes[i] & 0xFF;
            if (b0 < 0x80) {
                out[n++] = (char) b0;
                i++;
                continue;
            }
            int need;
            int lo = 0x80;
            int hi = 0xBF;
            int cp;
            if (b0 >= 0xC2 && b0 <= 0xDF) {
                need = 1;
                cp = b0 & 0x1F;
            } else if (b0 >= 0xE0 && b0 <= 0xEF) {
                need = 2;
                cp = b0 & 0x0F;
                if (b0 == 0xE0) {
                    lo = 0xA0;
                } else if (b0 == 0xED) {
                    hi = 0x9F;
                }
            } else if (b0 >= 0xF0 && b0 <= 0xF4) {
                need = 3;
                cp = b0 & 0x07;
                if (b0 == 0xF0) {
                    lo = 0x90;
                } else if (b0 == 0xF4) {
                    hi = 0x8F;
                }
            } else {
                out[n++] = '\uFFFD';
                i++;
                continue;
            }
            int j = i + 1;
            boolean complete = true;
            for (int k = 0; k < need; k++, j++) {
                int b = j < length ? bytes[j] & 0xFF : -1;
                // Only the second byte has a narrowed range.
                int min = k == 0 ? lo : 0x80;
                int max = k == 0 ? hi : 0xBF;
                if (b < min || b > max) {
                    complete = false;
                    break;
                }
                cp = (cp << 6) | (b & 0x3F);
            }
            if (complete) {
                n += Character.toChars(cp, out, n);
            } else {
                out[n++] = '\uFFFD';
            }
            i = j;
        }
        return new String(out, 0, n);
    }
}
