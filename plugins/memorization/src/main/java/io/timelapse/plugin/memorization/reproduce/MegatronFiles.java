package io.timelapse.plugin.memorization.reproduce;

import io.timelapse.lib.files.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Writes rows as a Megatron/GPT-NeoX {@code MMapIndexedDataset} ({@code .bin} + {@code .idx}),
 * one item per row in training order, uint16 tokens: the layout of Pythia's pre-shuffled datasets,
 * which the pythia plugin's training-data service and gpt-neox read.
 */
final class MegatronFiles {

    private static final byte[] MAGIC = {'M', 'M', 'I', 'D', 'I', 'D', 'X', 0, 0};
    private static final byte UINT16 = 8;

    private MegatronFiles() {}

    static void write(Path prefix, int[] rows, int rowLength) throws IOException {
        int count = rows.length / rowLength;
        ByteBuffer bin = ByteBuffer.allocate(rows.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int id : rows) {
            if (id < 0 || id > 0xFFFF) {
                throw new IllegalArgumentException("token id " + id + " does not fit uint16");
            }
            bin.putShort((short) id);
        }
        ByteBuffer idx = ByteBuffer.allocate(MAGIC.length + 8 + 1 + 8 + 8 + count * 4 + count * 8 + (count + 1) * 8)
                .order(ByteOrder.LITTLE_ENDIAN);
        idx.put(MAGIC).putLong(1).put(UINT16).putLong(count).putLong(count + 1L);
        for (int i = 0; i < count; i++) {
            idx.putInt(rowLength);
        }
        for (int i = 0; i < count; i++) {
            idx.putLong((long) i * rowLength * 2);
        }
        for (int i = 0; i <= count; i++) {
            idx.putLong(i);
        }
        AtomicFiles.writeBytes(prefix.resolveSibling(prefix.getFileName() + ".bin"), bin.array());
        AtomicFiles.writeBytes(prefix.resolveSibling(prefix.getFileName() + ".idx"), idx.array());
    }
}
