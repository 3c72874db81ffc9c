package io.timelapse.plugin.openfold.model.embedders;

import io.timelapse.api.compute.Tensor;

/** An MSA tensor {@code m} [*, S, N, c_m] (or its first row [*, N, c_m]) and a pair tensor {@code z} [*, N, N, c_z]. */
public record Embeddings(Tensor m, Tensor z) {}
