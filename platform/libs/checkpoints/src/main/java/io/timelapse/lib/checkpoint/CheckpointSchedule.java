package io.timelapse.lib.checkpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Which steps get a checkpoint. Schedules are values (equal when they select by the same rule) and
 * combine with {@link #or}. Text forms for configuration: {@code every:N}, {@code log2},
 * {@code steps:1,5,10}, {@code pythia}, joined with {@code +}.
 */
public sealed interface CheckpointSchedule {

    boolean isCheckpointStep(long step);

    /** Steps N, 2N, 3N, … (not step 0). */
    static CheckpointSchedule every(long n) {
        return new Every(n);
    }

    /** Steps 1, 2, 4, 8, … (powers of two). */
    static CheckpointSchedule logSpaced() {
        return new PowersOfTwo(Long.MAX_VALUE);
    }

    /** Exactly the given steps. */
    static CheckpointSchedule steps(long... steps) {
        return new Explicit(steps);
    }

    /** Pythia's 154 checkpoints: step 0, powers of two 1 … 512, then every 1000 steps. */
    static CheckpointSchedule pythia() {
        return new Union(List.of(new Explicit(new long[] {0}), new PowersOfTwo(512), new Every(1000)));
    }

    /** Steps either schedule selects. */
    default CheckpointSchedule or(CheckpointSchedule other) {
        List<CheckpointSchedule> parts = new ArrayList<>();
        for (CheckpointSchedule s : List.of(this, other)) {
            if (s instanceof Union union) {
                parts.addAll(union.parts());
            } else {
                parts.add(s);
            }
        }
        return new Union(parts);
    }

    /** Parses the text form described on this interface. */
    static CheckpointSchedule parse(String text) {
        CheckpointSchedule result = null;
        for (String part : text.split("\\+")) {
            CheckpointSchedule one = parseOne(part.trim(), text);
            result = result == null ? one : result.or(one);
        }
        return result;
    }

    private static CheckpointSchedule parseOne(String part, String whole) {
        try {
            if (part.equals("log2")) {
                return logSpaced();
            }
            if (part.equals("pythia")) {
                return pythia();
            }
            if (part.startsWith("every:")) {
                return every(Long.parseLong(part.substring("every:".length()).trim()));
            }
            if (part.startsWith("steps:")) {
                return steps(Arrays.stream(part.substring("steps:".length()).split(",")).map(String::trim)
                        .mapToLong(Long::parseLong).toArray());
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("checkpoint schedule '" + whole + "': '" + part + "' has a bad number", e);
        }
        throw new IllegalArgumentException("checkpoint schedule '" + whole + "': unknown part '" + part
                + "' (expected every:N, log2, steps:a,b,c or pythia, joined with +)");
    }

    /** Steps that are positive multiples of {@code n}. */
    record Every(long n) implements CheckpointSchedule {
        public Every {
            if (n <= 0) {
                throw new IllegalArgumentException("checkpoint interval must be positive, got " + n);
            }
        }

        @Override
        public boolean isCheckpointStep(long step) {
            return step > 0 && step % n == 0;
        }
    }

    /** Powers of two from 1 up to {@code max}. */
    record PowersOfTwo(long max) implements CheckpointSchedule {
        @Override
        public boolean isCheckpointStep(long step) {
            return step > 0 && step <= max && (step & (step - 1)) == 0;
        }
    }

    /** An explicit, sorted set of steps. */
    record Explicit(List<Long> steps) implements CheckpointSchedule {
        public Explicit(long[] steps) {
            this(sorted(steps));
        }

        public Explicit {
            steps = List.copyOf(new TreeSet<>(steps));
            for (long step : steps) {
                if (step < 0) {
                    throw new IllegalArgumentException("negative checkpoint step " + step);
                }
            }
        }

        private static List<Long> sorted(long[] steps) {
            List<Long> list = new ArrayList<>();
            for (long step : steps) {
                list.add(step);
            }
            return list;
        }

        @Override
        public boolean isCheckpointStep(long step) {
            return java.util.Collections.binarySearch(steps, step) >= 0;
        }
    }

    /** Steps any part selects. */
    record Union(List<CheckpointSchedule> parts) implements CheckpointSchedule {
        public Union {
            parts = List.copyOf(parts);
        }

        @Override
        public boolean isCheckpointStep(long step) {
            for (CheckpointSchedule part : parts) {
                if (part.isCheckpointStep(step)) {
                    return true;
                }
            }
            return false;
        }
    }
}
