package io.timelapse.plugin.openfold.model.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The named configurations as flat values: OpenFold's {@code initial_training} with templates off (AF2 Suppl.
 * Table 4), the CPU-sized {@code tiny} of the spec (184,922 parameters) and {@code micro}, the configuration of
 * the {@code alphafold_micro} golden fixture. {@code tiny} and {@code micro} change only what they list.
 */
final class Presets {

    static final List<String> NAMES = List.of("initial_training", "tiny", "micro");

    private Presets() {}

    static Map<String, Object> values(String name) {
        Map<String, Object> values = initialTraining();
        switch (name) {
            case "initial_training" -> { }
            case "tiny" -> values.putAll(tiny());
            case "micro" -> values.putAll(micro());
            default -> throw new ConfigException("unknown config preset \"" + name + "\"; known: " + String.join(", ", NAMES));
        }
        return values;
    }

    private static Map<String, Object> initialTraining() {
        Values v = new Values();
        v.sizes(256, 128, 384, 64);
        v.put("model.input_embedder.tf_dim", 22L);
        v.put("model.input_embedder.msa_dim", 49L);
        v.put("model.input_embedder.relpos_k", 32L);
        v.put("model.recycling_embedder.min_bin", 3.25);
        v.put("model.recycling_embedder.max_bin", 20.75);
        v.put("model.recycling_embedder.no_bins", 15L);
        v.put("model.recycling_embedder.inf", 1e8);
        v.put("globals.blocks_per_ckpt", 1L);
        v.put("model.template.enabled", false);
        v.put("model.extra_msa.enabled", true);
        v.put("model.extra_msa.extra_msa_embedder.c_in", 25L);
        v.stack("model.extra_msa.extra_msa_stack", 8, 8, 32, 128, 32, 4, 4, 4);
        v.stack("model.evoformer_stack", 32, 8, 32, 128, 32, 4, 48, 4);
        v.put("model.structure_module.c_ipa", 16L);
        v.put("model.structure_module.c_resnet", 128L);
        v.put("model.structure_module.no_heads_ipa", 12L);
        v.put("model.structure_module.no_qk_points", 4L);
        v.put("model.structure_module.no_v_points", 8L);
        v.put("model.structure_module.dropout_rate", 0.1);
        v.put("model.structure_module.no_blocks", 8L);
        v.put("model.structure_module.no_transition_layers", 1L);
        v.put("model.structure_module.no_resnet_blocks", 2L);
        v.put("model.structure_module.no_angles", 7L);
        v.put("model.structure_module.trans_scale_factor", 10.0);
        v.put("model.structure_module.epsilon", 1e-8);
        v.put("model.structure_module.inf", 1e5);
        v.put("model.heads.lddt.no_bins", 50L);
        v.put("model.heads.lddt.c_hidden", 128L);
        v.put("model.heads.distogram.no_bins", 64L);
        v.put("model.heads.masked_msa.c_out", 23L);
        v.put("model.heads.experimentally_resolved.c_out", 37L);
        v.put("model.heads.tm.enabled", false);
        v.put("model.heads.tm.no_bins", 64L);
        v.put("loss.distogram.min_bin", 2.3125);
        v.put("loss.distogram.max_bin", 21.6875);
        v.put("loss.distogram.no_bins", 64L);
        v.put("loss.distogram.eps", 1e-8);
        v.put("loss.distogram.weight", 0.3);
        v.put("loss.experimentally_resolved.eps", 1e-8);
        v.put("loss.experimentally_resolved.min_resolution", 0.1);
        v.put("loss.experimentally_resolved.max_resolution", 3.0);
        v.put("loss.experimentally_resolved.weight", 0.0);
        v.put("loss.fape.backbone.clamp_distance", 10.0);
        v.put("loss.fape.backbone.loss_unit_distance", 10.0);
        v.put("loss.fape.backbone.weight", 0.5);
        v.put("loss.fape.sidechain.clamp_distance", 10.0);
        v.put("loss.fape.sidechain.length_scale", 10.0);
        v.put("loss.fape.sidechain.weight", 0.5);
        v.put("loss.fape.eps", 1e-4);
        v.put("loss.fape.weight", 1.0);
        v.put("loss.plddt_loss.min_resolution", 0.1);
        v.put("loss.plddt_loss.max_resolution", 3.0);
        v.put("loss.plddt_loss.cutoff", 15.0);
        v.put("loss.plddt_loss.no_bins", 50L);
        v.put("loss.plddt_loss.eps", 1e-8);
        v.put("loss.plddt_loss.weight", 0.01);
        v.put("loss.masked_msa.num_classes", 23L);
        v.put("loss.masked_msa.eps", 1e-8);
        v.put("loss.masked_msa.weight", 2.0);
        v.put("loss.supervised_chi.chi_weight", 0.5);
        v.put("loss.supervised_chi.angle_norm_weight", 0.01);
        v.put("loss.supervised_chi.eps", 1e-8);
        v.put("loss.supervised_chi.weight", 1.0);
        v.put("loss.violation.violation_tolerance_factor", 12.0);
        v.put("loss.violation.clash_overlap_tolerance", 1.5);
        v.put("loss.violation.average_clashes", false);
        v.put("loss.violation.eps", 1e-8);
        v.put("loss.violation.weight", 0.0);
        v.put("loss.tm.enabled", false);
        v.put("loss.tm.max_bin", 31L);
        v.put("loss.tm.no_bins", 64L);
        v.put("loss.tm.min_resolution", 0.1);
        v.put("loss.tm.max_resolution", 3.0);
        v.put("loss.tm.eps", 1e-8);
        v.put("loss.tm.weight", 0.0);
        v.put("loss.eps", 1e-8);
        v.put("data.max_msa_clusters", 128L);
        v.put("data.max_extra_msa", 1024L);
        v.put("data.crop_size", 256L);
        v.put("data.num_recycling_iterations", 4L);
        v.put("data.uniform_recycling", true);
        return v.map;
    }

