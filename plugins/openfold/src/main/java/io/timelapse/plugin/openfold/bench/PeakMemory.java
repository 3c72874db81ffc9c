package io.timelapse.plugin.openfold.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Peak resident memory (Linux {@code VmHWM}) of one training step, each configuration in a process of its own: the
 * distribution's launcher runs {@code timelapse bench openfold --step-only ...}, and this process polls the child's
 * high-water mark while it runs, so a child that is stopped (over the time or memory limit) still has a figure.
 */
public final class PeakMemory {

    /** The property the launcher script sets to the distribution's folder. */
    static final String HOME_PROPERTY = "timelapse.home";
    private static final long POLL_MS = 100;

    private final Path launcher;

    private PeakMemory(Path launcher) {
        this.launcher = launcher;
    }

    /** How one child ended: its exit code (or null when it was stopped), the peak in MiB, seconds, and why it was stopped. */
    public record Outcome(Integer exitCode, double peakMib, double seconds, String stopped) {}

    /** The launcher of the distribution this JVM runs from, or empty outside one (tests). */
    public static Optional<PeakMemory> ofDistribution() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home == null || home.isBlank()) {
            return Optional.empty();
        }
        Path launcher = Path.of(home, "bin", "timelapse");
        return Files.isExecutable(launcher) ? Optional.of(new PeakMemory(launcher)) : Optional.empty();
    }

    /** This process's peak resident memory in KiB, or empty where {@code /proc/self/status} has no {@code VmHWM}. */
    public static OptionalLong selfPeakKib() {
        return peakKib(Path.of("/proc/self/status"));
    }

    /** This machine's memory in MiB ({@code MemTotal} of {@code /proc/meminfo}), or empty where there is none. */
    public static OptionalDouble machineMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("MemTotal:")) {
                    return OptionalDouble.of(Long.parseLong(line.substring(9).replace("kB", "").strip()) / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException unknown) {
            // Not Linux, or a format this does not know: no default limit.
        }
        return OptionalDouble.empty();
    }

    static OptionalLong peakKib(Path status) {
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
                if (line.startsWith("VmHWM:")) {
                    return OptionalLong.of(Long.parseLong(line.substring(6).replace("kB", "").strip()));
                }
            }
        } catch (IOException | NumberFormatException gone) {
            // The process has exited, or the system reports no high-water mark.
        }
        return OptionalLong.empty();
    }

    /**
     * Runs {@code timelapse bench openfold <arguments>} with its output in {@code log}, stopping it after
     * {@code timeoutSeconds} or when its resident memory passes {@code limitMib}.
     */
    public Outcome run(List<String> arguments, Path log, double timeoutSeconds, double limitMib) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "bench", "openfold"));
        command.addAll(arguments);
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        process.getOutputStream().close();
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        long peak = 0;
        String stopped = null;
        while (!process.waitFor(POLL_MS, TimeUnit.MILLISECONDS)) {
            peak = Math.max(peak, peakKib(status).orElse(0));
            double seconds = (System.nanoTime() - start) / 1e9;
            if (peak / 1024.0 > limitMib) {
                stopped = String.format(java.util.Locale.ROOT, "stopped at %.0f MiB resident, over the limit of %.0f MiB", peak / 1024.0, limitMib);
            } else if (seconds > timeoutSeconds) {
                stopped = String.format(java.util.Locale.ROOT, "stopped after %.0f s, over the limit of %.0f s", seconds, timeoutSeconds);
            }
            if (stopped != null) {
                process.destroyForcibly();
                process.waitFor();
                break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Outcome(stopped == null ? process.exitValue() : null, peak / 1024.0, seconds, stopped);
    }
}
