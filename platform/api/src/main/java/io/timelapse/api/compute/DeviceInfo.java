package io.timelapse.api.compute;

/**
 * What the service actually computes on. {@code note} explains a fallback, for example a GPU build
 * that found no usable CUDA and runs on the CPU.
 */
public record DeviceInfo(String device, String description, String backend, int intraOpThreads, int interOpThreads,
                         boolean fellBack, String note) {

    /** The device and what it is, as runs record it: {@code CPU (AMD EPYC, 2 cores, AVX-512)}. */
    public String summary() {
        return device + " (" + description + ")";
    }

    public boolean isGpu() {
        return device.startsWith("GPU");
    }
}
