package io.timelapse.lib.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine a benchmark runs on: the CPU model (from {@code /proc/cpuinfo} on Linux, else the JVM's architecture)
 * and the number of cores this process may use. A figure means little without it.
 */
public record Machine(String cpu, int cores) {

    private static final Path CPUINFO = Path.of("/proc/cpuinfo");

    /** This machine. */
    public static Machine current() {
        String cpu = null;
        try {
            cpu = Files.isReadable(CPUINFO) ? cpuModel(Files.readAllLines(CPUINFO)) : null;
        } catch (IOException | RuntimeException unreadable) {
            // A machine that hides its CPU model is still benchmarked; it is named by its architecture.
        }
        return new Machine(cpu != null ? cpu : System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors());
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
