package io.timelapse.plugin.openfold.model.config;

/**
 * The sizes of a training example ({@code data.*}): MSA clusters, extra-MSA rows and crop, and the number of
 * recycling iterations (the length of the features' recycling axis; with {@code uniformRecycling} training
 * runs a number drawn uniformly from 1 to it per batch).
 */
public record DataConfig(int maxMsaClusters, int maxExtraMsa, int cropSize, int numRecyclingIterations, boolean uniformRecycling) {

    static DataConfig of(ConfigValues v) {
        return new DataConfig(v.smallInteger("data.max_msa_clusters"), v.smallInteger("data.max_extra_msa"),
                v.smallInteger("data.crop_size"), v.smallInteger("data.num_recycling_iterations"), v.flag("data.uniform_recycling"));
    }
}
