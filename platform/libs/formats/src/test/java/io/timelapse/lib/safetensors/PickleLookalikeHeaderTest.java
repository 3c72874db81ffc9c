package io.timelapse.lib.safetensors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A header of 640 bytes starts the file with 0x80 0x02, a pickle's protocol marker; it is still safetensors. */
class PickleLookalikeHeaderTest {

    @TempDir
    Path dir;

    @Test
    void headerLengthThatLooksLikePickleIsRead() throws IOException {
        for (int headerLength : new int[] {640, 896, 1152, 1408}) {
            String json = "{\"__metadata__\":{\"pad\":\"x\"}}";
            String padded = json + " ".repeat(headerLength - json.length());
            ByteBuffer file = ByteBuffer.allocate(8 + headerLength).order(ByteOrder.LITTLE_ENDIAN);
            file.putLong(headerLength).put(padded.getBytes(StandardCharsets.US_ASCII));
            Path path = Files.write(dir.resolve("header-" + headerLength + ".safetensors"), file.array());
            try (SafetensorsFile opened = SafetensorsFile.open(path)) {
                assertEquals("x", opened.metadata().get("pad"), "header of " + headerLength + " bytes");
            }
        }
    }
}
