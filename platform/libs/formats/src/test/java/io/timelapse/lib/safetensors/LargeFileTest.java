package io.timelapse.lib.safetensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.lib.bytes.LargeByteBuffer;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sparse file of 2.5 GB: a tensor larger than one ByteBuffer and a tensor that starts beyond 2 GB. */
class LargeFileTest {

    private static final long BIG = 2_500_000_001L;

    @TempDir
    Path tmp;

    @Test
    void mapsTensorsBeyondTwoGigabytes() throws IOException {
        String json = "{\"big\":{\"dtype\":\"U8\",\"shape\":[" + BIG + "],\"data_offsets\":[0," + BIG + "]},"
                + "\"tail\":{\"dtype\":\"I32\",\"shape\":[2],\"data_offsets\":[" + BIG + "," + (BIG + 8) + "]}}";
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        long dataStart = 8 + header.length;
        Path path = tmp.resolve("big.safetensors");
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
            file.write(header);
            file.seek(dataStart + 2_147_483_650L);
            file.write(0x5A);
            file.seek(dataStart + BIG);
            file.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(-7).putInt(123456789).array());
        }
        try (SafetensorsFile file = SafetensorsFile.open(path)) {
            SafetensorsTensor big = file.tensor("big");
            assertFalse(big.fitsOneBuffer());
            assertThrows(IllegalStateException.class, big::data);
            LargeByteBuffer bytes = big.largeData();
            assertEquals(BIG, bytes.size());
            assertEquals(0x5A, bytes.getByte(2_147_483_650L));
            assertEquals(0, bytes.getByte(BIG - 1));
            SafetensorsTensor tail = file.tensor("tail");
            assertTrue(tail.fitsOneBuffer());
            assertEquals(-7, tail.data().getInt(0));
            assertEquals(123456789, tail.data().getInt(4));
        }
    }
}
