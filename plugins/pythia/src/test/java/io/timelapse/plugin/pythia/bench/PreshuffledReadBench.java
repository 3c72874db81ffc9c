package io.timelapse.plugin.pythia.bench;

import io.timelapse.lib.tokens.megatron.MMapIndexedDataset;
import io.timelapse.lib.tokens.megatron.MMapIndexedDatasetWriter;
import io.timelapse.lib.tokens.megatron.TokenType;
import io.timelapse.plugin.pythia.preshuffled.PreshuffledDataset;
import io.timelapse.plugin.pythia.service.PreshuffledTrainingData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Benchmark, not a test: reads batches of 1024 × 2049 uint16 at random steps from a synthetic
 * pre-shuffled file of at least 1.5 GB, with our reader and with {@code numpy.memmap} slicing plus
 * copy (the Python helper, run from here so both sides share the file, the steps and the machine),
 * cold cache first, then warm. Run it with {@code src/bench/run-preshuffled-read-bench.sh}.
 */
public final class PreshuffledReadBench {

    private static final int ROW = 2049;
    private static final int BATCH = 1024;
    private static final int READS = 30;

    private PreshuffledReadBench() {}

    public static void main(String[] args) throws Exception {
        Path script = Path.of(args[0]);
        Path prefix = Path.of(args.length > 1 ? args[1] : "/tmp/pythia-bench/document");
        int rows = args.length > 2 ? Integer.parseInt(args[2]) : 368_640;
        create(prefix, rows);
        Path bin = MMapIndexedDataset.binPath(prefix);
        long bytes = Files.size(bin);
        double batchMb = BATCH * ROW * 2 / 1e6;
        System.out.printf("file %s: %d rows x %d uint16 = %.2f GB; batch %d rows = %.2f MB; %d reads per figure, medians%n", bin, rows,
                ROW, bytes / 1e9, BATCH, batchMb, READS);
        System.out.printf("machine: %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        List<Integer> steps = distinctSteps(rows / BATCH, 2 * READS);
        List<Integer> coldSteps = steps.subList(0, READS);
        List<Integer> warmSteps = steps.subList(READS, 2 * READS);

        // Cold first: pages this process has mapped cannot be evicted, so each cold read takes a step not read before.
        String pythonCold = python(script, bin, "cold", coldSteps);
        PreshuffledDataset data = PreshuffledDataset.open(prefix);
        short[] shorts = new short[BATCH * ROW];
        double[] cold = new double[READS];
        String eviction = "";
        for (int i = 0; i < READS; i++) {
            eviction = evict(bin);
            long t = System.nanoTime();
            data.readRowsUint16((long) coldSteps.get(i) * BATCH, BATCH, shorts, 0);
            cold[i] = (System.nanoTime() - t) / 1e6;
        }
        double numpyCold = number(pythonCold, "copy_ms");
        System.out.printf("%ncold cache (evicted by %s before each read)%n", eviction);
        report("numpy.memmap slice + copy", numpyCold, batchMb);
        report("ours: readRowsUint16 -> short[]", median(cold), batchMb);
        System.out.printf("  ratio ours/numpy speed: %.2fx%n", numpyCold / median(cold));

        warm(bin);
        String pythonWarm = python(script, bin, "warm", warmSteps);
        PreshuffledTrainingData service = new PreshuffledTrainingData(prefix, data, BATCH);
        int[] ints = new int[BATCH * ROW];
        int[] row = new int[ROW];
        for (int pass = 0; pass < 10; pass++) { // JIT warm-up over the same steps
            for (int step : warmSteps) {
                data.readRowsUint16((long) step * BATCH, BATCH, shorts, 0);
                service.readRows((long) step * BATCH, BATCH, ints);
                service.readRow((long) step * BATCH, row);
            }
        }
        // Each method in its own loop, as the Python side does.
        double[] reused = new double[READS];
        double[] fresh = new double[READS];
        double[] raw = new double[READS];
        double[] bulkInts = new double[READS];
        double[] rowInts = new double[READS];
        long checksum = 0;
        for (int i = 0; i < READS; i++) {
            long t = System.nanoTime();
            data.readRowsUint16((long) warmSteps.get(i) * BATCH, BATCH, shorts, 0);
            reused[i] = (System.nanoTime() - t) / 1e6;
            checksum += shorts[i];
        }
        for (int i = 0; i < READS; i++) {
            long t = System.nanoTime();
            short[] copy = new short[BATCH * ROW];
            data.readRowsUint16((long) warmSteps.get(i) * BATCH, BATCH, copy, 0);
            fresh[i] = (System.nanoTime() - t) / 1e6;
            checksum += copy[i];
        }
        for (int i = 0; i < READS; i++) {
            long t = System.nanoTime();
            byte[] bytesRead = data.readRowsRaw((long) warmSteps.get(i) * BATCH, BATCH);
            raw[i] = (System.nanoTime() - t) / 1e6;
            checksum += bytesRead[i];
        }
        for (int i = 0; i < READS; i++) {
            long t = System.nanoTime();
            service.readRows((long) warmSteps.get(i) * BATCH, BATCH, ints);
            bulkInts[i] = (System.nanoTime() - t) / 1e6;
            checksum += ints[i];
        }
        for (int i = 0; i < READS; i++) {
            long first = (long) warmSteps.get(i) * BATCH;
            long t = System.nanoTime();
            for (int r = 0; r < BATCH; r++) {
                service.readRow(first + r, row);
                checksum += row[r % ROW];
            }
            rowInts[i] = (System.nanoTime() - t) / 1e6;
        }
        double numpyWarm = number(pythonWarm, "copy_ms");
        double numpyInt64 = number(pythonWarm, "int64_ms");
        System.out.printf("%nwarm cache (%s)%n", pythonWarm.replaceAll(".*\"numpy\": \"([^\"]+)\".*", "numpy $1"));
        report("numpy.memmap slice + copy (uint16)", numpyWarm, batchMb);
        report("ours: readRowsUint16 -> reused short[]", median(reused), batchMb);
        report("ours: readRowsUint16 -> new short[]", median(fresh), batchMb);
        report("ours: readRowsRaw -> new byte[] (batch command)", median(raw), batchMb);
        System.out.printf("  ratio ours/numpy speed: %.2fx (reused buffer), %.2fx (new array each read)%n", numpyWarm / median(reused),
                numpyWarm / median(fresh));
        System.out.println("rows as ints for other plugins (TrainingData), warm:");
        report("numpy.memmap slice -> int64", numpyInt64, batchMb);
        report("ours: PreshuffledTrainingData.readRows -> int[]", median(bulkInts), batchMb);
        report("ours: 1024 x TrainingData.readRow -> int[]", median(rowInts), batchMb);
        System.out.println("(checksum " + checksum + ")");
    }

    private static void report(String what, double ms, double mb) {
        System.out.printf("  %-50s %8.3f ms  %7.2f GB/s%n", what, ms, mb / ms);
    }

    /** Writes a synthetic pre-shuffled dataset: every item one row of 2049 random uint16 tokens. */
    private static void create(Path prefix, int rows) throws IOException {
        Path bin = MMapIndexedDataset.binPath(prefix);
        long bytes = (long) rows * ROW * 2;
        if (Files.isRegularFile(bin) && Files.size(bin) == bytes && Files.isRegularFile(MMapIndexedDataset.idxPath(prefix))) {
            return;
        }
        Files.createDirectories(prefix.toAbsolutePath().getParent());
        SplittableRandom random = new SplittableRandom(2049);
        ByteBuffer block = ByteBuffer.allocateDirect(1 << 24).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel out = FileChannel.open(bin, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (long done = 0; done < bytes; ) {
                block.clear();
                int n = (int) Math.min(block.capacity(), bytes - done);
                while (block.position() < n) {
                    block.putShort((short) random.nextInt(50_277));
                }
                block.flip();
                while (block.hasRemaining()) {
                    out.write(block);
                }
                done += n;
            }
        }
        int[] sizes = new int[rows];
        Arrays.fill(sizes, ROW);
        long[] docIdx = new long[rows + 1];
        Arrays.setAll(docIdx, i -> i);
        MMapIndexedDatasetWriter.writeIndex(MMapIndexedDataset.idxPath(prefix), TokenType.UINT16, sizes, docIdx);
    }

    private static List<Integer> distinctSteps(int stepCount, int n) {
        List<Integer> all = new ArrayList<>();
        for (int s = 0; s < stepCount; s++) {
            all.add(s);
        }
        Collections.shuffle(all, new Random(7));
        return new ArrayList<>(all.subList(0, n));
    }

    /** Drops the page cache when permitted (root), else asks the kernel to drop this file's pages. */
    private static String evict(Path bin) throws IOException, InterruptedException {
        run("sync");
        try {
            Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "3\n");
            return "sync; echo 3 > /proc/sys/vm/drop_caches";
        } catch (IOException notPermitted) {
            run("/usr/bin/python3", "-c", "import os,sys; fd=os.open(sys.argv[1], os.O_RDONLY); os.posix_fadvise(fd, 0, 0, "
                    + "os.POSIX_FADV_DONTNEED)", bin.toString());
            return "posix_fadvise(DONTNEED) (drop_caches not permitted)";
        }
    }

    /** Reads the whole file once so that it sits in the page cache. */
    private static void warm(Path bin) throws IOException {
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(bin)) {
            while (in.read(buffer) > 0) {
                // only the page cache matters
            }
        }
    }

    private static String python(Path script, Path bin, String mode, List<Integer> steps) throws IOException, InterruptedException {
        String list = steps.stream().map(String::valueOf).collect(Collectors.joining(","));
        return run("/usr/bin/python3", script.toString(), bin.toString(), Integer.toString(ROW), Integer.toString(BATCH), mode, list);
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    private static double number(String json, String key) {
        String marker = "\"" + key + "\": ";
        int at = json.indexOf(marker);
        if (at < 0) {
            throw new IllegalStateException("no " + key + " in " + json);
        }
        int end = at + marker.length();
        while (end < json.length() && "0123456789.eE-".indexOf(json.charAt(end)) >= 0) {
            end++;
        }
        return Double.parseDouble(json.substring(at + marker.length(), end));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
