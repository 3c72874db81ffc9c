package io.timelapse.plugin.openfold.model.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Tensor;
import io.timelapse.plugin.openfold.model.ModuleFixture;
import io.timelapse.plugin.openfold.testing.Fixtures;
import io.timelapse.plugin.openfold.testing.TestCompute;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The renamed ground truth, side-chain FAPE, combined FAPE and supervised χ loss against OpenFold's
 * AlphaFoldLoss on alphafold_micro's outputs and batch (fixture alphafold_loss, N=20, 2 layers), in
 * float32 and float64, and the side-chain FAPE's gradient against finite differences.
 */
class SideChainLossesGoldenTest {

    private static final ComputeService COMPUTE = TestCompute.SERVICE;
    private static final ModuleFixture FIXTURE = ModuleFixture.of("alphafold_loss");

    /** Placeholders for fixture inputs in one float dtype (integer inputs stay int32), with their feeds. */
    private static final class Inputs {
        private final Ops ops;
        private final DType dtype;
        private final Map<String, Tensor> tensors = new HashMap<>();
        private final Map<Tensor, HostTensor> feeds = new HashMap<>();

        Inputs(Ops ops, DType dtype) {
            this.ops = ops;
            this.dtype = dtype;
        }

        Tensor get(String name) {
            return tensors.computeIfAbsent(name, key -> {
                HostTensor value = FIXTURE.value(key);
                if (value.dtype() == DType.F32) {
                    value = HostTensor.fromDoubles(dtype, value.shape(), value.toDoubles());
                }
                Tensor tensor = ops.placeholder(key.replace('.', '_'), value.dtype(), value.shape());
                feeds.put(tensor, value);
                return tensor;
            });
        }
    }

    private static RenamedGroundTruth.Renamed renamed(Ops ops, Inputs in) {
        return RenamedGroundTruth.openFold(ops).of(lastLayer(ops, in.get("out.sm_positions")), in.get("atom14_gt_positions"),
                in.get("atom14_alt_gt_positions"), in.get("atom14_gt_exists"), in.get("atom14_alt_gt_exists"),
                in.get("atom14_atom_is_ambiguous"));
    }

    private static Tensor sidechainFape(Ops ops, Inputs in, RenamedGroundTruth.Renamed renamed) {
        return SidechainFape.openFold(ops).loss(in.get("out.sm_sidechain_frames"), in.get("out.sm_positions"),
                in.get("rigidgroups_gt_frames"), in.get("rigidgroups_alt_gt_frames"), in.get("rigidgroups_gt_exists"), renamed);
    }