    private static Map<String, Object> tiny() {
        Values v = new Values();
        v.sizes(32, 32, 64, 16);
        v.stack("model.extra_msa.extra_msa_stack", 4, 4, 8, 32, 8, 2, 1, 2);
        v.stack("model.evoformer_stack", 8, 4, 8, 32, 8, 2, 2, 2);
        v.put("model.structure_module.c_ipa", 8L);
        v.put("model.structure_module.c_resnet", 32L);
        v.put("model.structure_module.no_heads_ipa", 4L);
        v.put("model.structure_module.no_v_points", 4L);
        v.put("model.structure_module.no_blocks", 4L);
        v.put("model.heads.lddt.c_hidden", 32L);
        v.put("data.max_msa_clusters", 16L);
        v.put("data.max_extra_msa", 64L);
        v.put("data.crop_size", 64L);
        v.put("globals.blocks_per_ckpt", 0L);
        return v.map;
    }

    private static Map<String, Object> micro() {
        Values v = new Values();
        v.sizes(16, 12, 16, 8);
        v.stack("model.extra_msa.extra_msa_stack", 4, 2, 4, 8, 6, 2, 1, 2);
        v.stack("model.evoformer_stack", 8, 2, 4, 8, 6, 2, 2, 2);
        v.put("model.structure_module.c_ipa", 8L);
        v.put("model.structure_module.c_resnet", 8L);
        v.put("model.structure_module.no_heads_ipa", 2L);
        v.put("model.structure_module.no_v_points", 4L);
        v.put("model.structure_module.no_blocks", 2L);
        v.put("model.heads.lddt.c_hidden", 16L);
        v.put("data.max_msa_clusters", 5L);
        v.put("data.max_extra_msa", 8L);
        v.put("data.crop_size", 20L);
        v.put("data.num_recycling_iterations", 2L);
        v.put("data.uniform_recycling", false);
        v.put("globals.blocks_per_ckpt", 0L);
        return v.map;
    }

    /** Values in definition order, with the channel sizes that OpenFold links across modules set together. */
    private static final class Values {
        final Map<String, Object> map = new LinkedHashMap<>();

        void put(String key, Object value) {
            map.put(key, value);
        }

        void sizes(long cM, long cZ, long cS, long cE) {
            for (String key : ConsistencyRules.C_M) {
                put(key, cM);
            }
            for (String key : ConsistencyRules.C_Z) {
                put(key, cZ);
            }
            for (String key : ConsistencyRules.C_S) {
                put(key, cS);
            }
            for (String key : ConsistencyRules.C_E) {
                put(key, cE);
            }
        }

        void stack(String prefix, long hiddenMsaAtt, long headsMsa, long hiddenOpm, long hiddenMul, long hiddenPairAtt,
                long headsPair, long blocks, long transitionN) {
            put(prefix + ".c_hidden_msa_att", hiddenMsaAtt);
            put(prefix + ".no_heads_msa", headsMsa);
            put(prefix + ".c_hidden_opm", hiddenOpm);
            put(prefix + ".c_hidden_mul", hiddenMul);
            put(prefix + ".c_hidden_pair_att", hiddenPairAtt);
            put(prefix + ".no_heads_pair", headsPair);
            put(prefix + ".no_blocks", blocks);
            put(prefix + ".transition_n", transitionN);
            put(prefix + ".msa_dropout", 0.15);
            put(prefix + ".pair_dropout", 0.25);
            put(prefix + ".inf", 1e9);
            put(prefix + ".eps", 1e-8);
        }
    }
}
