package io.timelapse.lib.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Scalars as a TensorBoard event file, {@code events.out.tfevents.<seconds>.<host>} in a log
 * directory. Each event is flushed to the file at once, so TensorBoard can follow a live run.
 */
public final class TensorBoardWriter implements MetricsWriter {

    private final Path file;
    private final FileChannel channel;
    private final OutputStream out;
    private final Clock clock;

    private TensorBoardWriter(Path file, FileChannel channel, Clock clock) {
        this.file = file;
        this.channel = channel;
        this.out = Channels.newOutputStream(channel);
        this.clock = clock;
    }

    /** A new event file in {@code logDir}, named with the local host name. */
    public static TensorBoardWriter create(Path logDir, Clock clock) throws IOException {
        return create(logDir, clock, hostName());
    }

    /** A new event file in {@code logDir}; a second file in the same second gets a numeric suffix. */
    public static TensorBoardWriter create(Path logDir, Clock clock, String host) throws IOException {
        Files.createDirectories(logDir);
        Instant now = clock.instant();
        String base = "events.out.tfevents." + now.getEpochSecond() + "." + host;
        for (int attempt = 0; ; attempt++) {
            Path file = logDir.resolve(attempt == 0 ? base : base + "." + attempt);
            try {
                FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                TensorBoardWriter writer = new TensorBoardWriter(file, channel, clock);
                writer.record(EventEncoder.fileVersion(seconds(now)));
                return writer;
            } catch (FileAlreadyExistsException e) {
                if (attempt > 1000) {
                    throw e;
                }
            }
        }
    }

    /**
     * A new event file for a run resuming at {@code step}: it starts with a session-start event at
     * that step, on which TensorBoard drops the earlier files' events of that step and later.
     */
    public static TensorBoardWriter resume(Path logDir, long step, Clock clock) throws IOException {
        return resume(logDir, step, clock, hostName());
    }

    public static TensorBoardWriter resume(Path logDir, long step, Clock clock, String host) throws IOException {
        TensorBoardWriter writer = create(logDir, clock, host);
        writer.record(EventEncoder.sessionStart(seconds(clock.instant()), step));
        return writer;
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void write(long step, Map<String, Double> values) throws IOException {
        record(EventEncoder.scalars(seconds(clock.instant()), step, values));
    }

    private void record(byte[] event) throws IOException {
        TfRecords.write(out, event);
    }

    private static double seconds(Instant instant) {
        return instant.getEpochSecond() + instant.getNano() / 1e9;
    }

    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name.isEmpty() || name.contains("/") ? "localhost" : name;
        } catch (IOException e) {
            return "localhost";
        }
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            channel.force(true);
        } finally {
            channel.close();
        }
    }
}
