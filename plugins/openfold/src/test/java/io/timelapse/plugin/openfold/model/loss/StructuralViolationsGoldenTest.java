package io.timelapse.plugin.openfold.model.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.plugin.openfold.model.ModuleFixture;
import io.timelapse.plugin.openfold.residue.AtomTypes;
import io.timelapse.plugin.openfold.residue.ResidueTypes;
import io.timelapse.plugin.openfold.testing.Fixtures;
import io.timelapse.plugin.openfold.testing.TestCompute;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The structural-violation loss against OpenFold's find_structural_violations and violation_loss
 * (fixture alphafold_loss: the last structure-module layer's atom14 positions of the micro model, N=20),
 * in float32 and float64 graphs; within-residue bounds on hand-made residues, because the fixture's
 * residues violate none.
 */
class StructuralViolationsGoldenTest {

    private static final ComputeService COMPUTE = TestCompute.SERVICE;
    private static final ModuleFixture FIXTURE = ModuleFixture.of("alphafold_loss");
    // The golden values were computed in float64 and stored as float32: a float64 graph meets them to their rounding.
    private static final double F64_ATOL = 1e-5;
    private static final double F64_RTOL = 1e-6;

    @ParameterizedTest
    @EnumSource(names = {"F32", "F64"})
    void matchesOpenFold(DType dtype) {
        try (Graph graph = COMPUTE.newGraph(0)) {
            Ops ops = graph.ops();
            HostTensor positions = lastLayer(FIXTURE.value("out.sm_positions"), dtype);
            HostTensor atomMask = as(FIXTURE.value("atom14_atom_exists"), dtype);
            Tensor positionsIn = ops.placeholder("positions", dtype, positions.shape());
            Tensor maskIn = ops.placeholder("atom14_atom_exists", dtype, atomMask.shape());
            Tensor residueIndex = integers(ops, "residue_index");
            Tensor aatype = integers(ops, "aatype");
            StructuralViolations violations = StructuralViolations.openFold(ops);
            StructuralViolations.Violations found = violations.find(positionsIn, maskIn, residueIndex, aatype);
            Map<String, Tensor> outputs = new LinkedHashMap<>();
            outputs.put("violation.bonds_c_n_loss_mean", found.bondsCNLossMean());
            outputs.put("violation.angles_ca_c_n_loss_mean", found.anglesCaCNLossMean());
            outputs.put("violation.angles_c_n_ca_loss_mean", found.anglesCNCaLossMean());
            outputs.put("violation.clashes_per_atom_loss_sum", found.clashesPerAtomLossSum());
            outputs.put("violation.within_residues_per_atom_loss_sum", found.withinResiduesPerAtomLossSum());
            outputs.put("loss.violation", violations.loss(found, maskIn));
            Map<Tensor, HostTensor> feeds = Map.of(positionsIn, positions, maskIn, atomMask,
                    residueIndex, FIXTURE.value("residue_index"), aatype, FIXTURE.value("aatype"));
            try (Session session = graph.newSession(); Outputs values = session.run(feeds, List.copyOf(outputs.values()))) {
                int i = 0;
                for (String name : outputs.keySet()) {
                    HostTensor actual = values.get(i++);
                    assertEquals(dtype, actual.dtype(), name);
                    double error = dtype == DType.F32 ? FIXTURE.assertOutput(name, actual) : assertF64(name, actual);
                    System.out.printf("alphafold_loss %s %s: max abs error %.3g%n", dtype, name, error);
                }
                assertTrue(values.get(3).toDoubles()[0] >= 0 && Arrays.stream(values.get(3).toDoubles()).max().orElse(0) > 1,
                        "the micro model's structure has clashes");
            }
        }
    }

    @Test
    void aStretchedBondAndACompressedBondAndAClashWithinAResidueCostTheirExcess() {
        int alanine = ResidueTypes.fromOneLetter('A');
        int ca = AtomTypes.atom14Slot(alanine, "CA");
        int cb = AtomTypes.atom14Slot(alanine, "CB");
        int n = AtomTypes.atom14Slot(alanine, "N");
        int o = AtomTypes.atom14Slot(alanine, "O");
        // Residue 0: only CA and CB, 2 Å apart (bond 1.520 ± 12 × 0.021, so 0.228 Å too long); residue 1:
        // the same at 0.5 Å (0.768 Å too short); residue 2: only N and O, 1 Å apart (radii 1.55 + 1.52 − 1.5,
        // so 0.57 Å too close). Each pair counts from both of its atoms.
        double[] positions = new double[3 * 14 * 3];
        double[] mask = new double[3 * 14];
        place(positions, mask, 0, ca, 0, 0, 0);
        place(positions, mask, 0, cb, 2, 0, 0);
        place(positions, mask, 1, ca, 10, 0, 0);
        place(positions, mask, 1, cb, 10, 0.5, 0);
        place(positions, mask, 2, n, 20, 0, 0);
        place(positions, mask, 2, o, 20, 0, 1);
        for (DType dtype : List.of(DType.F32, DType.F64)) {
            try (Graph graph = COMPUTE.newGraph(0)) {
                Ops ops = graph.ops();
                Tensor aatype = ops.constant(HostTensor.of(new int[] {alanine, alanine, alanine}, 3));
                // Residues far apart in sequence and space: nothing between them counts.
                Tensor residueIndex = ops.constant(HostTensor.of(new int[] {0, 10, 20}, 3));
                StructuralViolations.Violations found = StructuralViolations.openFold(ops).find(
                        ops.constant(HostTensor.fromDoubles(dtype, Shape.of(3, 14, 3), positions)),
                        ops.constant(HostTensor.fromDoubles(dtype, Shape.of(3, 14), mask)), residueIndex, aatype);
                try (Session session = graph.newSession();
                        Outputs values = session.run(Map.of(), List.of(found.withinResiduesPerAtomLossSum(),
                                found.clashesPerAtomLossSum(), found.bondsCNLossMean()))) {
                    double[] expected = new double[3 * 14];
                    expected[ca] = expected[cb] = 2 * (2 - (1.520 + 12 * 0.021));
                    expected[14 + ca] = expected[14 + cb] = 2 * ((1.520 - 12 * 0.021) - 0.5);
                    expected[28 + n] = expected[28 + o] = 2 * (1.55 + 1.52 - 1.5 - 1);
                    Fixtures.assertClose(expected, values.get(0).toDoubles(), 1e-5, 1e-6, dtype + " within residues");
                    Fixtures.assertClose(new double[3 * 14], values.get(1).toDoubles(), 0, 0, dtype + " between residues");
                    Fixtures.assertClose(new double[] {0}, values.get(2).toDoubles(), 0, 0, dtype + " no peptide bond");
                }
            }
        }
    }

    private static void place(double[] positions, double[] mask, int residue, int slot, double x, double y, double z) {
        int atom = residue * 14 + slot;
        positions[3 * atom] = x;
        positions[3 * atom + 1] = y;
        positions[3 * atom + 2] = z;
        mask[atom] = 1;
    }

    private static double assertF64(String name, HostTensor actual) {
        Fixtures.Array expected = Fixtures.load("alphafold_loss", "output." + name);
        Fixtures.assertClose(expected.data(), actual.toDoubles(), F64_ATOL, F64_RTOL, "F64 " + name);
        return ModuleFixture.maxAbsDiff(expected.data(), actual.toDoubles());
    }

    /** The last structure-module layer of [layers, N, 14, 3]. */
    private static HostTensor lastLayer(HostTensor trajectory, DType dtype) {
        long[] dims = trajectory.shape().dims();
        double[] all = trajectory.toDoubles();
        int size = all.length / (int) dims[0];
        return HostTensor.fromDoubles(dtype, Shape.of(Arrays.copyOfRange(dims, 1, dims.length)),
                Arrays.copyOfRange(all, all.length - size, all.length));
    }

    private static Tensor integers(Ops ops, String input) {
        HostTensor value = FIXTURE.value(input);
        return ops.placeholder(input, value.dtype(), value.shape());
    }

    private static HostTensor as(HostTensor value, DType dtype) {
        return HostTensor.fromDoubles(dtype, value.shape(), value.toDoubles());
    }
}
