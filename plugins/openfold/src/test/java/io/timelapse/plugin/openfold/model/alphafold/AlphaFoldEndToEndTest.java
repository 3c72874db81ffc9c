package io.timelapse.plugin.openfold.model.alphafold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;
import io.timelapse.plugin.openfold.model.ModuleFixture;
import io.timelapse.plugin.openfold.model.loss.LossTerm;
import io.timelapse.plugin.openfold.testing.Fixtures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The end-to-end golden of one training step's loss (fixture alphafold_loss, {@code output.e2e.loss} and
 * {@code output.grad.*}): the float64 micro model on alphafold_micro's params and batch, both cycles in eval mode
 * with gradient through the last only, and the initial_training loss on the batch's last recycling slice.
 */
class AlphaFoldEndToEndTest {

    @Test
    void lossAndGradientsMatchOpenFold() throws IOException {
        JsonNode meta = new ObjectMapper().readTree(Fixtures.resourcePath("fixtures/" + MicroLoss.LOSS_FIXTURE + "/meta.json").toFile());
        JsonNode gradMax = meta.get("grad_max_abs");
        List<String> keys = new ArrayList<>();
        gradMax.fieldNames().forEachRemaining(keys::add);
        assertEquals(11, keys.size());
        MicroLoss micro = MicroLoss.shared();
        Map<String, Variable> parameters = micro.model.parameters();
        List<Tensor> fetches = new ArrayList<>();
        fetches.add(micro.total());
        Map<LossTerm, Tensor> terms = micro.loss.total().terms();
        List<LossTerm> termOrder = new ArrayList<>(terms.keySet());
        fetches.addAll(terms.values());
        fetches.addAll(micro.graph.gradients(micro.total(), keys.stream().map(parameters::get).toList()));
        try (Outputs out = micro.run(fetches)) {
            assertEquals(DType.F64, out.get(0).dtype());
            double expected = expected("e2e.loss")[0];
            double loss = out.get(0).scalarValue();
            assertEquals(expected, loss, 1e-4 * Math.abs(expected), "e2e total loss");
            double lossError = Math.abs(loss - expected) / Math.abs(expected);
            JsonNode breakdown = meta.get("e2e_loss_breakdown_fp64");
            for (int t = 0; t < termOrder.size(); t++) {
                String name = termOrder.get(t).openFoldName();
                double want = breakdown.get(name).asDouble();
                assertEquals(want, out.get(1 + t).scalarValue(), 1e-4 * Math.abs(want), "e2e term " + name);
            }
            double worst = 0;
            for (int k = 0; k < keys.size(); k++) {
                String key = keys.get(k);
                double scale = gradMax.get(key).asDouble();
                double[] want = expected("grad." + key);
                double[] got = out.get(1 + termOrder.size() + k).toDoubles();
                assertEquals(want.length, got.length, key);
                double error = ModuleFixture.maxAbsDiff(want, got) / scale;
                assertTrue(error <= 1e-3, "gradient of " + key + ": max |Δ| / max |g| = " + error);
                worst = Math.max(worst, error);
            }
            System.out.printf("e2e float64: loss %.10f (relative error %.1e), worst gradient error / max |g| %.1e%n", loss, lossError,
                    worst);
        }
    }

    private static double[] expected(String output) {
        return Fixtures.load(MicroLoss.LOSS_FIXTURE, "output." + output).data();
    }
}
