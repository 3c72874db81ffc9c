package io.timelapse.plugin.openfold.cli;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.lib.nn.Module;
import io.timelapse.plugin.openfold.model.ModuleFiles;
import io.timelapse.plugin.openfold.model.alphafold.AlphaFold;
import io.timelapse.plugin.openfold.model.config.AlphaFoldConfig;
import io.timelapse.plugin.openfold.model.embedders.Embeddings;
import io.timelapse.plugin.openfold.model.embedders.ExtraMsaEmbedder;
import io.timelapse.plugin.openfold.model.embedders.InputEmbedder;
import io.timelapse.plugin.openfold.model.embedders.RecyclingEmbedder;
import io.timelapse.plugin.openfold.model.evoformer.EvoformerBlock;
import io.timelapse.plugin.openfold.model.evoformer.ExtraMsaStack;
import io.timelapse.plugin.openfold.model.evoformer.MsaColumnGlobalAttention;
import io.timelapse.plugin.openfold.model.evoformer.MsaRowAttentionWithPairBias;
import io.timelapse.plugin.openfold.model.evoformer.OuterProductMean;
import io.timelapse.plugin.openfold.model.evoformer.Transition;
import io.timelapse.plugin.openfold.model.evoformer.TriangleAttention;
import io.timelapse.plugin.openfold.model.evoformer.TriangleMultiplicativeUpdate;
import io.timelapse.plugin.openfold.model.heads.DistogramHead;
import io.timelapse.plugin.openfold.model.heads.ExperimentallyResolvedHead;
import io.timelapse.plugin.openfold.model.heads.MaskedMsaHead;
import io.timelapse.plugin.openfold.model.heads.PlddtHead;
import io.timelapse.plugin.openfold.model.loss.AlphaFoldLoss;
import io.timelapse.plugin.openfold.model.loss.BackboneLoss;
import io.timelapse.plugin.openfold.model.structure.AngleResnet;
import io.timelapse.plugin.openfold.model.structure.BackboneUpdate;
import io.timelapse.plugin.openfold.model.structure.Frames;
import io.timelapse.plugin.openfold.model.structure.InvariantPointAttention;
import io.timelapse.plugin.openfold.model.structure.StructureModule;
import io.timelapse.plugin.openfold.model.structure.StructureModuleTransition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The modules {@code openfold module} runs, by fixture name: how each is built from meta.json, which
 * inputs it reads and under which names its outputs are written. OpenFold's class names in snake case
 * are accepted too.
 */
final class ModuleCatalog {

    /** A module built in a graph, with its outputs by the fixtures' names; {@code module} is null for a loss without weights. */
    record Built(Module module, Map<String, Tensor> outputs) {}

    interface Builder {
        Built build(Ops ops, ModuleFiles files);
    }

    /** OpenFold's Evoformer config value, used where meta.json does not list {@code inf}. */
    private static final double EVOFORMER_INF = 1e9;

    private static final Map<String, Builder> MODULES = new LinkedHashMap<>();
    private static final Map<String, String> CLASS_NAMES = new TreeMap<>(Map.of(
            "triangle_multiplication_outgoing", "tri_mul_outgoing",
            "triangle_attention_starting_node", "tri_att_start",
            "msa_row_attention_with_pair_bias", "msa_row_attention_pair_bias",
            "alpha_fold", "alphafold_micro",
            "alpha_fold_loss", "alphafold_loss"));