    private static Tensor lastLayer(Ops ops, Tensor trajectory) {
        return ops.squeeze(ops.split(trajectory, 0, 1, 1).get(1), 0);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void matchesOpenFold(DType dtype) {
        try (Graph graph = COMPUTE.newGraph(0)) {
            Ops ops = graph.ops();
            Inputs in = new Inputs(ops, dtype);
            RenamedGroundTruth.Renamed renamed = renamed(ops, in);
            Tensor sidechain = sidechainFape(ops, in, renamed);
            Tensor backbone = BackboneLoss.openFold(ops).loss(in.get("out.sm_frames"), in.get("backbone_rigid_tensor"),
                    in.get("backbone_rigid_mask"), in.get("use_clamped_fape"));
            Map<String, Tensor> outputs = new LinkedHashMap<>();
            outputs.put("renamed_atom14_gt_positions", renamed.positions());
            outputs.put("renamed_atom14_gt_exists", renamed.exists());
            outputs.put("alt_naming_is_better", renamed.altNamingIsBetter());
            outputs.put("loss.fape_sidechain", sidechain);
            outputs.put("loss.fape_backbone", backbone);
            outputs.put("loss.fape", FapeLoss.openFold(ops).loss(backbone, sidechain));
            outputs.put("loss.supervised_chi", SupervisedChiLoss.openFold(ops).loss(in.get("out.sm_angles"),
                    in.get("out.sm_unnormalized_angles"), in.get("aatype"), in.get("seq_mask"), in.get("chi_mask"),
                    in.get("chi_angles_sin_cos")));
            try (Session session = graph.newSession();
                    Outputs values = session.run(in.feeds, new ArrayList<>(outputs.values()))) {
                int i = 0;
                for (String name : outputs.keySet()) {
                    HostTensor actual = values.get(i++);
                    assertEquals(dtype, actual.dtype(), name);
                    System.out.printf("alphafold_loss %s %s: max abs error %.3g%n", dtype, name, FIXTURE.assertOutput(name, actual));
                }
                assertEquals(2.0, sum(values.get(2).toDoubles()), "two residues (a Phe and an Asp) take the swapped naming");
            }
        }
    }

    @Test
    void aBatchOfTwoCopiesGivesTheSameLossForEach() {
        try (Graph graph = COMPUTE.newGraph(0)) {
            Ops ops = graph.ops();
            Inputs in = new Inputs(ops, DType.F32);
            RenamedGroundTruth.Renamed renamed = RenamedGroundTruth.openFold(ops).of(twice(ops, lastLayer(ops,
                    in.get("out.sm_positions")), 0), twice(ops, in.get("atom14_gt_positions"), 0),
                    twice(ops, in.get("atom14_alt_gt_positions"), 0), twice(ops, in.get("atom14_gt_exists"), 0),
                    twice(ops, in.get("atom14_alt_gt_exists"), 0), twice(ops, in.get("atom14_atom_is_ambiguous"), 0));
            Tensor sidechain = SidechainFape.openFold(ops).loss(twice(ops, in.get("out.sm_sidechain_frames"), 1),
                    twice(ops, in.get("out.sm_positions"), 1), twice(ops, in.get("rigidgroups_gt_frames"), 0),
                    twice(ops, in.get("rigidgroups_alt_gt_frames"), 0), twice(ops, in.get("rigidgroups_gt_exists"), 0), renamed);
            Tensor chi = SupervisedChiLoss.openFold(ops).loss(twice(ops, in.get("out.sm_angles"), 1),
                    twice(ops, in.get("out.sm_unnormalized_angles"), 1), twice(ops, in.get("aatype"), 0),
                    twice(ops, in.get("seq_mask"), 0), twice(ops, in.get("chi_mask"), 0), twice(ops, in.get("chi_angles_sin_cos"), 0));
            try (Session session = graph.newSession(); Outputs values = session.run(in.feeds, List.of(sidechain, chi))) {
                double expected = expected("loss.fape_sidechain");
                assertArrayEquals(new double[] {expected, expected}, values.get(0).toDoubles(), 1e-6, "side-chain FAPE per sample");
                assertEquals(expected("loss.supervised_chi"), values.get(1).scalarValue(), 1e-6, "batch mean of chi loss");
            }
        }
    }

    private static double expected(String output) {
        return Fixtures.load("alphafold_loss", "output." + output).data()[0];
    }

    private static Tensor twice(Ops ops, Tensor x, int axis) {
        return ops.stack(axis, List.of(x, x));
    }

    @Test
    void sidechainFapeGradientMatchesFiniteDifferencesAndSkipsEarlierLayers() {
        try (Graph graph = COMPUTE.newGraph(0)) {
            Ops ops = graph.ops();
            Inputs in = new Inputs(ops, DType.F64);
            Tensor positions = in.get("out.sm_positions");
            Tensor loss = sidechainFape(ops, in, renamed(ops, in));
            Tensor gradient = graph.gradients(loss, List.of(positions)).get(0);
            try (Session session = graph.newSession()) {
                double[] analytic = session.run(in.feeds, List.of(gradient)).get(0).toDoubles();
                double[] base = in.feeds.get(positions).toDoubles();
                int perLayer = base.length / 2;
                double largest = 0;
                for (int i = 0; i < perLayer; i++) {
                    assertEquals(0.0, analytic[i], "layer 0 does not enter the side-chain FAPE, entry " + i);
                    largest = Math.max(largest, Math.abs(analytic[perLayer + i]));
                }
                // The loss averages over 160 frames × 280 atoms, so single coordinates move it little.
                assertTrue(largest > 5e-5, "a non-trivial gradient: " + largest);
                // The error √(d² + 1e-4) bends sharply near d = 0, so a smaller step than usual.
                double h = 1e-5;
                // Coordinates of residue 3 (the renamed Phe), residue 0, the last Cα and a spread of others.
                int[] entries = {perLayer + 3 * 42 + 20, perLayer + 3 * 42 + 22, perLayer, perLayer + 7, perLayer + 301,
                    perLayer + 555, perLayer + 19 * 42 + 4};
                for (int entry : entries) {
                    double numeric = (lossAt(session, in, positions, loss, base, entry, h)
                            - lossAt(session, in, positions, loss, base, entry, -h)) / (2 * h);
                    assertEquals(numeric, analytic[entry], 1e-10 + 1e-6 * Math.abs(numeric), "d loss / d position " + entry);
                    System.out.printf("side-chain FAPE gradient entry %d: analytic %.9g, central difference %.9g%n", entry,
                            analytic[entry], numeric);
                }
            }
        }
    }

    private static double lossAt(Session session, Inputs in, Tensor positions, Tensor loss, double[] base, int entry,
            double step) {
        double[] moved = base.clone();
        moved[entry] += step;
        Map<Tensor, HostTensor> feeds = new HashMap<>(in.feeds);
        feeds.put(positions, HostTensor.fromDoubles(DType.F64, in.feeds.get(positions).shape(), moved));
        return session.run(feeds, List.of(loss)).get(0).scalarValue();
    }

    private static double sum(double[] values) {
        double total = 0;
        for (double v : values) {
            total += v;
        }
        return total;
    }
}
