package io.timelapse.plugin.openfold.model.loss;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.plugin.openfold.model.ModuleFixture;
import io.timelapse.plugin.openfold.model.structure.Frames;
import io.timelapse.plugin.openfold.model.structure.Quaternions;
import io.timelapse.plugin.openfold.testing.Fixtures;
import io.timelapse.plugin.openfold.testing.TestCompute;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Backbone FAPE against OpenFold's compute_fape and backbone_loss (fixture fape_backbone: 3 layers,
 * N=8), and its invariance under one global rigid motion of both structures.
 */
class BackboneLossGoldenTest {

    private static final ComputeService COMPUTE = TestCompute.SERVICE;
    private static final ModuleFixture FIXTURE = ModuleFixture.of("fape_backbone");
    // The fixture records no float32-vs-float64 difference, so the fixtures' floor applies.
    private static final double ATOL = 1e-4;
    private static final double RTOL = 1e-4;

    @Test
    void matchesOpenFold() {
        try (Graph graph = COMPUTE.newGraph(0)) {
            Ops ops = graph.ops();
            Tensor trajectory = FIXTURE.placeholder(ops, "traj_tensor7");
            Tensor groundTruth = FIXTURE.placeholder(ops, "backbone_rigid_tensor");
            Tensor mask = FIXTURE.placeholder(ops, "backbone_rigid_mask");
            BackboneLoss loss = fixtureLoss(ops);
            Map<String, Tensor> outputs = new LinkedHashMap<>();
            outputs.put("compute_fape_per_layer_clamp10", loss.perLayer(trajectory, groundTruth, mask, true));
            outputs.put("compute_fape_per_layer_clampNone", loss.perLayer(trajectory, groundTruth, mask, false));
            outputs.put("backbone_loss_noclampmix", loss.loss(trajectory, groundTruth, mask));
            outputs.put("backbone_loss_use_clamped_fape_0", loss.loss(trajectory, groundTruth, mask, ops.scalar(0, mask.dtype())));
            outputs.put("backbone_loss_use_clamped_fape_1", loss.loss(trajectory, groundTruth, mask, ops.scalar(1, mask.dtype())));
            Map<Tensor, HostTensor> feeds = Map.of(trajectory, FIXTURE.value("traj_tensor7"),
                    groundTruth, FIXTURE.value("backbone_rigid_tensor"), mask, FIXTURE.value("backbone_rigid_mask"));
            try (Session session = graph.newSession(); Outputs values = session.run(feeds, new ArrayList<>(outputs.values()))) {
                int i = 0;
                for (String name : outputs.keySet()) {
                    HostTensor actual = values.get(i++);
                    Fixtures.Array expected = Fixtures.load("fape_backbone", "output." + name);
                    assertTrue(Arrays.equals(Arrays.stream(expected.shape()).asLongStream().toArray(), actual.shape().dims()),
                            name + ": shape " + actual.shape());
                    Fixtures.assertClose(expected.data(), actual.toDoubles(), ATOL, RTOL, name);
                    System.out.printf("fape_backbone %s: max abs error %.3g%n", name,
                            ModuleFixture.maxAbsDiff(expected.data(), actual.toDoubles()));
                }
            }
        }
    }

    @Test
    void unchangedUnderOneGlobalRigidMotionOfBothStructures() {
        try (Graph graph = COMPUTE.newGraph(0)) {
            Ops ops = graph.ops();
            Tensor trajectory = ops.constant(FIXTURE.value("traj_tensor7"));
            Tensor groundTruth = ops.constant(FIXTURE.value("backbone_rigid_tensor"));
            Tensor mask = ops.constant(FIXTURE.value("backbone_rigid_mask"));
            Tensor q = Quaternions.normalize(ops, ops.constant(HostTensor.of(new float[] {0.3f, -0.5f, 0.7f, 0.2f}, 4)));
            Frames motion = Frames.fromQuaternion(ops, q, ops.constant(HostTensor.of(new float[] {12.5f, -30f, 7.25f}, 3)));
            List<Tensor> parts = ops.split(trajectory, -1, 4, 3);
            Tensor movedTrajectory = ops.concat(-1, List.of(Quaternions.multiply(ops, q, parts.get(0)), motion.apply(parts.get(1))));
            Frames movedTruth = motion.compose(Frames.fromTensor4x4(ops, groundTruth));
            // The bottom row of a 4x4 frame is never read, so zeros stand in for (0, 0, 0, 1).
            Tensor movedMatrices = ops.pad(ops.concat(-1, List.of(movedTruth.rotation(), ops.expandDims(movedTruth.translation(), -1))),
                    new long[][] {{0, 0}, {0, 1}, {0, 0}}, 0);
            BackboneLoss loss = fixtureLoss(ops);
            List<Tensor> outputs = List.of(
                    loss.perLayer(trajectory, groundTruth, mask, true), loss.perLayer(movedTrajectory, movedMatrices, mask, true),
                    loss.perLayer(trajectory, groundTruth, mask, false), loss.perLayer(movedTrajectory, movedMatrices, mask, false));
            try (Session session = graph.newSession(); Outputs values = session.run(Map.of(), outputs)) {
                for (int i = 0; i < outputs.size(); i += 2) {
                    double[] original = values.get(i).toDoubles();
                    assertTrue(original[0] > 0.5, "a non-trivial loss: " + original[0]);
                    Fixtures.assertClose(original, values.get(i + 1).toDoubles(), ATOL, RTOL, "moved structures, output " + i);
                }
            }
        }
    }

    @Test
    void aMaskedResidueCountsAsAbsentAndTheTrainingMixWeighsBothTerms() {
        try (Graph graph = COMPUTE.newGraph(0)) {
            Ops ops = graph.ops();
            Tensor trajectory = ops.constant(FIXTURE.value("traj_tensor7"));
            Tensor groundTruth = ops.constant(FIXTURE.value("backbone_rigid_tensor"));
            Tensor mask = ops.constant(FIXTURE.value("backbone_rigid_mask"));
            Tensor firstMasked = ops.concat(0, List.of(ops.zeros(Shape.of(1), mask.dtype()),
                    ops.split(mask, 0, 1, 7).get(1)));
            BackboneLoss loss = fixtureLoss(ops);
            List<Tensor> outputs = List.of(
                    loss.perLayer(trajectory, groundTruth, firstMasked, false),
                    loss.perLayer(ops.split(trajectory, 1, 1, 7).get(1), ops.split(groundTruth, 0, 1, 7).get(1),
                            ops.split(mask, 0, 1, 7).get(1), false),
                    loss.loss(trajectory, groundTruth, mask, ops.scalar(BackboneLoss.CLAMPED_FRACTION, mask.dtype())));
            try (Session session = graph.newSession(); Outputs values = session.run(Map.of(), outputs)) {
                Fixtures.assertClose(values.get(1).toDoubles(), values.get(0).toDoubles(), ATOL, RTOL, "first residue masked");
                double clamped = Fixtures.load("fape_backbone", "output.backbone_loss_use_clamped_fape_1").data()[0];
                double unclamped = Fixtures.load("fape_backbone", "output.backbone_loss_use_clamped_fape_0").data()[0];
                Fixtures.assertClose(new double[] {0.9 * clamped + 0.1 * unclamped}, values.get(2).toDoubles(), ATOL, RTOL, "mix 0.9");
            }
        }
    }

    private static BackboneLoss fixtureLoss(Ops ops) {
        return new BackboneLoss(ops, FIXTURE.doubleArg("clamp_distance"), FIXTURE.doubleArg("loss_unit_distance"),
                FIXTURE.doubleArg("eps"));
    }
}
