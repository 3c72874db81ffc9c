package io.timelapse.platform.runs;

/** Elapsed and remaining times as a person reads them: {@code 42s}, {@code 3m07s}, {@code 1h04m}. */
final class Durations {

    private Durations() {}

    static String format(double seconds) {
        long s = Math.round(Math.max(seconds, 0));
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        return String.format("%dh%02dm", s / 3600, s % 3600 / 60);
    }

    /** The time left if the remaining units go as fast as the done ones did, or null before the first. */
    static String remaining(double elapsedSeconds, long done, long total) {
        if (done <= 0) {
            return null;
        }
        return format(elapsedSeconds * Math.max(total - done, 0) / done);
    }
}
