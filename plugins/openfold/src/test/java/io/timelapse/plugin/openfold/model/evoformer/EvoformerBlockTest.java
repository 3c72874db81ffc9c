package io.timelapse.plugin.openfold.model.evoformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.plugin.openfold.testing.TestCompute;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The column attentions' state-dict names inside a full model and the refusal of an empty extra-MSA stack. */
class EvoformerBlockTest {

    private static final EvoformerBlock.Config CONFIG = new EvoformerBlock.Config(8, 12, 4, 4, 8, 6, 2, 2, 2, 1e9);

    @Test
    void columnAttentionWeightsAreUnderOpenFoldsInnerMsaAttention() {
        try (Graph graph = TestCompute.SERVICE.newGraph(0)) {
            var module = new MsaColumnAttention(graph.ops().scope("evoformer.blocks.0"), "msa_att_col", 16, 6, 2, 1e9, DType.F32);
            assertEquals(List.of("layer_norm_m.bias", "layer_norm_m.weight", "mha.linear_g.bias", "mha.linear_g.weight",
                            "mha.linear_k.weight", "mha.linear_o.bias", "mha.linear_o.weight", "mha.linear_q.weight",
                            "mha.linear_v.weight").stream().map(key -> "evoformer.blocks.0.msa_att_col._msa_att." + key).toList(),
                    module.state().keySet().stream().sorted().toList());
        }
    }

    @Test
    void extraMsaStackBlocksAreNumberedWithGlobalColumnAttention() {
        try (Graph graph = TestCompute.SERVICE.newGraph(0)) {
            var stack = new ExtraMsaStack(graph.ops().scope("extra_msa_stack"), CONFIG, 2, 1e-8, DType.F32);
            assertEquals(List.of("extra_msa_stack.blocks.0.msa_att_col.global_attention.linear_k.weight",
                            "extra_msa_stack.blocks.1.msa_att_col.global_attention.linear_k.weight"),
                    stack.state().keySet().stream().filter(key -> key.endsWith("global_attention.linear_k.weight")).toList());
            assertEquals(2 * 93, stack.state().size());
        }
    }

    @Test
    void anEmptyExtraMsaStackIsRefused() {
        try (Graph graph = TestCompute.SERVICE.newGraph(0)) {
            var error = assertThrows(IllegalArgumentException.class,
                    () -> new ExtraMsaStack(graph.ops().scope("extra_msa_stack"), CONFIG, 0, 1e-8, DType.F32));
            assertEquals("extra_msa_stack: the stack needs at least one block, not 0", error.getMessage());
        }
    }
}
