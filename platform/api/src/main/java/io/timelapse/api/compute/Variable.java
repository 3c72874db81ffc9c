package io.timelapse.api.compute;

/**
 * A parameter of a graph. Its {@link #name()} is the full dotted name built from the scopes, for
 * example {@code gpt_neox.layers.0.attention.query_key_value.weight}, so weights load by name.
 * As a {@link Tensor} it reads the current value.
 */
@org.osgi.annotation.versioning.ProviderType
public interface Variable extends Tensor {

    @Override
    String name();

    boolean trainable();

    Initializer initializer();
}
