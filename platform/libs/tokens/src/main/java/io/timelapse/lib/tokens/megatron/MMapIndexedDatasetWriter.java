package io.timelapse.lib.tokens.megatron;

import io.timelapse.lib.files.AtomicFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a Megatron {@code MMapIndexedDataset} ({@code prefix.bin} then {@code prefix.idx}, each
 * atomically), laid out byte for byte as gpt-neox's {@code MMapIndexedDatasetBuilder} does.
 */
public final class MMapIndexedDatasetWriter {

    private MMapIndexedDatasetWriter() {}

    /** Writes one item per document, as {@code preprocess_data.py} does: doc_idx is 0..N. */
    public static void write(Path prefix, TokenType type, List<long[]> items) throws IOException {
        long[] docIdx = new long[items.size() + 1];
        Arrays.setAll(docIdx, i -> i);
        write(prefix, type, items, docIdx);
    }

    /** Writes items with explicit document boundaries ({@code docIdx} starts at 0, ends at most at the item count). */
    public static void write(Path prefix, TokenType type, List<long[]> items, long[] docIdx) throws IOException {
        int[] sizes = new int[items.size()];
        AtomicFiles.write(MMapIndexedDataset.binPath(prefix), raw -> {
            OutputStream out = new BufferedOutputStream(raw, 1 << 16);
            ByteBuffer one = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < sizes.length; i++) {
                long[] tokens = items.get(i);
                sizes[i] = tokens.length;
                for (int t = 0; t < tokens.length; t++) {
                    if (!type.holds(tokens[t])) {
                        throw new IllegalArgumentException("item " + i + " token " + t + " = " + tokens[t] + " does not fit " + type);
                    }
                    one.clear();
                    switch (type) {
                        case UINT8, INT8 -> one.put((byte) tokens[t]);
                        case UINT16, INT16 -> one.putShort((short) tokens[t]);
                        case INT32 -> one.putInt((int) tokens[t]);
                        case INT64 -> one.putLong(tokens[t]);
                        case FLOAT32 -> one.putFloat(tokens[t]);
                        case FLOAT64 -> one.putDouble(tokens[t]);
                    }
                    out.write(one.array(), 0, type.size());
                }
            }
            out.flush();
        });
        writeIndex(MMapIndexedDataset.idxPath(prefix), type, sizes, docIdx);
    }

    /** Writes an {@code .idx} for items of the given sizes (the {@code .bin} is the caller's). */
    public static void writeIndex(Path idxFile, TokenType type, int[] sizes, long[] docIdx) throws IOException {
        if (docIdx.length == 0 || docIdx[0] != 0) {
            throw new IllegalArgumentException("doc_idx must start at 0");
        }
        for (int j = 1; j < docIdx.length; j++) {
            if (docIdx[j] < docIdx[j - 1] || docIdx[j] > sizes.length) {
                throw new IllegalArgumentException("doc_idx[" + j + "] = " + docIdx[j] + " is out of order or beyond " + sizes.length);
            }
        }
        AtomicFiles.write(idxFile, raw -> {
            OutputStream out = new BufferedOutputStream(raw, 1 << 16);
            ByteBuffer header = ByteBuffer.allocate(MMapIndex.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            header.put(MMapIndex.MAGIC).putLong(1).put((byte) type.code()).putLong(sizes.length).putLong(docIdx.length);
            out.write(header.array());
            ByteBuffer block = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (int size : sizes) {
                if (size < 0) {
                    throw new IllegalArgumentException("negative item size " + size);
                }
                flushIfFull(block, out, 4);
                block.putInt(size);
            }
            long pointer = 0;
            for (int size : sizes) {
                flushIfFull(block, out, 8);
                block.putLong(pointer);
                pointer += (long) size * type.size();
            }
            for (long d : docIdx) {
                flushIfFull(block, out, 8);
                block.putLong(d);
            }
            out.write(block.array(), 0, block.position());
            out.flush();
        });
    }

    private static void flushIfFull(ByteBuffer block, OutputStream out, int need) throws IOException {
        if (block.remaining() < need) {
            out.write(block.array(), 0, block.position());
            block.clear();
        }
    }
}
