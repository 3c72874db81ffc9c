package io.timelapse.plugin.pythia.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What a benchmark reports of the machine it ran on: the CPU model, cores, memory and load. */
public final class Machine {

    private Machine() {}

    /** For example {@code AMD EPYC, 2 cores, 23.5 GiB, Java 17.0.15}. */
    public static String describe() {
        return cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores, " + memory() + ", Java "
                + System.getProperty("java.version");
    }

    /** The model name /proc/cpuinfo gives, or the architecture where there is none. */
    public static String cpuModel() {
        for (String line : lines("/proc/cpuinfo")) {
            if (line.startsWith("model name") && line.contains(":")) {
                return line.substring(line.indexOf(':') + 1).strip();
            }
        }
        return System.getProperty("os.arch");
    }

    private static String memory() {
        for (String line : lines("/proc/meminfo")) {
            if (line.startsWith("MemTotal:")) {
                long kib = Long.parseLong(line.replaceAll("\\D", ""));
                return String.format(Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
            }
        }
        return "memory unknown";
    }

    /** The 1, 5 and 15 minute load averages of /proc/loadavg, or the 1 minute one the JVM reports. */
    public static String loadAverage() {
        List<String> lines = lines("/proc/loadavg");
        if (!lines.isEmpty()) {
            String[] fields = lines.get(0).split("\\s+");
            if (fields.length >= 3) {
                return fields[0] + " " + fields[1] + " " + fields[2];
            }
        }
        return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException | RuntimeException unreadable) {
            return List.of();
        }
    }
}
