package io.timelapse.plugin.pythia.dataset;

/** gpt-neox's three datasets; the name is the one in index-map file names. */
public enum Split {
    TRAIN("train"),
    VALID("valid"),
    TEST("test");

    private final String label;

    Split(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Split of(String label) {
        for (Split split : values()) {
            if (split.label.equals(label)) {
                return split;
            }
        }
        throw new IllegalArgumentException("unknown dataset '" + label + "', expected train, valid or test");
    }
}
