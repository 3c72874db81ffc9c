/**
 * Neural-network layers on the compute API. Parameter names and layouts follow PyTorch
 * ({@code weight [out, in]}, dotted scope names such as
 * {@code gpt_neox.layers.0.attention.query_key_value.weight}), so Hugging Face and OpenFold weights
 * load by name through {@link io.timelapse.lib.nn.StateDict} without renaming tables.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.timelapse.lib.nn;
