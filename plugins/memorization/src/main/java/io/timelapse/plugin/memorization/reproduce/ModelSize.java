package io.timelapse.plugin.memorization.reproduce;

/** One member of the model family: a name and GPT-NeoX's shape parameters. */
public record ModelSize(String name, int layers, int hidden, int heads) {

    /** Parses {@code name:layers:hidden:heads}, such as {@code s:1:32:2}. */
    public static ModelSize parse(String text) {
        String[] parts = text.split(":");
        if (parts.length != 4) {
            throw new IllegalArgumentException("a model size is name:layers:hidden:heads, such as s:1:32:2, got '" + text + "'");
        }
        try {
            return new ModelSize(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), Integer.parseInt(parts[3]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a model size is name:layers:hidden:heads with integer sizes, got '" + text + "'", e);
        }
    }

    @Override
    public String toString() {
        return name + ":" + layers + ":" + hidden + ":" + heads;
    }
}
