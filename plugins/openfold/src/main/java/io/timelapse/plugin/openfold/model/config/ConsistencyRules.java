package io.timelapse.plugin.openfold.model.config;

import java.util.List;

/**
 * What a configuration must satisfy beyond the kinds of its values: the channel sizes OpenFold links between
 * modules must agree, the heads' bins must match their losses', and the features and what this port leaves
 * out (templates, the TM head) are fixed.
 */
final class ConsistencyRules {

    static final List<String> C_M = List.of("model.input_embedder.c_m", "model.recycling_embedder.c_m", "model.evoformer_stack.c_m",
            "model.heads.masked_msa.c_m");
    static final List<String> C_Z = List.of("model.input_embedder.c_z", "model.recycling_embedder.c_z",
            "model.extra_msa.extra_msa_stack.c_z", "model.evoformer_stack.c_z", "model.structure_module.c_z",
            "model.heads.distogram.c_z", "model.heads.tm.c_z");
    static final List<String> C_S = List.of("model.evoformer_stack.c_s", "model.structure_module.c_s", "model.heads.lddt.c_in",
            "model.heads.experimentally_resolved.c_s");
    static final List<String> C_E = List.of("model.extra_msa.extra_msa_embedder.c_out", "model.extra_msa.extra_msa_stack.c_m");
    private static final List<List<String>> LINKED = List.of(C_M, C_Z, C_S, C_E,
            List.of("model.heads.lddt.no_bins", "loss.plddt_loss.no_bins"),
            List.of("model.heads.distogram.no_bins", "loss.distogram.no_bins"),
            List.of("model.heads.masked_msa.c_out", "loss.masked_msa.num_classes"));
    private static final List<Fixed> FIXED = List.of(new Fixed("model.input_embedder.tf_dim", 22L, "the target_feat width"),
            new Fixed("model.input_embedder.msa_dim", 49L, "the msa_feat width"),
            new Fixed("model.extra_msa.extra_msa_embedder.c_in", 25L, "the extra_msa_feat width"),
            new Fixed("model.structure_module.no_angles", 7L, "the torsion angles of the atom geometry"),
            new Fixed("model.heads.experimentally_resolved.c_out", 37L, "the atom37 slots"),
            new Fixed("model.template.enabled", false, "templates are not supported"),
            new Fixed("model.heads.tm.enabled", false, "the TM head is not supported"),
            new Fixed("loss.tm.enabled", false, "the TM loss is not supported"));

    private ConsistencyRules() {}

    /** Refuses {@code values} that break a rule, naming the keys (and {@code source}, where they came from). */
    static void check(ConfigValues values, String source) {
        for (List<String> keys : LINKED) {
            Object first = values.asMap().get(keys.get(0));
            for (String key : keys.subList(1, keys.size())) {
                Object value = values.asMap().get(key);
                if (!first.equals(value)) {
                    throw new ConfigException(source + ": \"" + key + "\" is " + value + " but \"" + keys.get(0) + "\" is " + first
                            + "; OpenFold links them, so set " + String.join(", ", keys) + " together");
                }
            }
        }
        Object perCheckpoint = values.asMap().get("globals.blocks_per_ckpt");
        if ((Long) perCheckpoint < 0) {
            throw new ConfigException(source + ": \"globals.blocks_per_ckpt\" must be 0 (no activation checkpoints) or more blocks per "
                    + "checkpoint, not " + perCheckpoint);
        }
        for (Fixed fixed : FIXED) {
            Object value = values.asMap().get(fixed.key);
            if (!fixed.value.equals(value)) {
                throw new ConfigException(source + ": \"" + fixed.key + "\" must be " + fixed.value + " (" + fixed.why + "), not " + value);
            }
        }
    }

    private record Fixed(String key, Object value, String why) {}
}
