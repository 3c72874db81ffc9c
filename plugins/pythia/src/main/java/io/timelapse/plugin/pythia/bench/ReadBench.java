package io.timelapse.plugin.pythia.bench;

import io.timelapse.plugin.pythia.service.PreshuffledTrainingData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Times every way of reading a batch on every corpus through the training-data service, cold when asked, then warm. */
public final class ReadBench {

    /** A corpus as the service opens it, and the ways it is read. */
    public record Corpus(String name, PreshuffledTrainingData data, List<ReadWay> ways) {}

    private final int batch;
    private final int rowLength;
    private final int[] ints;
    private final int[] row;
    private final short[] shorts;
    /** Tokens of every read summed, so that no read can be optimised away. */
    private long sink;

    public ReadBench(int batch, int rowLength) {
        this.batch = batch;
        this.rowLength = rowLength;
        this.ints = new int[batch * rowLength];
        this.row = new int[rowLength];
        this.shorts = new short[batch * rowLength];
    }

    /** Milliseconds per read, keyed {@code corpus/way/cold} and {@code corpus/way/warm}. */
    public Map<String, Spread> run(List<Corpus> corpora, Schedule schedule, int coldRounds, int warmup) throws IOException {
        Map<String, double[]> times = new LinkedHashMap<>();
        for (int round = 0; round < coldRounds; round++) {
            PageCache.drop();
            for (Corpus corpus : corpora) {
                for (ReadWay way : corpus.ways()) {
                    double[] cold = times.computeIfAbsent(key(corpus, way, "cold"), k -> new double[coldRounds]);
                    cold[round] = time(corpus, way, schedule.cold(corpus.name(), way).get(round));
                }
            }
        }
        for (Corpus corpus : corpora) {
            for (Path file : corpus.data().files()) {
                pageIn(file);
            }
            for (ReadWay way : corpus.ways()) {
                List<Batch> batches = schedule.warm(way);
                for (int pass = 0; pass < warmup; pass++) {
                    for (Batch b : batches) {
                        time(corpus, way, b);
                    }
                }
                double[] warm = new double[batches.size()];
                for (int i = 0; i < warm.length; i++) {
                    warm[i] = time(corpus, way, batches.get(i));
                }
                times.put(key(corpus, way, "warm"), warm);
            }
        }
        Map<String, Spread> spreads = new LinkedHashMap<>();
        times.forEach((key, millis) -> spreads.put(key, Spread.of(millis)));
        return spreads;
    }

    public static String key(Corpus corpus, ReadWay way, String mode) {
        return corpus.name() + "/" + way.key() + "/" + mode;
    }

    /** The sum of the first token of every read, which keeps the reads from being optimised away. */
    public long sink() {
        return sink;
    }

    private double time(Corpus corpus, ReadWay way, Batch b) {
        long start = System.nanoTime();
        sink += read(corpus.data(), way, b);
        return (System.nanoTime() - start) / 1e6;
    }

    private long read(PreshuffledTrainingData data, ReadWay way, Batch b) {
        long sum = 0;
        switch (way) {
            case READ_ROWS_REUSED -> {
                data.readRows(b.first(), batch, ints, 0);
                sum = ints[0];
            }
            case READ_ROWS_FRESH -> {
                int[] fresh = new int[batch * rowLength];
                data.readRows(b.first(), batch, fresh, 0);
                sum = fresh[0];
            }
            case READ_ROW_REUSED -> {
                for (int r = 0; r < batch; r++) {
                    data.readRow(b.first() + r, row);
                    sum += row[0];
                }
            }
            case ROW_FRESH -> {
                for (int r = 0; r < batch; r++) {
                    sum += data.row(b.first() + r)[0];
                }
            }
            case READ_ROW_RANDOM -> {
                for (long at : b.rows()) {
                    data.readRow(at, row);
                    sum += row[0];
                }
            }
            case UINT16_REUSED -> {
                data.dataset().readRowsUint16(b.first(), batch, shorts, 0);
                sum = shorts[0];
            }
            case UINT16_FRESH -> {
                short[] fresh = new short[batch * rowLength];
                data.dataset().readRowsUint16(b.first(), batch, fresh, 0);
                sum = fresh[0];
            }
        }
        return sum;
    }

    /** Reads a file once with plain reads, not through a mapping, so that its pages sit in the page cache. */
    private static void pageIn(Path file) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        try (FileChannel channel = FileChannel.open(file)) {
            while (channel.read(buffer) > 0) {
                buffer.clear();
            }
        }
    }
}
