package io.timelapse.lib.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The machine a benchmark runs on: the CPU model (from {@code /proc/cpuinfo} on Linux, else the JVM's architecture)
 * with its widest vector instruction set, and the number of cores this process may use. A figure means little without
 * it: two EPYCs of the same name, one with AVX-512 and one with AVX2 only, differ by over twice in matmul rate.
 */
public record Machine(String cpu, int cores) {

    private static final Path CPUINFO = Path.of("/proc/cpuinfo");

    /** {@code /proc/cpuinfo} flags and the names they are reported by, widest first. */
    private static final List<Map.Entry<String, String>> VECTOR_EXTENSIONS = List.of(Map.entry("avx512f", "AVX-512"),
            Map.entry("avx2", "AVX2"), Map.entry("avx", "AVX"), Map.entry("sse4_2", "SSE4.2"), Map.entry("sve", "SVE"),
            Map.entry("asimd", "NEON"));

    /** This machine. */
    public static Machine current() {
        List<String> cpuinfo = List.of();
        try {
            cpuinfo = Files.isReadable(CPUINFO) ? Files.readAllLines(CPUINFO) : List.of();
        } catch (IOException | RuntimeException unreadable) {
            // A machine that hides its CPU model is still benchmarked; it is named by its architecture.
        }
        String model = cpuModel(cpuinfo);
        String vectors = widestVectorExtension(cpuinfo);
        String cpu = (model != null ? model : System.getProperty("os.arch")) + (vectors != null ? " (" + vectors + ")" : "");
        return new Machine(cpu, Runtime.getRuntime().availableProcessors());
    }

    /**
     * The widest vector instruction set among the first {@code flags} (x86) or {@code Features} (ARM) line of
     * {@code /proc/cpuinfo}'s lines: AVX-512, AVX2, AVX or SSE4.2; SVE or NEON; null when none is listed.
     */
    static String widestVectorExtension(List<String> cpuinfo) {
        for (String line : cpuinfo) {
            int colon = line.indexOf(':');
            String key = colon > 0 ? line.substring(0, colon).strip() : "";
            if (key.equals("flags") || key.equals("Features")) {
                Set<String> flags = Set.copyOf(Arrays.asList(line.substring(colon + 1).strip().split("\\s+")));
                return VECTOR_EXTENSIONS.stream().filter(e -> flags.contains(e.getKey())).map(Map.Entry::getValue)
                        .findFirst().orElse(null);
            }
        }
        return null;
    }

    /** The first {@code model name} (x86) or {@code Model} / {@code CPU part} (ARM) of {@code /proc/cpuinfo}'s lines, or null. */
    static String cpuModel(List<String> cpuinfo) {
        for (String key : List.of("model name", "Model", "Hardware")) {
            for (String line : cpuinfo) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).strip().equals(key) && !line.substring(colon + 1).isBlank()) {
                    return line.substring(colon + 1).strip().replaceAll("\\s+", " ");
                }
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return cpu + ", " + cores + (cores == 1 ? " core" : " cores");
    }
}
