package io.timelapse.plugin.memorization.table;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * An append-only log of finished rows that makes scoring resumable. Layout (little-endian):
 * magic {@code TLMEMLG1}; header length, the header's JSON, its CRC32; then one record per
 * finished batch: row count n, n × (int64 row, uint8 matches), CRC32 of count and payload. Every
 * record is forced to disk before the next batch starts, so a kill loses at most the batch in
 * flight. On reopening, records are replayed up to the first torn or corrupt one, and the file is
 * cut there.
 */
public final class ScoreLog implements Closeable {

    /** Receives the rows recovered from an existing log. */
    @FunctionalInterface
    public interface RowSink {
        void accept(long row, int matches) throws IOException;
    }

    private static final byte[] MAGIC = "TLMEMLG1".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_RECORD_ROWS = 1 << 24;
    private static final int ROW_BYTES = 9;

    private final Path file;
    private final FileChannel channel;
    private final long recoveredRows;
    private final long discardedBytes;

    private ScoreLog(Path file, FileChannel channel, long recoveredRows, long discardedBytes) {
        this.file = file;
        this.channel = channel;
        this.recoveredRows = recoveredRows;
        this.discardedBytes = discardedBytes;
    }

    /**
     * Opens {@code file} for appending, creating it with {@code header} when absent. An existing
     * log must have been written for exactly the same header; its finished rows go to {@code sink}.
     */
    public static ScoreLog open(Path file, TableHeader header, RowSink sink) throws IOException {
        byte[] headerBytes = TableJson.MAPPER.writeValueAsBytes(TableJson.toJson(header));
        if (!Files.exists(file) || Files.size(file) == 0) {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            ByteBuffer start = ByteBuffer.allocate(MAGIC.length + 8 + headerBytes.length).order(ByteOrder.LITTLE_ENDIAN);
            start.put(MAGIC).putInt(headerBytes.length).put(headerBytes).putInt(crc(headerBytes, 0, headerBytes.length));
            start.flip();
            channel.truncate(0);
            writeFully(channel, start, 0);
            channel.force(true);
            return new ScoreLog(file, channel, 0, 0);
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ);
        try {
            long size = channel.size();
            long position = checkHeader(channel, file, header, headerBytes);
            long rows = 0;
            ByteBuffer countBuffer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            while (position + 4 <= size) {
                countBuffer.clear();
                readFully(channel, countBuffer, position);
                int count = countBuffer.getInt(0);
                long length = 4L + (long) count * ROW_BYTES + 4;
                if (count < 1 || count > MAX_RECORD_ROWS || position + length > size) {
                    break;
                }
                ByteBuffer record = ByteBuffer.allocate((int) length).order(ByteOrder.LITTLE_ENDIAN);
                readFully(channel, record, position);
                if (crc(record.array(), 0, (int) length - 4) != record.getInt((int) length - 4)) {
                    break;
                }
                for (int i = 0; i < count; i++) {
                    int at = 4 + i * ROW_BYTES;
                    sink.accept(record.getLong(at), record.get(at + 8) & 0xFF);
                }
                rows += count;
                position += length;
            }
            long discarded = size - position;
            if (discarded > 0) {
                channel.truncate(position);
                channel.force(true);
            }
            return new ScoreLog(file, channel, rows, discarded);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static long checkHeader(FileChannel channel, Path file, TableHeader header, byte[] expected) throws IOException {
        ByteBuffer start = ByteBuffer.allocate(MAGIC.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        try {
            readFully(channel, start, 0);
        } catch (EOFException e) {
            throw new IOException(file + ": not a memorization score log (too short for its header); delete it to start over", e);
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (start.get(i) != MAGIC[i]) {
                throw new IOException(file + ": not a memorization score log (bad magic); delete it to start over");
            }
        }
        int length = start.getInt(MAGIC.length);
        if (length < 2 || length > (1 << 24)) {
            throw new IOException(file + ": header length " + length + " is implausible; delete the log to start over");
        }
        ByteBuffer json = ByteBuffer.allocate(length + 4).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, json, MAGIC.length + 4);
        if (crc(json.array(), 0, length) != json.getInt(length)) {
            throw new IOException(file + ": header checksum mismatch; delete the log to start over");
        }
        TableHeader logged = TableJson.fromJson(TableJson.MAPPER.readTree(json.array(), 0, length), file.toString());
        if (!logged.equals(header)) {
            String conflict = logged.mergeConflict(header);
            throw new IOException(file + ": the log holds rows scored with a different set-up ("
                    + (conflict != null ? conflict : "shard " + logged.shard() + " vs " + header.shard())
                    + "); resume with the original options or use another --out");
        }
        return MAGIC.length + 4L + length + 4;
    }

    /** Appends rows {@code [0, count)} of the arrays as one record and forces it to disk. */
    public void append(long[] rows, byte[] matches, int count) throws IOException {
        if (count < 1) {
            return;
        }
        if (count > MAX_RECORD_ROWS) {
            throw new IllegalArgumentException("at most " + MAX_RECORD_ROWS + " rows per record, got " + count);
        }
        int length = 4 + count * ROW_BYTES + 4;
        ByteBuffer record = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        record.putInt(count);
        for (int i = 0; i < count; i++) {
            record.putLong(rows[i]).put(matches[i]);
        }
        record.putInt(crc(record.array(), 0, length - 4));
        record.flip();
        writeFully(channel, record, channel.size());
        channel.force(false);
    }

    public Path file() {
        return file;
    }

    /** Rows replayed from an existing log when it was opened. */
    public long recoveredRows() {
        return recoveredRows;
    }

    /** Bytes of a torn or corrupt tail cut off when the log was opened. */
    public long discardedBytes() {
        return discardedBytes;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static int crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new EOFException("end of file at byte " + at);
            }
            at += n;
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }
}
