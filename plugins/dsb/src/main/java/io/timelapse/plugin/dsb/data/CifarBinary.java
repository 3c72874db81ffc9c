package io.timelapse.plugin.dsb.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The CIFAR-10 binary format ({@code data_batch_1.bin} … {@code test_batch.bin}): records of one label byte (0–9)
 * followed by 3 × 32 × 32 pixel bytes in CHW order.
 */
public final class CifarBinary {

    static final int SIDE = 32;
    static final int CHANNELS = 3;
    static final int CLASSES = 10;
    static final int RECORD = 1 + CHANNELS * SIDE * SIDE;

    private CifarBinary() {}

    public static LabeledImages read(Path file) throws IOException {
        byte[] data = DataFiles.readAll(file);
        if (data.length == 0) {
            throw new IOException(file + ": empty file, not a CIFAR-10 binary batch");
        }
        if (data.length % RECORD != 0) {
            throw new IOException(file + ": " + data.length + " bytes is not a whole number of CIFAR-10 records ("
                + RECORD + " bytes each); the file is truncated or not a CIFAR-10 binary batch");
        }
        int count = data.length / RECORD;
        int size = RECORD - 1;
        int[] labels = new int[count];
        byte[] pixels = new byte[count * size];
        for (int i = 0; i < count; i++) {
            int label = data[i * RECORD] & 0xff;
            if (label >= CLASSES) {
                throw new IOException(file + ": record " + i + " has label " + label + "; CIFAR-10 labels are 0 to 9");
            }
            labels[i] = label;
            System.arraycopy(data, i * RECORD + 1, pixels, i * size, size);
        }
        return new LabeledImages(new ImageArray(count, CHANNELS, SIDE, SIDE, pixels), labels);
    }
}
