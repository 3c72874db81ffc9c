package io.timelapse.platform.compute.tensorflow.runtime;

/**
 * How the service computes, from system properties or the environment:
 * {@code timelapse.compute.device} / {@code TIMELAPSE_DEVICE} ({@code CPU} or {@code GPU:n}, default
 * the first GPU when the GPU build is installed), {@code timelapse.compute.threads} /
 * {@code TIMELAPSE_THREADS} (intra-op threads; 0 lets TensorFlow choose) and
 * {@code timelapse.compute.interOpThreads}.
 */
public record ComputeSettings(int gpu, int intraOpThreads, int interOpThreads, boolean deviceRequested) {

    public static ComputeSettings fromEnvironment() {
        String device = setting("timelapse.compute.device", "TIMELAPSE_DEVICE", null);
        int threads = Integer.parseInt(setting("timelapse.compute.threads", "TIMELAPSE_THREADS", "0"));
        int interOp = Integer.parseInt(setting("timelapse.compute.interOpThreads", "TIMELAPSE_INTER_OP_THREADS", "0"));
        return new ComputeSettings(parseDevice(device), threads, interOp, device != null);
    }

    static int parseDevice(String device) {
        if (device == null || device.equalsIgnoreCase("GPU")) {
            return 0;
        }
        if (device.equalsIgnoreCase("CPU")) {
            return -1;
        }
        if (device.toUpperCase(java.util.Locale.ROOT).startsWith("GPU:")) {
            return Integer.parseInt(device.substring(4));
        }
        throw new IllegalArgumentException("timelapse.compute.device: expected CPU, GPU or GPU:n, got '" + device + "'");
    }

    private static String setting(String property, String variable, String otherwise) {
        String value = System.getProperty(property);
        if (value == null) {
            value = System.getenv(variable);
        }
        return value == null || value.isBlank() ? otherwise : value.trim();
    }
}
