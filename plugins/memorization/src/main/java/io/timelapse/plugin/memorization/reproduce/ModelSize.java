package io.timelapse.plugin.memorization.reproduce;

/** One member of the model family: a name and GPT-NeoX's shape parameters. */
public record ModelSize(String name, int layers, int hidden, int heads) {

    public ModelSize {
        if (name.isEmpty() || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("--size " + name + ":" + layers + ":" + hidden + ":" + heads
                    + ": the name must be letters, digits, '.', '_' or '-' (it names a directory)");
        }
        if (layers < 1 || hidden < 1 || heads < 1 || hidden % heads != 0) {
            throw new IllegalArgumentException("--size " + name + ":" + layers + ":" + hidden + ":" + heads
                    + ": layers, hidden size and heads must be ≥ 1, and the hidden size a multiple of the heads");
        }
    }

    /** Parses {@code name:layers:hidden:heads}, such as {@code s:1:32:2}. */
    public static ModelSize parse(String text) {
        String[] parts = text.split(":");
        if (parts.length != 4) {
            throw new IllegalArgumentException("--size " + text + ": a model size is NAME:LAYERS:HIDDEN:HEADS, such as s:1:32:2");
        }
        try {
            return new ModelSize(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), Integer.parseInt(parts[3]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--size " + text + ": a model size is NAME:LAYERS:HIDDEN:HEADS with integer sizes, such as s:1:32:2", e);
        }
    }

    @Override
    public String toString() {
        return name + ":" + layers + ":" + hidden + ":" + heads;
    }
}
