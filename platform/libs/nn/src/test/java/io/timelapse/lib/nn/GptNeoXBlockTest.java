package io.timelapse.lib.nn;

import static io.timelapse.lib.nn.LayersTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.lib.npy.Npy;
import io.timelapse.lib.safetensors.SafetensorsFile;
import io.timelapse.testdata.TinyGptNeox;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The embedding and first layer of the tiny GPT-NeoX golden model ({@link TinyGptNeox}), built
 * from the layers, loaded by Hugging Face names, against the reference hidden states of sequence 0;
 * then the same layer decoding one token at a time through the key/value cache.
 */
class GptNeoXBlockTest {

    private static final int HIDDEN = 64;
    private static final int HEADS = 4;
    private static final int TOKENS = 64;

    /** gpt_neox.embed_in and gpt_neox.layers.0, named as in Hugging Face's GPTNeoXForCausalLM. */
    static final class Layer0 extends Module {
        final Embedding embed;
        final LayerNorm inputNorm;
        final LayerNorm postAttentionNorm;
        final MultiHeadAttention attention;
        final Mlp mlp;

        Layer0(Ops root) {
            super(root.scope("gpt_neox"));
            embed = child(new Embedding(ops().scope("embed_in"), 512, HIDDEN, DType.F32));
            Ops layer = ops().scope("layers").scope("0");
            inputNorm = child(new LayerNorm(layer.scope("input_layernorm"), HIDDEN, 1e-5, DType.F32));
            postAttentionNorm = child(new LayerNorm(layer.scope("post_attention_layernorm"), HIDDEN, 1e-5, DType.F32));
            attention = child(new MultiHeadAttention(layer.scope("attention"), MultiHeadAttention.Config.gptNeoX(HIDDEN, HEADS, 0.25, 10000), DType.F32));
            mlp = child(Mlp.gptNeoX(layer.scope("mlp"), HIDDEN, 256, Activation.GELU, DType.F32));
        }

        /** Parallel residual: x + attn(LN1(x)) + mlp(LN2(x)). */
        MultiHeadAttention.Result block(Tensor x, MultiHeadAttention.KeyValues past) {
            MultiHeadAttention.Result attended = attention.apply(inputNorm.apply(x), AttentionMask.causalOnly(), null, past);
            Tensor y = ops().add(ops().add(x, attended.output()), mlp.apply(postAttentionNorm.apply(x)));
            return new MultiHeadAttention.Result(y, attended.present());
        }
    }

    @Test
    void firstLayerMatchesTheReferenceAndDecodesIncrementally() throws IOException {
        int[] ids = Arrays.copyOf(Npy.read(TinyGptNeox.file("inputs.npy")).asIntArray(), TOKENS);
        float[] hidden = Npy.read(TinyGptNeox.file("hidden_states_seq0.npy")).asFloatArray();
        double[] embeddings = new double[TOKENS * HIDDEN];
        double[] afterLayer0 = new double[TOKENS * HIDDEN];
        for (int i = 0; i < embeddings.length; i++) {
            embeddings[i] = hidden[i];
            afterLayer0[i] = hidden[TOKENS * HIDDEN + i];
        }
        try (Graph graph = TestCompute.SERVICE.newGraph(3)) {
            Ops ops = graph.ops();
            Layer0 model = new Layer0(ops);
            assertEquals(13, model.parameters().size());
            assertTrue(model.parameters().containsKey("gpt_neox.layers.0.attention.query_key_value.weight"));

            Tensor tokens = ops.placeholder("ids", DType.I32, Shape.of(1, Shape.UNKNOWN_DIM));
            Tensor embedded = model.embed.apply(tokens);
            MultiHeadAttention.Result prefix = model.block(embedded, null);

            Tensor step = ops.placeholder("step_ids", DType.I32, Shape.of(1, 1));
            Tensor pastKeys = ops.placeholder("past_keys", DType.F32, Shape.of(1, HEADS, Shape.UNKNOWN_DIM, HIDDEN / HEADS));
            Tensor pastValues = ops.placeholder("past_values", DType.F32, Shape.of(1, HEADS, Shape.UNKNOWN_DIM, HIDDEN / HEADS));
            MultiHeadAttention.Result next = model.block(model.embed.apply(step), new MultiHeadAttention.KeyValues(pastKeys, pastValues));

            try (Session session = graph.newSession();
                 SafetensorsFile weights = SafetensorsFile.open(TinyGptNeox.file("model.safetensors"))) {
                session.initialize();
                LoadReport report = StateDict.load(session, model.state(), weights, false);
                assertEquals(List.of(), report.missing());
                assertEquals(List.of(), report.mismatched());
                assertEquals(13, report.loaded().size());
                assertEquals(15, report.unexpected().size(), report.describe());
                assertTrue(report.unexpected().contains("embed_out.weight"));
                assertTrue(report.unexpected().contains("gpt_neox.layers.1.attention.query_key_value.weight"));
                report.requireAllLoaded();

                try (Outputs out = session.run(Map.of(tokens, HostTensor.of(ids, 1, TOKENS)), List.of(embedded, prefix.output()))) {
                    assertClose(embeddings, out.get(0).toDoubles(), 1e-7, "token embeddings");
                    assertClose(afterLayer0, out.get(1).toDoubles(), 1e-4, "residual stream after layer 0");
                }

                int prompt = 40;
                List<double[]> rows = new ArrayList<>();
                HostTensor keys;
                HostTensor values;
                try (Outputs out = session.run(Map.of(tokens, HostTensor.of(Arrays.copyOf(ids, prompt), 1, prompt)),
                        List.of(prefix.output(), prefix.present().keys(), prefix.present().values()))) {
                    rows.add(out.get(0).toDoubles());
                    keys = out.get(1).copy();
                    values = out.get(2).copy();
                }
                assertEquals(Shape.of(1, HEADS, prompt, HIDDEN / HEADS), keys.shape());
                for (int t = prompt; t < TOKENS; t++) {
                    try (Outputs out = session.run(Map.of(step, HostTensor.of(new int[] {ids[t]}, 1, 1), pastKeys, keys, pastValues, values),
                            List.of(next.output(), next.present().keys(), next.present().values()))) {
                        rows.add(out.get(0).toDoubles());
                        keys = out.get(1).copy();
                        values = out.get(2).copy();
                    }
                }
                assertEquals(Shape.of(1, HEADS, TOKENS, HIDDEN / HEADS), keys.shape());
                double[] incremental = new double[TOKENS * HIDDEN];
                int at = 0;
                for (double[] row : rows) {
                    System.arraycopy(row, 0, incremental, at, row.length);
                    at += row.length;
                }
                assertClose(afterLayer0, incremental, 1e-4, "layer 0 decoded through the key/value cache");
            }
        }
    }
}