    static {
        MODULES.put("tri_mul_outgoing", (ops, f) -> {
            var module = new TriangleMultiplicativeUpdate(ops, TriangleMultiplicativeUpdate.Direction.OUTGOING, f.intArg("c_z"),
                    f.intArg("c_hidden_mul"), DType.F32);
            return new Built(module, Map.of("z_update", module.apply(f.input(ops, "z"), f.input(ops, "pair_mask"))));
        });
        MODULES.put("tri_att_start", (ops, f) -> {
            var module = new TriangleAttention(ops, TriangleAttention.Node.STARTING, f.intArg("c_in"), f.intArg("c_hidden"),
                    f.intArg("no_heads"), f.doubleArg("inf"), DType.F32);
            return new Built(module, Map.of("z_update", module.apply(f.input(ops, "z"), f.input(ops, "pair_mask"))));
        });
        MODULES.put("outer_product_mean", (ops, f) -> {
            var module = new OuterProductMean(ops, f.intArg("c_m"), f.intArg("c_z"), f.intArg("c_hidden"), f.doubleArg("eps"), DType.F32);
            return new Built(module, Map.of("z_update", module.apply(f.input(ops, "m"), f.input(ops, "msa_mask"))));
        });
        MODULES.put("msa_row_attention_pair_bias", (ops, f) -> {
            var module = new MsaRowAttentionWithPairBias(ops, f.intArg("c_m"), f.intArg("c_z"), f.intArg("c_hidden"),
                    f.intArg("no_heads"), f.doubleArg("inf"), DType.F32);
            return new Built(module, Map.of("m_update",
                    module.apply(f.input(ops, "m"), f.input(ops, "z"), f.input(ops, "msa_mask"))));
        });
        MODULES.put("evoformer_block", (ops, f) -> {
            var block = new EvoformerBlock(ops, evoformerConfig(f), DType.F32);
            List<Tensor> out = block.apply(f.input(ops, "m"), f.input(ops, "z"), f.input(ops, "msa_mask"), f.input(ops, "pair_mask"));
            return new Built(block, ordered("m_out", out.get(0), "z_out", out.get(1)));
        });
        MODULES.put("extra_msa_stack", (ops, f) -> {
            var stack = new ExtraMsaStack(ops, evoformerConfig(f), f.intArg("no_blocks"), f.doubleArg("eps"), DType.F32);
            return new Built(stack, Map.of("z_out",
                    stack.apply(f.input(ops, "m"), f.input(ops, "z"), f.input(ops, "msa_mask"), f.input(ops, "pair_mask"))));
        });
        MODULES.put("invariant_point_attention", (ops, f) -> {
            var module = new InvariantPointAttention(ops, f.intArg("c_s"), f.intArg("c_z"), f.intArg("c_hidden"), f.intArg("no_heads"),
                    f.intArg("no_qk_points"), f.intArg("no_v_points"), f.doubleArg("inf"), f.doubleArg("eps"), DType.F32);
            Frames frames = Frames.fromQuaternion(ops, f.input(ops, "rigid_quat_wxyz"), f.input(ops, "rigid_trans"));
            return new Built(module, Map.of("s_update",
                    module.apply(f.input(ops, "s"), f.input(ops, "z"), frames, f.input(ops, "seq_mask"))));
        });
        MODULES.put("structure_module", (ops, f) -> {
            var module = new StructureModule(ops, structureModuleConfig(f), DType.F32);
            StructureModule.Output out = module.apply(f.input(ops, "single"), f.input(ops, "pair"), f.input(ops, "aatype"),
                    f.input(ops, "seq_mask"), null, false);
            Map<String, Tensor> outputs = ordered("frames_tensor7", out.frames(), "unnormalized_angles", out.unnormalizedAngles());
            outputs.put("angles_sin_cos", out.angles());
            outputs.put("sidechain_frames_4x4", out.sidechainFrames());
            outputs.put("positions_atom14", out.positions());
            outputs.put("states", out.states());
            outputs.put("single", out.single());
            return new Built(module, outputs);
        });
        MODULES.put("alphafold_micro", (ops, f) -> {
            AlphaFoldConfig config = AlphaFoldConfig.fromOpenFold(f.meta().get("config"), f.dir().resolve("meta.json") + " \"config\"");
            var model = new AlphaFold(ops, config.model(), DType.F32);
            Map<String, Tensor> features = new LinkedHashMap<>();
            for (String feature : model.required()) {
                features.put(feature, f.input(ops, feature));
            }
            AlphaFold.Output out = model.apply(features, null, false);
            Map<String, Tensor> outputs = out.named();
            for (int c = 0; c < out.recycled().size(); c++) {
                AlphaFold.Recycled handed = out.recycled().get(c);
                outputs.put("cycle" + c + ".pair", handed.z());
                outputs.put("cycle" + c + ".msa_first_row", handed.m1());
                outputs.put("cycle" + c + ".final_atom_positions", handed.x());
            }
            return new Built(model, outputs);
        });
        MODULES.put("alphafold_loss", (ops, f) -> {
            Map<String, Tensor> batch = new LinkedHashMap<>();
            Map<String, Tensor> outputs = new LinkedHashMap<>();
            for (String input : f.inputNames()) {
                if (input.startsWith("out.")) {
                    outputs.put(input.substring("out.".length()), f.input(ops, input));
                } else {
                    batch.put(input, f.input(ops, input));
                }
            }
            var loss = new AlphaFoldLoss(ops, AlphaFoldConfig.preset("initial_training").loss(), true);
            AlphaFoldLoss.Result result = loss.apply(batch, outputs, batch.get("aatype").shape().dim(-1));
            Map<String, Tensor> named = new LinkedHashMap<>();
            result.total().terms().forEach((term, value) -> named.put("loss." + term.openFoldName(), value));
            named.put("loss.unscaled_loss", result.total().unscaledLoss());
            named.put("loss.loss", result.total().loss());
            result.details().forEach((name, value) -> named.put(name.startsWith("fape_") ? "loss." + name : name, value));
            return new Built(null, named);
        });
        MODULES.put("input_embedder", (ops, f) -> {
            var module = new InputEmbedder(ops, f.intArg("tf_dim"), f.intArg("msa_dim"), f.intArg("c_z"), f.intArg("c_m"),
                    f.intArg("relpos_k"), DType.F32);
            Embeddings out = module.apply(f.input(ops, "target_feat"), f.input(ops, "residue_index"), f.input(ops, "msa_feat"));
            return new Built(module, ordered("msa_emb", out.m(), "pair_emb", out.z()));
        });
        MODULES.put("recycling_embedder", (ops, f) -> {
            var module = new RecyclingEmbedder(ops, f.intArg("c_m"), f.intArg("c_z"), f.doubleArg("min_bin"), f.doubleArg("max_bin"),
                    f.intArg("no_bins"), f.doubleArg("inf"), DType.F32);
            Embeddings out = module.apply(f.input(ops, "m_1_prev"), f.input(ops, "z_prev"), f.input(ops, "x_prev_pseudo_beta"));
            return new Built(module, ordered("m_update", out.m(), "z_update", out.z()));
        });
        MODULES.put("fape_backbone", (ops, f) -> {
            var loss = new BackboneLoss(ops, f.doubleArg("clamp_distance"), f.doubleArg("loss_unit_distance"), f.doubleArg("eps"));
            Tensor trajectory = f.input(ops, "traj_tensor7");
            Tensor truth = f.input(ops, "backbone_rigid_tensor");
            Tensor mask = f.input(ops, "backbone_rigid_mask");
            Map<String, Tensor> outputs = ordered("compute_fape_per_layer_clamp10", loss.perLayer(trajectory, truth, mask, true),
                    "compute_fape_per_layer_clampNone", loss.perLayer(trajectory, truth, mask, false));
            outputs.put("backbone_loss_noclampmix", loss.loss(trajectory, truth, mask));
            outputs.put("backbone_loss_use_clamped_fape_0", loss.loss(trajectory, truth, mask, ops.scalar(0, mask.dtype())));
            outputs.put("backbone_loss_use_clamped_fape_1", loss.loss(trajectory, truth, mask, ops.scalar(1, mask.dtype())));
            return new Built(null, outputs);
        });
        // Modules without a fixture, under OpenFold's class names in snake case; meta.json holds their constructor arguments.
        MODULES.put("triangle_multiplication_incoming", (ops, f) -> {
            var module = new TriangleMultiplicativeUpdate(ops, TriangleMultiplicativeUpdate.Direction.INCOMING, f.intArg("c_z"),
                    f.intArg("c_hidden"), DType.F32);
            return new Built(module, Map.of("z_update", module.apply(f.input(ops, "z"), f.input(ops, "pair_mask"))));
        });
        MODULES.put("triangle_attention_ending_node", (ops, f) -> {
            var module = new TriangleAttention(ops, TriangleAttention.Node.ENDING, f.intArg("c_in"), f.intArg("c_hidden"),
                    f.intArg("no_heads"), f.doubleArg("inf", EVOFORMER_INF), DType.F32);
            return new Built(module, Map.of("z_update", module.apply(f.input(ops, "z"), f.input(ops, "pair_mask"))));
        });
        MODULES.put("msa_column_global_attention", (ops, f) -> {
            var module = new MsaColumnGlobalAttention(ops, f.intArg("c_in"), f.intArg("c_hidden"), f.intArg("no_heads"),
                    f.doubleArg("inf", EVOFORMER_INF), f.doubleArg("eps"), DType.F32);
            return new Built(module, Map.of("m_update", module.apply(f.input(ops, "m"), f.input(ops, "msa_mask"))));
        });
        MODULES.put("msa_transition", (ops, f) -> {
            var module = new Transition(ops, f.intArg("c_m"), f.intArg("n"), DType.F32);
            return new Built(module, Map.of("m_update", module.apply(f.input(ops, "m"), null)));
        });
        MODULES.put("pair_transition", (ops, f) -> {
            var module = new Transition(ops, f.intArg("c_z"), f.intArg("n"), DType.F32);
            return new Built(module, Map.of("z_update", module.apply(f.input(ops, "z"), null)));
        });
        MODULES.put("extra_msa_embedder", (ops, f) -> {
            var module = new ExtraMsaEmbedder(ops, f.intArg("c_in"), f.intArg("c_out"), DType.F32);
            return new Built(module, Map.of("extra_msa_emb", module.apply(f.input(ops, "extra_msa"), f.input(ops, "extra_has_deletion"),
                    f.input(ops, "extra_deletion_value"))));
        });
        MODULES.put("backbone_update", (ops, f) -> {
            var module = new BackboneUpdate(ops, f.intArg("c_s"), DType.F32);
            return new Built(module, Map.of("update", module.apply(f.input(ops, "s"))));
        });
        MODULES.put("angle_resnet", (ops, f) -> {
            var module = new AngleResnet(ops, f.intArg("c_in"), f.intArg("c_hidden"), f.intArg("no_blocks"), f.intArg("no_angles"),
                    f.doubleArg("epsilon"), DType.F32);
            AngleResnet.Angles angles = module.apply(f.input(ops, "s"), f.input(ops, "s_initial"));
            return new Built(module, ordered("unnormalized_angles", angles.unnormalized(), "angles", angles.normalized()));
        });
        MODULES.put("structure_module_transition", (ops, f) -> {
            var module = new StructureModuleTransition(ops, f.intArg("c"), f.intArg("num_layers"), 0, DType.F32);
            return new Built(module, Map.of("s", module.apply(f.input(ops, "s"), null, false)));
        });
        MODULES.put("distogram_head", (ops, f) -> {
            var module = new DistogramHead(ops, f.intArg("c_z"), f.intArg("no_bins"), DType.F32);
            return new Built(module, Map.of("logits", module.apply(f.input(ops, "z"))));
        });
        MODULES.put("masked_msa_head", (ops, f) -> {
            var module = new MaskedMsaHead(ops, f.intArg("c_m"), f.intArg("c_out"), DType.F32);
            return new Built(module, Map.of("logits", module.apply(f.input(ops, "m"))));
        });
        MODULES.put("experimentally_resolved_head", (ops, f) -> {
            var module = new ExperimentallyResolvedHead(ops, f.intArg("c_s"), f.intArg("c_out"), DType.F32);
            return new Built(module, Map.of("logits", module.apply(f.input(ops, "s"))));
        });
        MODULES.put("per_residue_lddt_ca_predictor", (ops, f) -> {
            var module = new PlddtHead(ops, f.intArg("c_in"), f.intArg("c_hidden"), f.intArg("no_bins"), DType.F32);
            return new Built(module, Map.of("logits", module.apply(f.input(ops, "s"))));
        });
    }

