package io.timelapse.lib.checkpoint;

import io.timelapse.lib.bytes.LargeByteBuffer;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/** CRC32C over tensors' bytes, tensors in {@code String.compareTo} name order, so it does not depend on the file layout. */
final class DataChecksum {

    private DataChecksum() {}

    static String of(Map<String, LargeByteBuffer> tensors) {
        CRC32C crc = new CRC32C();
        byte[] scratch = new byte[1 << 20];
        for (LargeByteBuffer data : new TreeMap<>(tensors).values()) {
            for (long at = 0; at < data.size(); at += scratch.length) {
                int n = (int) Math.min(scratch.length, data.size() - at);
                data.getBytes(at, scratch, 0, n);
                crc.update(scratch, 0, n);
            }
        }
        return String.format("%08x", crc.getValue());
    }
}
