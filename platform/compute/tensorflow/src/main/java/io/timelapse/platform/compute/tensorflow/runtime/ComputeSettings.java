package io.timelapse.platform.compute.tensorflow.runtime;

import java.util.Locale;

/**
 * How the service computes, from system properties or the environment:
 * {@code timelapse.compute.device} / {@code TIMELAPSE_DEVICE} ({@code CPU}, {@code GPU} or {@code GPU:n};
 * default the first GPU when the GPU build is installed), {@code timelapse.compute.threads} /
 * {@code TIMELAPSE_THREADS} (intra-op threads; 0 lets TensorFlow choose) and
 * {@code timelapse.compute.interOpThreads} / {@code TIMELAPSE_INTER_OP_THREADS}.
 *
 * @param gpu the GPU index to compute on, or -1 for the CPU
 * @param deviceRequested whether the device was chosen explicitly rather than by default
 */
public record ComputeSettings(int gpu, int intraOpThreads, int interOpThreads, boolean deviceRequested) {

    /** The settings of this process; a value that is not understood is an error naming where it came from. */
    public static ComputeSettings fromEnvironment() {
        Setting device = Setting.read("timelapse.compute.device", "TIMELAPSE_DEVICE");
        int threads = threads(Setting.read("timelapse.compute.threads", "TIMELAPSE_THREADS"));
        int interOp = threads(Setting.read("timelapse.compute.interOpThreads", "TIMELAPSE_INTER_OP_THREADS"));
        return new ComputeSettings(device == null ? 0 : parseDevice(device), threads, interOp, device != null);
    }

    private static int parseDevice(Setting setting) {
        String device = setting.value().toUpperCase(Locale.ROOT);
        if (device.equals("CPU")) {
            return -1;
        }
        if (device.equals("GPU")) {
            return 0;
        }
        if (device.matches("GPU:\\d{1,4}")) {
            return Integer.parseInt(device.substring(4));
        }
        throw new IllegalArgumentException(setting.name() + " '" + setting.value() + "': expected CPU, GPU or GPU:n (n = 0, 1, …)");
    }

    private static int threads(Setting setting) {
        if (setting == null) {
            return 0;
        }
        if (!setting.value().matches("\\d{1,4}")) {
            throw new IllegalArgumentException(setting.name() + " '" + setting.value()
                    + "': expected a number of threads (0 lets TensorFlow choose)");
        }
        return Integer.parseInt(setting.value());
    }

    /** A value and the name of the system property or environment variable it came from. */
    private record Setting(String name, String value) {

        static Setting read(String property, String variable) {
            String value = System.getProperty(property);
            if (value != null && !value.isBlank()) {
                return new Setting("-D" + property, value.trim());
            }
            value = System.getenv(variable);
            return value == null || value.isBlank() ? null : new Setting(variable, value.trim());
        }
    }
}
