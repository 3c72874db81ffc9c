package io.timelapse.plugin.openfold.model.structure;

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
import io.timelapse.plugin.openfold.model.ModuleFixture;
import io.timelapse.plugin.openfold.residue.ResidueTypes;
import io.timelapse.plugin.openfold.testing.Fixtures;
import io.timelapse.plugin.openfold.testing.TestCompute;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link AllAtoms} against OpenFold: the structure_module fixture's side-chain frames and atom14 positions of
 * every iteration from its own backbone frames and torsion angles, the same for alphafold_micro's structure
 * module, whose last atom14 positions also give its atom37 positions and mask, and the pseudo-β of
 * alphafold_loss's ground truth. The inputs are OpenFold's exact intermediates, so the tolerance is far
 * below the fixtures' own (which covers a whole float32 structure module).
 */
class AllAtomsGoldenTest {

    /** Float32 rounding of coordinates up to ~30 Å through a few frame compositions (measured: 2e-6 Å). */
    private static final double F32_ATOL = 1e-5;
    /** Float64 carries the fixtures' float32 rounding of inputs and outputs (measured: 2e-6 Å). */
    private static final double F64_ATOL = 1e-5;

    @ParameterizedTest
    @EnumSource(names = {"F32", "F64"})
    void structureModuleSideChainFramesAndAtom14Positions(DType dtype) {
        String f = "structure_module";
        try (Graph graph = TestCompute.SERVICE.newGraph(0)) {
            Ops ops = graph.ops();
            AllAtoms atoms = new AllAtoms(ops, dtype);
            // One structure module iteration per leading index: [3, 2, 8] residues of 2 chains.
            Tensor aatype = ops.broadcastTo(ints(ops, f, "input.aatype"), 3, 2, 8);
            Tensor frames7 = constant(ops, f, "output.frames_tensor7", dtype);
            Frames backbone = Frames.fromTensor7(ops, frames7);
            Frames groups = atoms.torsionAnglesToFrames(backbone, constant(ops, f, "output.angles_sin_cos", dtype), aatype);
            Map<String, Tensor> outputs = new LinkedHashMap<>();
            // The round trip through the structure module's internal units (nm) and back.
            Frames internal = backbone.scaleTranslation(0.1).stopRotationGradient();
            outputs.put("frames_tensor7", internal.scaleTranslation(10).toTensor7(ops.split(frames7, -1, 4, 3).get(0)));
            outputs.put("sidechain_frames_4x4", groups.toTensor4x4());
            outputs.put("positions_atom14", atoms.atom14Positions(groups, aatype));
            assertOutputs(graph, f, outputs, atol(dtype));
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"F32", "F64"})
    void alphafoldMicroStructureModuleAndAtom37(DType dtype) {
        String f = "alphafold_micro";
        try (Graph graph = TestCompute.SERVICE.newGraph(0)) {
            Ops ops = graph.ops();
            AllAtoms atoms = new AllAtoms(ops, dtype);
            // The features carry a recycling axis last; the model reads the last cycle's.
            Tensor aatype = ops.squeeze(ops.split(ints(ops, f, "input.aatype"), -1, 1, 1).get(1), -1);
            Tensor blockAatype = ops.broadcastTo(aatype, 2, 20);
            Frames backbone = Frames.fromTensor7(ops, constant(ops, f, "output.sm_frames", dtype));
            Frames groups = atoms.torsionAnglesToFrames(backbone, constant(ops, f, "output.sm_angles", dtype), blockAatype);
            Tensor lastAtom14 = ops.squeeze(ops.split(constant(ops, f, "output.sm_positions", dtype), 0, 1, 1).get(1), 0);
            Map<String, Tensor> outputs = new LinkedHashMap<>();
            outputs.put("sm_sidechain_frames", groups.toTensor4x4());
            outputs.put("sm_positions", atoms.atom14Positions(groups, blockAatype));
            outputs.put("final_atom_positions", atoms.atom14ToAtom37(lastAtom14, aatype));
            outputs.put("final_atom_mask", atoms.atom37Exists(aatype, dtype));
            assertOutputs(graph, f, outputs, atol(dtype));
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"F32", "F64"})
    void alphafoldLossPseudoBeta(DType dtype) {
        String f = "alphafold_loss";
        try (Graph graph = TestCompute.SERVICE.newGraph(0)) {
            Ops ops = graph.ops();
            AllAtoms atoms = new AllAtoms(ops, dtype);
            Tensor aatype = ints(ops, f, "input.aatype");
            Tensor pseudoBeta = atoms.pseudoBeta(constant(ops, f, "input.all_atom_positions", dtype), aatype);
            try (Session session = graph.newSession(); Outputs values = session.run(Map.of(), List.of(pseudoBeta))) {
                // A copy of CA or CB: exact.
                Fixtures.assertClose(Fixtures.load(f, "input.pseudo_beta").data(), values.get(0).toDoubles(), 0, 0, "pseudo_beta");
            }
        }
    }

