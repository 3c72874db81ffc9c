package io.timelapse.plugin.openfold.model.config;

/**
 * OpenFold's {@code config.model} for the monomer with templates off, in records named after its sections, and
 * {@code globals.blocks_per_ckpt}.
 *
 * @param blocksPerCheckpoint Evoformer and extra-MSA blocks per activation checkpoint in training (OpenFold's
 *     {@code blocks_per_ckpt}; 0 for OpenFold's None: every activation is kept for the backward pass)
 */
public record ModelConfig(InputEmbedder inputEmbedder, RecyclingEmbedder recyclingEmbedder, ExtraMsa extraMsa, Stack evoformerStack,
        long cS, StructureModule structureModule, Heads heads, int blocksPerCheckpoint) {

    /** {@code model.input_embedder}. */
    public record InputEmbedder(long tfDim, long msaDim, long cZ, long cM, long relposK) {}

    /** {@code model.recycling_embedder}. */
    public record RecyclingEmbedder(long cM, long cZ, double minBin, double maxBin, int noBins, double inf) {}

    /** {@code model.extra_msa}: whether it is used, its embedder's {@code c_in} → {@code c_out} (c_e) and its stack. */
    public record ExtraMsa(boolean enabled, long cIn, long cOut, Stack stack) {}

    /** {@code model.evoformer_stack} or {@code model.extra_msa.extra_msa_stack} (whose c_m is c_e). */
    public record Stack(long cM, long cZ, long cHiddenMsaAtt, long cHiddenOpm, long cHiddenMul, long cHiddenPairAtt, long noHeadsMsa,
            long noHeadsPair, int noBlocks, long transitionN, double msaDropout, double pairDropout, double inf, double eps) {}

    /** {@code model.structure_module}, in the order of the structure module's own config. */
    public record StructureModule(long cS, long cZ, long cIpa, long cResnet, long noHeadsIpa, long noQkPoints, long noVPoints,
            int noBlocks, int noTransitionLayers, int noResnetBlocks, int noAngles, double transScaleFactor, double epsilon, double inf,
            double dropoutRate) {}

    /** {@code model.heads} (the TM head is off): pLDDT ({@code lddt}), distogram, masked MSA, experimentally resolved. */
    public record Heads(long lddtCIn, long lddtCHidden, int lddtNoBins, long distogramCZ, int distogramNoBins, long maskedMsaCM,
            long maskedMsaCOut, long experimentallyResolvedCS, long experimentallyResolvedCOut) {}

    static ModelConfig of(ConfigValues v) {
        String ie = "model.input_embedder.";
        String re = "model.recycling_embedder.";
        String ex = "model.extra_msa.";
        String sm = "model.structure_module.";
        String h = "model.heads.";
        return new ModelConfig(
                new InputEmbedder(v.integer(ie + "tf_dim"), v.integer(ie + "msa_dim"), v.integer(ie + "c_z"), v.integer(ie + "c_m"),
                        v.integer(ie + "relpos_k")),
                new RecyclingEmbedder(v.integer(re + "c_m"), v.integer(re + "c_z"), v.real(re + "min_bin"), v.real(re + "max_bin"),
                        v.smallInteger(re + "no_bins"), v.real(re + "inf")),
                new ExtraMsa(v.flag(ex + "enabled"), v.integer(ex + "extra_msa_embedder.c_in"), v.integer(ex + "extra_msa_embedder.c_out"),
                        stack(v, ex + "extra_msa_stack.")),
                stack(v, "model.evoformer_stack."), v.integer("model.evoformer_stack.c_s"),
                new StructureModule(v.integer(sm + "c_s"), v.integer(sm + "c_z"), v.integer(sm + "c_ipa"), v.integer(sm + "c_resnet"),
                        v.integer(sm + "no_heads_ipa"), v.integer(sm + "no_qk_points"), v.integer(sm + "no_v_points"),
                        v.smallInteger(sm + "no_blocks"), v.smallInteger(sm + "no_transition_layers"),
                        v.smallInteger(sm + "no_resnet_blocks"), v.smallInteger(sm + "no_angles"), v.real(sm + "trans_scale_factor"),
                        v.real(sm + "epsilon"), v.real(sm + "inf"), v.real(sm + "dropout_rate")),
                new Heads(v.integer(h + "lddt.c_in"), v.integer(h + "lddt.c_hidden"), v.smallInteger(h + "lddt.no_bins"),
                        v.integer(h + "distogram.c_z"), v.smallInteger(h + "distogram.no_bins"), v.integer(h + "masked_msa.c_m"),
                        v.integer(h + "masked_msa.c_out"), v.integer(h + "experimentally_resolved.c_s"),
                        v.integer(h + "experimentally_resolved.c_out")),
                v.smallInteger("globals.blocks_per_ckpt"));
    }

    private static Stack stack(ConfigValues v, String p) {
        return new Stack(v.integer(p + "c_m"), v.integer(p + "c_z"), v.integer(p + "c_hidden_msa_att"), v.integer(p + "c_hidden_opm"),
                v.integer(p + "c_hidden_mul"), v.integer(p + "c_hidden_pair_att"), v.integer(p + "no_heads_msa"),
                v.integer(p + "no_heads_pair"), v.smallInteger(p + "no_blocks"), v.integer(p + "transition_n"), v.real(p + "msa_dropout"),
                v.real(p + "pair_dropout"), v.real(p + "inf"), v.real(p + "eps"));
    }
}
