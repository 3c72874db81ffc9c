package io.timelapse.plugin.openfold.model.evoformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;
import io.timelapse.plugin.openfold.testing.TestCompute;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The column attentions' state-dict names inside a full model, dropout in training only, and the refusal of an empty extra-MSA stack. */
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
    void dropoutActsOnlyInTraining() {
        try (Graph graph = TestCompute.SERVICE.newGraph(3)) {
            Ops ops = graph.ops();
            Tensor m = ops.randomNormal(Shape.of(3, 5, 8), DType.F32, 0, 1, 1);
            Tensor z = ops.randomNormal(Shape.of(5, 5, 12), DType.F32, 0, 1, 2);
            Tensor step = ops.constant(HostTensor.scalar(4L));
            var block = new EvoformerBlock(ops.scope("evoformer.blocks.0"), CONFIG, DType.F32);
            var still = new EvoformerBlock(ops.scope("still"), CONFIG, EvoformerBlock.Dropouts.NONE, DType.F32);
            List<Tensor> fetches = new ArrayList<>(block.apply(m, z, null, null));
            fetches.addAll(block.apply(m, z, null, null, step, false));
            fetches.addAll(block.apply(m, z, null, null, step, true));
            try (Session session = graph.newSession()) {
                session.initialize();
                // OpenFold's 'final' initialisation zeroes every update, which dropout would leave unchanged.
                long seed = 10;
                for (Variable parameter : block.parameters().values()) {
                    session.run(Map.of(), List.of(), List.of(ops.assign(parameter,
                            ops.randomNormal(parameter.shape(), DType.F32, 0, 0.3, seed++))));
                }
                for (Map.Entry<String, Variable> entry : still.state().entrySet()) {
                    session.run(Map.of(), List.of(), List.of(ops.assign(entry.getValue(),
                            block.state().get(entry.getKey().replace("still.", "evoformer.blocks.0.")))));
                }
                Outputs out = session.run(Map.of(), fetches);
                assertArrayEquals(out.get(0).toFloats(), out.get(2).toFloats(), "evaluation is the eval-mode block");
                assertArrayEquals(out.get(1).toFloats(), out.get(3).toFloats());
                assertFalse(Arrays.equals(out.get(0).toFloats(), out.get(4).toFloats()), "training drops MSA updates");
                assertFalse(Arrays.equals(out.get(1).toFloats(), out.get(5).toFloats()), "training drops pair updates");
            }
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
