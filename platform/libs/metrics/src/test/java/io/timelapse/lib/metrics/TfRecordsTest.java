package io.timelapse.lib.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Framing and encoding against values derived by hand (see the comments) and standard check values. */
class TfRecordsTest {

    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replace(" ", ""));
    }

    @Test
    void crc32cCheckValue() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xE3069283, TfRecords.crc32c(check, 0, check.length));
        assertEquals(0xE3069283, EventFileReader.crc32c(check, 0, check.length));
        // rotr(0xE3069283, 15) = 0x25078C0D; + 0xA282EAD8 = 0xC78AB0E5 (mod 2^32).
        assertEquals(0xC78AB0E5, TfRecords.mask(0xE3069283));
    }

    @Test
    void fileVersionEventByHand() {
        // 09 = field 1 fixed64: 1.0 = 3FF0000000000000 little-endian; 1a 0d = field 3, 13 bytes "brain.Event:2".
        byte[] event = hex("09 000000000000f03f 1a0d 627261696e2e4576656e743a32");
        assertArrayEquals(event, EventEncoder.fileVersion(1.0));
        // length 24 = 18 00.. ; masked CRCs computed with an independent bitwise CRC32C.
        assertEquals(8 + 4 + event.length + 4, TfRecords.frame(event).length);
        assertArrayEquals(hex("1800000000000000 a37f4b22 09000000000000f03f1a0d627261696e2e4576656e743a32 86bf577a"),
                TfRecords.frame(event));
    }

    @Test
    void scalarEventByHand() {
        // wall_time 2.5 (0x4004000000000000), 10 03 = step 3, 2a 0d = summary (13 bytes):
        // 0a 0b = value (11 bytes): 0a 04 "loss", 15 = simple_value fixed32 0.5 (0x3F000000).
        byte[] event = hex("09 0000000000000440 1003 2a0d 0a0b 0a046c6f7373 150000003f");
        assertArrayEquals(event, EventEncoder.scalars(2.5, 3, Map.of("loss", 0.5)));
        assertEquals(8 + 4 + event.length + 4, TfRecords.frame(event).length);
        assertArrayEquals(hex("1a00000000000000 129bd82d 09000000000000044010032a0d0a0b0a046c6f7373150000003f 61f197ef"),
                TfRecords.frame(event));
    }

    @Test
    void sessionStartEventByHand() {
        // step 300 = varint ac 02; 3a 02 = field 7 (session_log; 7 << 3 | 2), 2 bytes: 08 01 = status START.
        assertArrayEquals(hex("09 0000000000000440 10ac02 3a02 0801"), EventEncoder.sessionStart(2.5, 300));
    }
}
