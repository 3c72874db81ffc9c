package io.timelapse.lib.nn;

import java.util.List;

/**
 * What loading a state dict did: the names it assigned, the variables it found no value for, the
 * values no variable wanted, and the values whose shape or dtype did not fit (those were not assigned).
 */
public record LoadReport(String source, List<String> loaded, List<String> missing, List<String> unexpected,
                         List<Mismatch> mismatched) {

    /** A value that has the name of a variable but not its shape or dtype. */
    public record Mismatch(String name, String expected, String actual) {
        @Override
        public String toString() {
            return name + " (variable " + expected + ", value " + actual + ")";
        }
    }

    public LoadReport {
        loaded = List.copyOf(loaded);
        missing = List.copyOf(missing);
        unexpected = List.copyOf(unexpected);
        mismatched = List.copyOf(mismatched);
    }

    /** Every variable got a value and every value found its variable. */
    public boolean isExact() {
        return missing.isEmpty() && unexpected.isEmpty() && mismatched.isEmpty();
    }

    /** Throws unless {@link #isExact()}, naming the source and every problem. */
    public LoadReport requireExact() {
        if (!isExact()) {
            throw new IllegalStateException(describe());
        }
        return this;
    }

    /** Throws if a variable got no value or a value did not fit; values nobody wanted are allowed. */
    public LoadReport requireAllLoaded() {
        if (!missing.isEmpty() || !mismatched.isEmpty()) {
            throw new IllegalStateException(describe());
        }
        return this;
    }

    public String describe() {
        StringBuilder text = new StringBuilder(source).append(": loaded ").append(loaded.size()).append(" tensors");
        if (!missing.isEmpty()) {
            text.append("; missing (no value for these variables): ").append(missing);
        }
        if (!unexpected.isEmpty()) {
            text.append("; unexpected (no variable of these names): ").append(unexpected);
        }
        if (!mismatched.isEmpty()) {
            text.append("; shape or dtype mismatch: ").append(mismatched);
        }
        return text.toString();
    }
}
