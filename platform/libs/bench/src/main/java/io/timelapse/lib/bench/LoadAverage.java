package io.timelapse.lib.bench;

import java.lang.management.ManagementFactory;

/**
 * The system's one-minute load average, which a benchmark records before and after it measures: figures taken
 * while other work ran (a load near or above the number of cores) are not comparable.
 */
public final class LoadAverage {

    private LoadAverage() {}

    /** The one-minute load average, rounded to two decimals, or NaN where the system does not report one. */
    public static double now() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? Double.NaN : Math.round(load * 100) / 100.0;
    }
}
