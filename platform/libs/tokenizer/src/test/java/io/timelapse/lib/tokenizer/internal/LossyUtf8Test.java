package io.timelapse.lib.tokenizer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LossyUtf8Test {

    private static String decode(int... unsignedBytes) {
        byte[] bytes = new byte[unsignedBytes.length];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) unsignedBytes[i];
        }
        return LossyUtf8.decode(bytes, bytes.length);
    }

    @Test
    void unicodeStandardTable3Dash8() {
        // The Unicode Standard 15, table 3-8: U+FFFD for maximal subparts of ill-formed sequences.
        assertEquals("a\ufffd\ufffd\ufffdb\ufffdc\ufffd\ufffdd",
                decode(0x61, 0xF1, 0x80, 0x80, 0xE1, 0x80, 0xC2, 0x62, 0x80, 0x63, 0x80, 0xBF, 0x64));
    }

    @Test
    void surrogatesOverlongsAndTruncation() {
        assertEquals("\ufffd\ufffd", decode(0xED, 0xA2));
        assertEquals("\ufffd\ufffd\ufffd", decode(0xED, 0xA0, 0x80));
        assertEquals("\ufffd\ufffd", decode(0xC0, 0xAF));
        assertEquals("\ufffd\ufffd\ufffd", decode(0xE0, 0x80, 0xAF));
        assertEquals("\ufffd\ufffd\ufffd\ufffd", decode(0xF4, 0x90, 0x80, 0x80));
        assertEquals("\ufffd", decode(0xF0, 0x9F, 0x98));
        assertEquals("\ufffdx", decode(0xE6, 0x9D, 'x'));
        assertEquals("\ufffd", decode(0xFF));
    }

    @Test
    void wellFormedTextIsDecodedExactly() {
        String text = "a\u00e9\u6771\ud83e\udd16\u007f\u0080\uffff\udbff\udfff";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertEquals(text, LossyUtf8.decode(bytes, bytes.length));
    }
}
