package io.timelapse.plugin.openfold.model.alphafold;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Tensor;
import io.timelapse.plugin.openfold.features.FeatureArray;
import io.timelapse.plugin.openfold.features.GroundTruthFeatures;
import io.timelapse.plugin.openfold.geometry.Quaternion;
import io.timelapse.plugin.openfold.geometry.Rigid;
import io.timelapse.plugin.openfold.geometry.Vec3;
import io.timelapse.plugin.openfold.metrics.Superposition;
import io.timelapse.plugin.openfold.model.ModuleFixture;
import io.timelapse.plugin.openfold.model.loss.BackboneLoss;
import io.timelapse.plugin.openfold.model.loss.LossTerm;
import io.timelapse.plugin.openfold.model.loss.RenamedGroundTruth;
import io.timelapse.plugin.openfold.model.loss.SidechainFape;
import io.timelapse.plugin.openfold.residue.AtomTypes;
import io.timelapse.plugin.openfold.testing.TestCompute;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Rigid-motion invariance, in float64: (a) backbone and side-chain FAPE on alphafold_loss's predicted and true
 * structures; (b) the whole micro model and its training loss when the ground truth is moved.
 *
 * <p>(b) is what "the predicted structure moves rigidly with the ground truth's frames" means for this model: the
 * monomer model without templates reads no coordinates, so its prediction is the same whatever the ground
 * truth's pose; the loss reads the ground truth only through SE(3)-invariant terms (FAPE in local frames,
 * distances, torsions), so it is unchanged; and the prediction superposed onto the ground truth (Kabsch, Cα)
 * moves with exactly the ground truth's motion, at the same RMSD.
 */
class InvarianceTest {

    private static final ModuleFixture LOSS = ModuleFixture.of(MicroLoss.LOSS_FIXTURE);

    @Test
    void fapeIsUnchangedWhenPredictionAndTruthMoveTogether() {
        Rigid motion = randomMotion(new SplittableRandom(7));
        try (Graph graph = TestCompute.SERVICE.newGraph(0)) {
            Ops ops = graph.ops();
            Map<String, Tensor> in = new LinkedHashMap<>();
            for (String name : List.of("out.sm_frames", "out.sm_sidechain_frames", "out.sm_positions", "backbone_rigid_tensor",
                    "backbone_rigid_mask", "use_clamped_fape", "rigidgroups_gt_frames", "rigidgroups_alt_gt_frames", "rigidgroups_gt_exists",
                    "atom14_gt_positions", "atom14_alt_gt_positions", "atom14_gt_exists", "atom14_alt_gt_exists", "atom14_atom_is_ambiguous")) {
                HostTensor value = LOSS.value(name);
                in.put(name, ops.placeholder(name.replace('.', '_'), DType.F64, value.shape()));
            }
            Tensor backbone = BackboneLoss.openFold(ops).loss(in.get("out.sm_frames"), in.get("backbone_rigid_tensor"),
                    in.get("backbone_rigid_mask"), in.get("use_clamped_fape"));
            RenamedGroundTruth.Renamed renamed = RenamedGroundTruth.openFold(ops).of(
                    ops.squeeze(ops.split(in.get("out.sm_positions"), 0, 1, 1).get(1), 0), in.get("atom14_gt_positions"),
                    in.get("atom14_alt_gt_positions"), in.get("atom14_gt_exists"), in.get("atom14_alt_gt_exists"),
                    in.get("atom14_atom_is_ambiguous"));
            Tensor sidechain = SidechainFape.openFold(ops).loss(in.get("out.sm_sidechain_frames"), in.get("out.sm_positions"),
                    in.get("rigidgroups_gt_frames"), in.get("rigidgroups_alt_gt_frames"), in.get("rigidgroups_gt_exists"), renamed);
            List<Tensor> fetches = List.of(backbone, sidechain);
            try (Session session = graph.newSession()) {
                double[] original = run(session, feeds(in, Rigid.IDENTITY, Rigid.IDENTITY), fetches);
                double[] together = run(session, feeds(in, motion, motion), fetches);
                Rigid other = randomMotion(new SplittableRandom(8));
                double[] apart = run(session, feeds(in, motion, other), fetches);
                Map<Tensor, HostTensor> atomsOnly = feeds(in, Rigid.IDENTITY, Rigid.IDENTITY);
                atomsOnly.put(in.get("out.sm_positions"), feeds(in, motion, motion).get(in.get("out.sm_positions")));
                double sidechainAtomsOnly = run(session, atomsOnly, fetches)[1];
                assertTrue(Math.abs(sidechainAtomsOnly - original[1]) > 1e-2, "moving the atoms but not their frames changes side-chain FAPE: "
                        + sidechainAtomsOnly);
                double worst = 0;
                for (int i = 0; i < 2; i++) {
                    assertEquals(original[i], together[i], 1e-12 * original[i], "FAPE " + i + " with one motion for both");
                    assertEquals(original[i], apart[i], 1e-12 * original[i], "FAPE " + i + " with a motion for each");
                    worst = Math.max(worst, Math.max(Math.abs(together[i] - original[i]), Math.abs(apart[i] - original[i])) / original[i]);
                }
                System.out.printf("FAPE under rigid motions: backbone %.6f, side chain %.6f, max relative change %.1e%n", original[0],
                        original[1], worst);
            }
        }
    }

