package io.timelapse.plugin.pythia.bench;

import io.timelapse.lib.bench.Spread;
import io.timelapse.plugin.pythia.service.PreshuffledTrainingData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.EnumMap;
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
    private final Map<ReadWay, Reader> readers = readers();
    private final Map<ReadWay, Runnable> allocations = allocations();
    /** Tokens of every read summed, so that no read can be optimised away. */
    private long sink;
    /** The last array an allocation made, kept so that the JIT cannot elide the allocation. */
    private Object kept;

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
        // Every way on every corpus is run before any is timed, so that the JIT and the heap are in their steady state.
        for (Corpus corpus : corpora) {
            for (Path file : corpus.data().files()) {
                pageIn(file);
            }
        }
        for (int pass = 0; pass < warmup; pass++) {
            for (Corpus corpus : corpora) {
                for (ReadWay way : corpus.ways()) {
                    for (Batch b : schedule.warm(way)) {
                        time(corpus, way, b);
                    }
                }
            }
        }
        for (Corpus corpus : corpora) {
            for (ReadWay way : corpus.ways()) {
                List<Batch> batches = schedule.warm(way);
                double[] warm = new double[batches.size()];
                for (int i = 0; i < warm.length; i++) {
                    warm[i] = time(corpus, way, batches.get(i));
                }
                times.put(key(corpus, way, "warm"), warm);
            }
        }
        for (Map.Entry<ReadWay, Runnable> allocation : allocations.entrySet()) {
            timeAllocations(allocation.getKey(), allocation.getValue(), schedule.warm(allocation.getKey()).size(), warmup + 1, times);
        }
        Map<String, Spread> spreads = new LinkedHashMap<>();
        times.forEach((key, millis) -> spreads.put(key, Spread.of(millis)));
        return spreads;
    }

    public static String key(Corpus corpus, ReadWay way, String mode) {
        return corpus.name() + "/" + way.key() + "/" + mode;
    }

    /** The key of the allocations alone of a way that reads into new arrays: the floor under its time. */
    public static String allocationKey(ReadWay way) {
        return "allocation/" + way.key() + "/warm";
    }

    /**
     * Times the allocations alone of {@code way} for {@code batches} batches, the last of {@code passes} rounds timed:
     * the JVM hands out zeroed memory, so this is what a read into new arrays costs before it copies a token.
     */
    private void timeAllocations(ReadWay way, Runnable allocation, int batches, int passes, Map<String, double[]> times) {
        double[] millis = new double[batches];
        for (int pass = 0; pass < passes; pass++) {
            for (int i = 0; i < millis.length; i++) {
                long start = System.nanoTime();
                allocation.run();
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        times.put(allocationKey(way), millis);
    }

    /** The sum of the first token of every read, which keeps the reads from being optimised away. */
    public long sink() {
        return sink;
    }

    private double time(Corpus corpus, ReadWay way, Batch b) {
        Reader reader = readers.get(way);
        long start = System.nanoTime();
        sink += reader.read(corpus.data(), b);
        return (System.nanoTime() - start) / 1e6;
    }

    /** One way of reading, a method of its own so that the JIT compiles each as a caller's loop would be compiled. */
    private interface Reader {
        long read(PreshuffledTrainingData data, Batch b);
    }

    private Map<ReadWay, Reader> readers() {
        Map<ReadWay, Reader> readers = new EnumMap<>(ReadWay.class);
        readers.put(ReadWay.READ_ROWS_REUSED, this::readRowsReused);
        readers.put(ReadWay.READ_ROWS_FRESH, this::readRowsFresh);
        readers.put(ReadWay.READ_ROW_REUSED, this::readRowReused);
        readers.put(ReadWay.ROW_FRESH, this::rowFresh);
        readers.put(ReadWay.READ_ROW_RANDOM, this::readRowRandom);
        readers.put(ReadWay.UINT16_REUSED, this::uint16Reused);
        readers.put(ReadWay.UINT16_FRESH, this::uint16Fresh);
        return readers;
    }

    private Map<ReadWay, Runnable> allocations() {
        Map<ReadWay, Runnable> made = new EnumMap<>(ReadWay.class);
        made.put(ReadWay.READ_ROWS_FRESH, () -> kept = new int[batch * rowLength]);
        made.put(ReadWay.ROW_FRESH, () -> {
            for (int r = 0; r < batch; r++) {
                kept = new int[rowLength];
            }
        });
        made.put(ReadWay.UINT16_FRESH, () -> kept = new short[batch * rowLength]);
        return made;
    }

    private long readRowsReused(PreshuffledTrainingData data, Batch b) {
        data.readRows(b.first(), batch, ints, 0);
        return ints[0];
    }

    private long readRowsFresh(PreshuffledTrainingData data, Batch b) {
        int[] fresh = new int[batch * rowLength];
        data.readRows(b.first(), batch, fresh, 0);
        return fresh[0];
    }

    private long readRowReused(PreshuffledTrainingData data, Batch b) {
        long sum = 0;
        for (int r = 0; r < batch; r++) {
            data.readRow(b.first() + r, row);
            sum += row[0];
        }
        return sum;
    }

    private long rowFresh(PreshuffledTrainingData data, Batch b) {
        long sum = 0;
        for (int r = 0; r < batch; r++) {
            sum += data.row(b.first() + r)[0];
        }
        return sum;
    }

    private long readRowRandom(PreshuffledTrainingData data, Batch b) {
        long sum = 0;
        for (long at : b.rows()) {
            data.readRow(at, row);
            sum += row[0];
        }
        return sum;
    }

    private long uint16Reused(PreshuffledTrainingData data, Batch b) {
        data.dataset().readRowsUint16(b.first(), batch, shorts, 0);
        return shorts[0];
    }

    private long uint16Fresh(PreshuffledTrainingData data, Batch b) {
        short[] fresh = new short[batch * rowLength];
        data.dataset().readRowsUint16(b.first(), batch, fresh, 0);
        return fresh[0];
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
