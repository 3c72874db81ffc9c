package io.timelapse.plugin.dsb.model;

import io.timelapse.api.compute.Ops;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The classifiers {@code --model} chooses from, by name. */
public final class Architectures {

    /** Builds a classifier at the scope of {@code ops} for images of {@code shape}. */
    @FunctionalInterface
    public interface Builder {
        ImageClassifier build(Ops ops, ImageShape shape);
    }

    private static final Map<String, Builder> BUILDERS = new LinkedHashMap<>();

    static {
        BUILDERS.put("mlp", MlpClassifier::new);
        BUILDERS.put("convnet", ConvNetClassifier::new);
        BUILDERS.put("convnext-atto", (ops, shape) -> new ConvNextV2(ops, shape, ConvNextV2.Config.ATTO));
    }

    private Architectures() {}

    /** The names {@code --model} accepts, in the order the help lists them. */
    public static Set<String> names() {
        return BUILDERS.keySet();
    }

    /** Whether {@code name} is a known architecture. */
    public static boolean known(String name) {
        return BUILDERS.containsKey(name);
    }

    /** The classifier {@code name}; an unknown name is an {@link IllegalArgumentException} listing the known ones. */
    public static ImageClassifier build(String name, Ops ops, ImageShape shape) {
        Builder builder = BUILDERS.get(name);
        if (builder == null) {
            throw new IllegalArgumentException("unknown model '" + name + "' (known: " + String.join(", ", names()) + ")");
        }
        return builder.build(ops, shape);
    }
}