    @Test
    void movingTheGroundTruthLeavesThePredictionAndTheLossUnchanged() {
        Rigid motion = randomMotion(new SplittableRandom(9));
        HostTensor aatype = LOSS.value("aatype");
        double[] positions = LOSS.value("all_atom_positions").toDoubles();
        float[] mask = LOSS.value("all_atom_mask").toFloats();
        double[] moved = positions.clone();
        for (int atom = 0; atom < mask.length; atom++) {
            if (mask[atom] > 0) {
                motion.apply(Vec3.of(positions, atom * 3)).writeTo(moved, atom * 3);
            }
        }
        MicroLoss micro = MicroLoss.shared();
        List<LossTerm> terms = new ArrayList<>(micro.loss.total().terms().keySet());
        List<Tensor> fetches = new ArrayList<>(List.of(micro.total(), micro.output.finalAtomPositions()));
        terms.forEach(t -> fetches.add(micro.loss.total().terms().get(t)));
        Result fixture = Result.of(micro.run(fetches));
        Result recomputed = Result.of(micro.session.run(groundTruth(micro, aatype, positions), fetches));
        Result afterMotion = Result.of(micro.session.run(groundTruth(micro, aatype, moved), fetches));

        assertArrayEquals(fixture.prediction, afterMotion.prediction, 0, "the prediction does not see the ground truth");
        assertEquals(fixture.loss, recomputed.loss, 1e-6 * fixture.loss, "GroundTruthFeatures reproduces OpenFold's loss features");
        // GroundTruthFeatures reads and writes float32: the moved coordinates are rounded by up to ~2e-6 Å, which moves the
        // torsions of 1.5 Å bonds by ~1e-6 (the χ loss by ~3e-7) and the total by ~2e-8 relative.
        assertEquals(recomputed.loss, afterMotion.loss, 1e-6 * recomputed.loss, "total loss after moving the ground truth");
        double termChange = 0;
        for (int t = 0; t < terms.size(); t++) {
            double scale = Math.max(1, recomputed.terms[t]);
            assertEquals(recomputed.terms[t], afterMotion.terms[t], 1e-6 * scale, "loss term " + terms.get(t));
            termChange = Math.max(termChange, Math.abs(recomputed.terms[t] - afterMotion.terms[t]) / scale);
        }

        double[] caMask = new double[(int) aatype.size()];
        double[][] predicted = ca(fixture.prediction, caMask, null);
        double[][] truth = ca(positions, caMask, mask);
        double[][] movedTruth = ca(moved, caMask, mask);
        Superposition before = Superposition.of(truth, predicted, caMask);
        Superposition after = Superposition.of(movedTruth, predicted, caMask);
        assertEquals(before.rmsd(), after.rmsd(), 1e-9, "RMSD to the ground truth");
        double superposedError = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (caMask[i] > 0) {
                double[] expected = new double[3];
                motion.apply(new Vec3(before.superimposed()[i][0], before.superimposed()[i][1], before.superimposed()[i][2]))
                        .writeTo(expected, 0);
                assertArrayEquals(expected, after.superimposed()[i], 1e-9, "superposed Cα " + i);
                superposedError = Math.max(superposedError, ModuleFixture.maxAbsDiff(expected, after.superimposed()[i]));
            }
        }
        System.out.printf("ground truth moved: loss %.10f -> %.10f (OpenFold's features %.10f), max term change %.1e, superposed "
                + "prediction moved rigidly within %.1e Å, RMSD %.4f Å%n", recomputed.loss, afterMotion.loss, fixture.loss, termChange,
                superposedError, before.rmsd());
    }

    /** The fixture's feeds with the loss batch's ground-truth features recomputed by {@link GroundTruthFeatures} from {@code positions}. */
    private static Map<Tensor, HostTensor> groundTruth(MicroLoss micro, HostTensor aatype, double[] positions) {
        Map<Tensor, HostTensor> feeds = new LinkedHashMap<>(micro.feeds);
        float[] coordinates = new float[positions.length];
        for (int i = 0; i < positions.length; i++) {
            coordinates[i] = (float) positions[i];
        }
        HostTensor mask = LOSS.value("all_atom_mask");
        micro.feedBatch(feeds, "all_atom_positions", HostTensor.of(coordinates, LOSS.value("all_atom_positions").shape().dims()));
        GroundTruthFeatures.compute(aatype.toInts(), coordinates, mask.toFloats()).asMap().forEach((name, feature) -> {
            if (micro.batch.containsKey(name)) {
                micro.feedBatch(feeds, name, host(feature));
            }
        });
        return feeds;
    }

    private static HostTensor host(FeatureArray feature) {
        long[] dims = java.util.Arrays.stream(feature.shape()).asLongStream().toArray();
        return feature.dtype() == FeatureArray.DType.INT32 ? HostTensor.of(feature.ints(), dims) : HostTensor.of(feature.floats(), dims);
    }

    /** Cα coordinates [N][3] of atom37 positions; {@code caMask} gets (or, given {@code mask}, is and-ed with) Cα presence. */
    private static double[][] ca(double[] atom37, double[] caMask, float[] mask) {
        int n = caMask.length;
        double[][] ca = new double[n][3];
        for (int i = 0; i < n; i++) {
            int atom = i * AtomTypes.NUM_ATOM37 + AtomTypes.CA;
            System.arraycopy(atom37, atom * 3, ca[i], 0, 3);
            caMask[i] = mask == null ? 1 : Math.min(caMask[i], mask[atom]);
        }
        return ca;
    }

    private record Result(double loss, double[] prediction, double[] terms) {
        static Result of(Outputs out) {
            try (out) {
                double[] terms = new double[out.size() - 2];
                for (int t = 0; t < terms.length; t++) {
                    terms[t] = out.get(2 + t).scalarValue();
                }
                return new Result(out.get(0).scalarValue(), out.get(1).toDoubles(), terms);
            }
        }
    }

    /** A random rotation (uniform unit quaternion) and a translation of up to 30 Å per axis. */
    private static Rigid randomMotion(SplittableRandom random) {
        Quaternion q = new Quaternion(random.nextGaussian(), random.nextGaussian(), random.nextGaussian(), random.nextGaussian()).normalize();
        return Rigid.fromQuaternion(q, new Vec3(random.nextDouble(-30, 30), random.nextDouble(-30, 30), random.nextDouble(-30, 30)));
    }

    /** Feeds for FAPE's inputs with the predicted structure moved by {@code predicted} and the true one by {@code truth}. */
    private static Map<Tensor, HostTensor> feeds(Map<String, Tensor> in, Rigid predicted, Rigid truth) {
        Map<Tensor, HostTensor> feeds = new LinkedHashMap<>();
        in.forEach((name, tensor) -> {
            HostTensor value = LOSS.value(name);
            double[] v = value.toDoubles();
            Rigid motion = name.startsWith("out.") ? predicted : truth;
            if (name.endsWith("frames") && !name.equals("out.sm_frames") || name.equals("backbone_rigid_tensor")) {
                for (int o = 0; o < v.length; o += 16) {
                    System.arraycopy(motion.compose(Rigid.fromTensor4x4(v, o)).toTensor4x4(), 0, v, o, 16);
                }
            } else if (name.equals("out.sm_frames")) {
                for (int o = 0; o < v.length; o += 7) {
                    System.arraycopy(motion.compose(Rigid.fromTensor7(v, o)).toTensor7(), 0, v, o, 7);
                }
            } else if (name.endsWith("positions")) {
                for (int o = 0; o < v.length; o += 3) {
                    motion.apply(Vec3.of(v, o)).writeTo(v, o);
                }
            }
            feeds.put(tensor, HostTensor.fromDoubles(DType.F64, value.shape(), v));
        });
        return feeds;
    }

    private static double[] run(Session session, Map<Tensor, HostTensor> feeds, List<Tensor> fetches) {
        try (Outputs out = session.run(feeds, fetches)) {
            double[] values = new double[fetches.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = out.get(i).scalarValue();
            }
            return values;
        }
    }
}
