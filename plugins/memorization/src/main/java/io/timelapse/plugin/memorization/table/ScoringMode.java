package io.timelapse.plugin.memorization.table;

/** How match counts were obtained. */
public enum ScoringMode {
    /** Free-running greedy decoding from the prefix; matches count position-aligned equal tokens (the paper's score). */
    GREEDY("greedy"),
    /**
     * One teacher-forced forward over prefix and continuation; a row scores the full continuation
     * when every argmax equals the true next token, else 0. Equal to greedy's {@code score == 1}
     * label, but it gives no fractional scores.
     */
    EXACT_MATCH("exact-match");

    private final String id;

    ScoringMode(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static ScoringMode of(String id) {
        for (ScoringMode mode : values()) {
            if (mode.id.equals(id)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown scoring mode '" + id + "'; expected greedy or exact-match");
    }
}