    /** X (restype 20) has no atoms and no default frames: every group is the backbone origin with a zero rotation. */
    @ParameterizedTest
    @EnumSource(names = {"F32", "F64"})
    void unknownResidueHasNoAtomsAndZeroGroupRotations(DType dtype) {
        try (Graph graph = TestCompute.SERVICE.newGraph(0)) {
            Ops ops = graph.ops();
            AllAtoms atoms = new AllAtoms(ops, dtype);
            Tensor aatype = ops.constant(HostTensor.of(new int[] {ResidueTypes.UNKNOWN, ResidueTypes.GLYCINE}, 2));
            double[] quaternion = {0.5, 0.5, -0.5, 0.5, 1, 2, 3};
            Tensor frames7 = ops.constant(HostTensor.fromDoubles(dtype, Shape.of(2, 7), concat(quaternion, quaternion)));
            double[] angles = new double[2 * 7 * 2];
            for (int i = 0; i < angles.length; i += 2) {
                angles[i] = 0.6;
                angles[i + 1] = 0.8;
            }
            Frames groups = atoms.torsionAnglesToFrames(Frames.fromTensor7(ops, frames7),
                    ops.constant(HostTensor.fromDoubles(dtype, Shape.of(2, 7, 2), angles)), aatype);
            Tensor atom14 = atoms.atom14Positions(groups, aatype);
            List<Tensor> fetch = List.of(groups.rotation(), groups.translation(), atom14, atoms.atom14ToAtom37(atom14, aatype),
                    atoms.atom14Exists(aatype, DType.F32), atoms.atom37Exists(aatype, DType.F32));
            try (Session session = graph.newSession(); Outputs values = session.run(Map.of(), fetch)) {
                double[] rotations = values.get(0).toDoubles();
                double[] translations = values.get(1).toDoubles();
                assertTrue(Arrays.stream(rotations, 0, 8 * 9).allMatch(v -> v == 0), "X group rotations are zero");
                for (int g = 0; g < 8; g++) {
                    assertEquals(List.of(1.0, 2.0, 3.0), List.of(translations[g * 3], translations[g * 3 + 1], translations[g * 3 + 2]));
                }
                // Glycine's backbone group is the backbone frame itself; its absent chi groups have zero rotations.
                assertTrue(Arrays.stream(rotations, 8 * 9 + 4 * 9, 16 * 9).allMatch(v -> v == 0), "glycine chi rotations");
                assertEquals(1.0, Math.abs(rotations[8 * 9]) + Math.abs(rotations[8 * 9 + 1]) + Math.abs(rotations[8 * 9 + 2]), 1e-6);
                assertTrue(Arrays.stream(values.get(2).toDoubles(), 0, 14 * 3).allMatch(v -> v == 0), "X atom14 positions");
                assertTrue(Arrays.stream(values.get(3).toDoubles(), 0, 37 * 3).allMatch(v -> v == 0), "X atom37 positions");
                double[] exists14 = values.get(4).toDoubles();
                double[] exists37 = values.get(5).toDoubles();
                assertEquals(0.0, Arrays.stream(exists14, 0, 14).sum());
                assertEquals(4.0, Arrays.stream(exists14, 14, 28).sum(), "glycine has N, CA, C, O");
                assertEquals(0.0, Arrays.stream(exists37, 0, 37).sum());
                assertEquals(4.0, Arrays.stream(exists37, 37, 74).sum());
            }
        }
    }

    private static void assertOutputs(Graph graph, String fixture, Map<String, Tensor> outputs, double atol) {
        try (Session session = graph.newSession(); Outputs values = session.run(Map.of(), new ArrayList<>(outputs.values()))) {
            int i = 0;
            for (String name : outputs.keySet()) {
                HostTensor value = values.get(i++);
                Fixtures.Array expected = Fixtures.load(fixture, "output." + name);
                assertEquals(Shape.of(dims(expected.shape())), value.shape(), name + " shape");
                double diff = ModuleFixture.maxAbsDiff(expected.data(), value.toDoubles());
                System.out.printf("AllAtoms %s %s %s: max abs error %.3g%n", fixture, name, value.dtype(), diff);
                Fixtures.assertClose(expected.data(), value.toDoubles(), atol, 0, fixture + " " + name);
            }
        }
    }

    private static double atol(DType dtype) {
        return dtype == DType.F64 ? F64_ATOL : F32_ATOL;
    }

    private static Tensor constant(Ops ops, String fixture, String name, DType dtype) {
        Fixtures.Array array = Fixtures.load(fixture, name);
        return ops.constant(HostTensor.fromDoubles(dtype, Shape.of(dims(array.shape())), array.data()));
    }

    private static Tensor ints(Ops ops, String fixture, String name) {
        Fixtures.Array array = Fixtures.load(fixture, name);
        return ops.constant(HostTensor.of(array.toInts(), dims(array.shape())));
    }

    private static double[] concat(double[] a, double[] b) {
        double[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    private static long[] dims(int[] shape) {
        return Arrays.stream(shape).asLongStream().toArray();
    }
}