    private ModuleCatalog() {}

    /** The builder of {@code name} (a fixture name or an OpenFold class name in snake case), or null. */
    static Builder find(String name) {
        return MODULES.get(CLASS_NAMES.getOrDefault(name, name));
    }

    /** The fixture name {@code name} stands for. */
    static String canonical(String name) {
        return CLASS_NAMES.getOrDefault(name, name);
    }

    static String known() {
        return String.join(", ", MODULES.keySet()) + " (or OpenFold's class names " + String.join(", ", CLASS_NAMES.keySet()) + ")";
    }

    private static EvoformerBlock.Config evoformerConfig(ModuleFiles f) {
        return new EvoformerBlock.Config(f.intArg("c_m"), f.intArg("c_z"), f.intArg("c_hidden_msa_att"), f.intArg("c_hidden_opm"),
                f.intArg("c_hidden_mul"), f.intArg("c_hidden_pair_att"), f.intArg("no_heads_msa"), f.intArg("no_heads_pair"),
                f.intArg("transition_n"), f.doubleArg("inf", EVOFORMER_INF));
    }

    /** The structure module of a fixture's meta.json, evaluated without dropout. */
    private static StructureModule.Config structureModuleConfig(ModuleFiles f) {
        return new StructureModule.Config(f.intArg("c_s"), f.intArg("c_z"), f.intArg("c_ipa"), f.intArg("c_resnet"),
                f.intArg("no_heads_ipa"), f.intArg("no_qk_points"), f.intArg("no_v_points"), f.intArg("no_blocks"),
                f.intArg("no_transition_layers"), f.intArg("no_resnet_blocks"), f.intArg("no_angles"),
                f.doubleArg("trans_scale_factor"), f.doubleArg("epsilon"), f.doubleArg("inf"), 0);
    }

    private static Map<String, Tensor> ordered(String first, Tensor a, String second, Tensor b) {
        Map<String, Tensor> outputs = new LinkedHashMap<>();
        outputs.put(first, a);
        outputs.put(second, b);
        return outputs;
    }
}
