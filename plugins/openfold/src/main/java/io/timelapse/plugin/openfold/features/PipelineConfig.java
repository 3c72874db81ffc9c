package io.timelapse.plugin.openfold.features;

/**
 * The data-pipeline settings of OpenFold's config (train mode): MSA cluster and extra-row limits,
 * crop size, block deletion and BERT masking. {@link #openFoldTraining()} gives OpenFold's
 * initial_training values; {@link #tiny()} the small CPU setting of the spec.
 */
public record PipelineConfig(int maxMsaClusters, int maxExtraMsa, int cropSize, boolean blockDeleteMsa,
        double blockDeleteFraction, int blockDeleteCount, boolean maskedMsa, double uniformProb,
        double profileProb, double sameProb, double replaceFraction, boolean fixedSize) {

    public PipelineConfig {
        if (maxMsaClusters < 1 || maxExtraMsa < 0 || cropSize < 1) {
            throw new IllegalArgumentException("need max_msa_clusters ≥ 1, max_extra_msa ≥ 0 and crop_size ≥ 1");
        }
    }

    public static PipelineConfig openFoldTraining() {
        return new PipelineConfig(128, 1024, 256, true, 0.3, 5, true, 0.1, 0.1, 0.1, 0.15, true);
    }

    public static PipelineConfig tiny() {
        return new PipelineConfig(16, 64, 64, true, 0.3, 5, true, 0.1, 0.1, 0.1, 0.15, true);
    }

    public PipelineConfig withCropSize(int crop) {
        return new PipelineConfig(maxMsaClusters, maxExtraMsa, crop, blockDeleteMsa, blockDeleteFraction,
                blockDeleteCount, maskedMsa, uniformProb, profileProb, sameProb, replaceFraction, fixedSize);
    }

    public PipelineConfig withMsaLimits(int clusters, int extra) {
        return new PipelineConfig(clusters, extra, cropSize, blockDeleteMsa, blockDeleteFraction, blockDeleteCount,
                maskedMsa, uniformProb, profileProb, sameProb, replaceFraction, fixedSize);
    }

    /** The same limits without block deletion and BERT masking: the MSA as it is, for evaluation. */
    public PipelineConfig forEvaluation() {
        return new PipelineConfig(maxMsaClusters, maxExtraMsa, cropSize, false, blockDeleteFraction, blockDeleteCount, false,
                uniformProb, profileProb, sameProb, replaceFraction, fixedSize);
    }
}
