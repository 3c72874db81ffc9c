package io.timelapse.plugin.openfold.model.alphafold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;
import io.timelapse.lib.nn.StateDict;
import io.timelapse.lib.train.ActivationCheckpointing;
import io.timelapse.plugin.openfold.model.ModuleFixture;
import io.timelapse.plugin.openfold.model.config.AlphaFoldConfig;
import io.timelapse.plugin.openfold.model.loss.AlphaFoldLoss;
import io.timelapse.plugin.openfold.testing.TestCompute;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Activation checkpointing ({@code globals.blocks_per_ckpt}, as OpenFold trains) changes how the training loss's
 * gradients are computed, not their values: on the float64 micro model with alphafold_micro's weights and batch, in
 * training mode with every dropout on (the recomputed blocks must draw the same masks), both cycles and the
 * initial_training loss, every parameter's gradient with one block per checkpoint equals the one computed with every
 * activation kept, to rounding.
 */
class CheckpointedGradientTest {

    private static final long STEP = 5;

    @Test
    void recomputingTheBlocksGivesTheSameGradients() {
        Map<String, double[]> kept = gradients(0);
        for (int perCheckpoint : new int[] {1}) {
            Map<String, double[]> recomputed = gradients(perCheckpoint);
            assertEquals(kept.keySet(), recomputed.keySet());
            double worst = 0;
            for (String name : kept.keySet()) {
                double[] expected = kept.get(name);
                double[] actual = recomputed.get(name);
                for (int i = 0; i < expected.length; i++) {
                    worst = Math.max(worst, Math.abs(expected[i] - actual[i]) / Math.max(1, Math.abs(expected[i])));
                }
            }
            assertTrue(worst < 1e-11, perCheckpoint + " blocks per checkpoint: worst relative difference " + worst);
        }
        assertTrue(kept.get("evoformer.blocks.1.msa_transition.linear_1.weight")[0] != 0, "the blocks' parameters have gradients");
    }

    private static Map<String, double[]> gradients(int blocksPerCheckpoint) {
        AlphaFoldConfig config = AlphaFoldConfig.preset("micro").with(Map.of("globals.blocks_per_ckpt", (long) blocksPerCheckpoint));
        ModuleFixture micro = ModuleFixture.of(MicroLoss.MODEL_FIXTURE);
        ModuleFixture lossFixture = ModuleFixture.of(MicroLoss.LOSS_FIXTURE);
        try (Graph graph = TestCompute.SERVICE.newGraph(0)) {
            Ops ops = graph.ops();
            AlphaFold model = new AlphaFold(ops, config.model(), DType.F64);
            Map<Tensor, HostTensor> feeds = new LinkedHashMap<>();
            Map<String, Tensor> features = new LinkedHashMap<>();
            for (String name : model.required()) {
                features.put(name, placeholder(ops, feeds, name, micro.value(name)));
            }
            Tensor step = placeholder(ops, feeds, "step", HostTensor.scalar(STEP));
            ActivationCheckpointing checkpointing = new ActivationCheckpointing(graph);
            AlphaFold.Output output = model.apply(features, 2, step, true, checkpointing);
            assertEquals(blocksPerCheckpoint == 0 ? 0 : segments(config.model().extraMsa().stack().noBlocks(), blocksPerCheckpoint)
                    + segments(config.model().evoformerStack().noBlocks(), blocksPerCheckpoint), checkpointing.segments(),
                    "segments of the last cycle's extra-MSA and Evoformer stacks");
            Map<String, Tensor> batch = new LinkedHashMap<>();
            for (String name : MicroLoss.lossFeatures()) {
                batch.put(name, placeholder(ops, feeds, "loss_" + name, MicroLoss.float64(lossFixture.value(name))));
            }
            Tensor loss = new AlphaFoldLoss(ops, config.loss(), true).apply(batch, output.named(), MicroLoss.CROP).total().loss();
            List<String> names = new ArrayList<>(model.parameters().keySet());
            List<Variable> variables = names.stream().map(model.parameters()::get).toList();
            List<Tensor> grads = checkpointing.gradients(loss, variables);
            try (Session session = graph.newSession()) {
                session.initialize();
                StateDict.load(session, model.state(), micro.params(key -> key), MicroLoss.MODEL_FIXTURE, true);
                try (Outputs out = session.run(feeds, grads)) {
                    Map<String, double[]> values = new LinkedHashMap<>();
                    for (int i = 0; i < names.size(); i++) {
                        values.put(names.get(i), out.get(i).toDoubles());
                    }
                    return values;
                }
            }
        }
    }

    private static int segments(int blocks, int perCheckpoint) {
        return (blocks + perCheckpoint - 1) / perCheckpoint;
    }

    private static Tensor placeholder(Ops ops, Map<Tensor, HostTensor> feeds, String name, HostTensor value) {
        Tensor placeholder = ops.placeholder(name, value.dtype(), value.shape());
        feeds.put(placeholder, value);
        return placeholder;
    }
}
