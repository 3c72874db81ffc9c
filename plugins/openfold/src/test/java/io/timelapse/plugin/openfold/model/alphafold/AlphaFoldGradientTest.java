package io.timelapse.plugin.openfold.model.alphafold;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The whole model's analytic gradient of the training loss ({@link MicroLoss}: float64 micro model, both cycles,
 * initial_training loss) against central differences, for parameters of every module.
 *
 * <p>Each parameter's entry of largest |g| is checked (one entry each keeps the 74 loss evaluations affordable).
 *
 * <p>The analytic gradient holds every stopGradient output constant: what cycle 0 hands to cycle 1 (OpenFold's
 * no-grad first cycle), the backbone rotations between structure-module blocks (OpenFold's stop_rot_gradient),
 * the pLDDT targets' predicted Cα and the renaming choice's distances. So the differences hold them fixed too:
 * the perturbed runs feed each of them ({@link StopGradients}) at its unperturbed value. Without that the
 * rotation stop alone makes them differ by ~3e-5 relative (input_embedder.linear_tf_m.weight: -3.32420 vs -3.32431). Step h = 1e-6·max(1, |w|); the tolerance |g − fd| ≤ 1e-5·max(1, |g|)
 * is ~100× the expected error of float64 central differences on a loss of ~68 (rounding ~1e-13 / 2h ≈ 1e-7,
 * truncation h²·f''' ≪ that), and far below what a wrong gradient gives. The violation and experimentally
 * resolved terms have weight 0 in this config and add exactly 0; the remaining kinks (ReLU, FAPE's 10 Å clamp)
 * would only spoil an entry whose step crossed one, which none of the fixed entries below does.
 */
class AlphaFoldGradientTest {

    private static final List<String> PARAMETERS = List.of("input_embedder.linear_tf_m.weight", "input_embedder.linear_relpos.weight",
            "input_embedder.linear_msa_m.bias", "recycling_embedder.linear.weight", "recycling_embedder.layer_norm_z.weight",
            "extra_msa_embedder.linear.weight", "extra_msa_stack.blocks.0.msa_att_row.mha.linear_q.weight",
            "extra_msa_stack.blocks.0.msa_att_col.global_attention.linear_k.weight",
            "extra_msa_stack.blocks.0.outer_product_mean.linear_1.weight", "extra_msa_stack.blocks.0.pair_stack.tri_mul_in.linear_b_g.weight",
            "evoformer.blocks.0.msa_att_row.linear_z.weight", "evoformer.blocks.1.msa_att_row.mha.linear_g.weight",
            "evoformer.blocks.0.msa_att_col._msa_att.mha.linear_v.weight", "evoformer.blocks.1.msa_transition.linear_1.weight",
            "evoformer.blocks.0.outer_product_mean.linear_2.weight", "evoformer.blocks.0.pair_stack.tri_mul_out.linear_z.weight",
            "evoformer.blocks.1.pair_stack.tri_mul_in.layer_norm_out.weight", "evoformer.blocks.0.pair_stack.tri_att_start.mha.linear_k.weight",
            "evoformer.blocks.1.pair_stack.tri_att_end.linear.weight", "evoformer.blocks.1.pair_stack.pair_transition.linear_2.bias",
            "evoformer.linear.weight", "structure_module.layer_norm_s.weight", "structure_module.layer_norm_z.bias",
            "structure_module.linear_in.weight", "structure_module.ipa.head_weights", "structure_module.ipa.linear_q_points.linear.weight",
            "structure_module.ipa.linear_kv_points.linear.weight", "structure_module.ipa.linear_b.weight", "structure_module.ipa.linear_out.weight",
            "structure_module.layer_norm_ipa.weight", "structure_module.transition.layers.0.linear_2.weight",
            "structure_module.bb_update.linear.weight", "structure_module.angle_resnet.linear_initial.weight",
            "structure_module.angle_resnet.layers.0.linear_1.weight", "aux_heads.plddt.linear_2.weight", "aux_heads.distogram.linear.bias",
            "aux_heads.masked_msa.linear.weight");

    @Test
    void matchesCentralDifferencesInEveryModule() {
        MicroLoss micro = MicroLoss.shared();
        Map<String, Variable> all = micro.model.parameters();
        List<Variable> variables = PARAMETERS.stream().map(all::get).toList();
        List<Tensor> stopped = micro.stopped;
        List<Tensor> fetches = new ArrayList<>(stopped);
        fetches.addAll(micro.graph.gradients(micro.total(), variables));
        Map<Tensor, HostTensor> frozen = new LinkedHashMap<>(micro.feeds);
        List<double[]> gradients = new ArrayList<>();
        try (Outputs out = micro.run(fetches)) {
            for (int i = 0; i < stopped.size(); i++) {
                frozen.put(stopped.get(i), out.get(i).copy());
            }
            for (int p = 0; p < variables.size(); p++) {
                gradients.add(out.get(stopped.size() + p).toDoubles());
            }
        }
        assertTrue(micro.output.recycled().stream().allMatch(r -> stopped.contains(r.z())), "the recycled pair is among the stops");
        double worst = 0;
        int checked = 0;
        for (int p = 0; p < variables.size(); p++) {
            Variable variable = variables.get(p);
            double[] g = gradients.get(p);
            int largest = argmaxAbs(g);
            assertTrue(Math.abs(g[largest]) > 0, PARAMETERS.get(p) + " has no gradient");
            HostTensor value = micro.session.read(variable).copy();
            double fd;
            try {
                fd = centralDifference(micro.session, micro.total(), frozen, variable, value, largest);
            } finally {
                micro.session.assign(variable, value);
            }
            double error = Math.abs(g[largest] - fd) / Math.max(1, Math.abs(g[largest]));
            assertTrue(error <= 1e-5, PARAMETERS.get(p) + "[" + largest + "]: gradient " + g[largest] + ", central difference " + fd);
            worst = Math.max(worst, error);
            checked++;
        }
        System.out.printf("whole-model gradient vs central differences: %d entries of %d parameters, max |g - fd| / max(1, |g|) %.1e%n",
                checked, variables.size(), worst);
    }

    private static double centralDifference(Session session, Tensor loss, Map<Tensor, HostTensor> feeds, Variable variable, HostTensor value,
            int entry) {
        double[] w = value.toDoubles();
        double h = 1e-6 * Math.max(1, Math.abs(w[entry]));
        double centre = w[entry];
        w[entry] = centre + h;
        double plus = lossAt(session, loss, feeds, variable, value, w);
        w[entry] = centre - h;
        double minus = lossAt(session, loss, feeds, variable, value, w);
        return (plus - minus) / (2 * h);
    }

    private static double lossAt(Session session, Tensor loss, Map<Tensor, HostTensor> feeds, Variable variable, HostTensor like, double[] w) {
        session.assign(variable, HostTensor.fromDoubles(like.dtype(), like.shape(), w));
        try (Outputs out = session.run(feeds, List.of(loss))) {
            return out.get(0).scalarValue();
        }
    }

    private static int argmaxAbs(double[] g) {
        int best = 0;
        for (int i = 1; i < g.length; i++) {
            if (Math.abs(g[i]) > Math.abs(g[best])) {
                best = i;
            }
        }
        return best;
    }
}
