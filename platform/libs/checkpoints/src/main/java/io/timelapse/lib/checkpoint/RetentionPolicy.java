package io.timelapse.lib.checkpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Which complete checkpoints pruning keeps: the newest {@code keepLast}, plus every step a
 * {@code keepSchedule} selects (for example Pythia's schedule, kept for analysis). The newest
 * complete checkpoint is always kept.
 */
public record RetentionPolicy(int keepLast, CheckpointSchedule keepSchedule) {

    public RetentionPolicy {
        if (keepLast < 1) {
            throw new IllegalArgumentException("keepLast must be at least 1, got " + keepLast);
        }
    }

    public static RetentionPolicy keepLast(int n) {
        return new RetentionPolicy(n, null);
    }

    /** The same policy that also keeps every step {@code schedule} selects. */
    public RetentionPolicy andKeep(CheckpointSchedule schedule) {
        return new RetentionPolicy(keepLast, keepSchedule == null ? schedule : keepSchedule.or(schedule));
    }

    /** The steps of {@code steps} this policy keeps. */
    public List<Long> retained(List<Long> steps) {
        TreeSet<Long> sorted = new TreeSet<>(steps);
        List<Long> kept = new ArrayList<>();
        int fromEnd = 0;
        for (Long step : sorted.descendingSet()) {
            if (fromEnd++ < keepLast || (keepSchedule != null && keepSchedule.isCheckpointStep(step))) {
                kept.add(0, step);
            }
        }
        return kept;
    }
}
