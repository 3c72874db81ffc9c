package io.timelapse.plugin.openfold.model.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Tensor;
import io.timelapse.plugin.openfold.metrics.Lddt;
import io.timelapse.plugin.openfold.model.ModuleFixture;
import io.timelapse.plugin.openfold.model.config.AlphaFoldConfig;
import io.timelapse.plugin.openfold.testing.Fixtures;
import io.timelapse.plugin.openfold.testing.TestCompute;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The head losses and the combiner against OpenFold's AlphaFoldLoss on the micro model's outputs
 * (fixture alphafold_loss: N = 20, 5 MSA rows), in float32 and float64 graphs.
 */
class HeadLossesGoldenTest {

    private static final ComputeService COMPUTE = TestCompute.SERVICE;
    private static final String NAME = "alphafold_loss";
    private static final ModuleFixture FIXTURE = ModuleFixture.of(NAME);
    private static final double RTOL = 1e-4;

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void headLossesMatchOpenFold(DType dtype) {
        try (Graph graph = COMPUTE.newGraph(0)) {
            Ops ops = graph.ops();
            Function<String, Tensor> in = name -> input(ops, name, dtype);
            Map<String, Tensor> outputs = new LinkedHashMap<>();
            outputs.put("distogram", DistogramLoss.openFold(ops).loss(in.apply("out.distogram_logits"), in.apply("pseudo_beta"),
                    in.apply("pseudo_beta_mask")));
            outputs.put("masked_msa", MaskedMsaLoss.openFold(ops).loss(in.apply("out.masked_msa_logits"), in.apply("true_msa"),
                    in.apply("bert_mask")));
            outputs.put("plddt_loss", PlddtLoss.openFold(ops).loss(in.apply("out.lddt_logits"), in.apply("out.final_atom_positions"),
                    in.apply("all_atom_positions"), in.apply("all_atom_mask"), in.apply("resolution")));
            outputs.put("experimentally_resolved", ExperimentallyResolvedLoss.openFold(ops).loss(
                    in.apply("out.experimentally_resolved_logits"), in.apply("atom37_atom_exists"), in.apply("all_atom_mask"),
                    in.apply("resolution")));
            try (Session session = graph.newSession(); Outputs values = session.run(Map.of(), new ArrayList<>(outputs.values()))) {
                int i = 0;
                for (String term : outputs.keySet()) {
                    HostTensor actual = values.get(i++);
                    assertEquals(dtype, actual.dtype(), term);
                    assertScalar("loss." + term, actual.scalarValue(), dtype);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void combinerWeighsScalesAndReportsEveryTerm(DType dtype) {
        try (Graph graph = COMPUTE.newGraph(0)) {
            Ops ops = graph.ops();
            WeightedLoss combiner = new WeightedLoss(ops, fixtureWeights(), false);
            for (LossTerm term : LossTerm.values()) {
                combiner.add(term, () -> ops.scalar(expected("loss." + term.openFoldName()), dtype));
            }
            WeightedLoss.Total total = combiner.total(input(ops, "seq_length", dtype), 20, dtype);
            assertEquals(LossTerm.values().length, total.terms().size());
            try (Session session = graph.newSession();
                    Outputs values = session.run(Map.of(), List.of(total.unscaledLoss(), total.loss(), total.terms().get(LossTerm.VIOLATION)))) {
                assertScalar("loss.unscaled_loss", values.get(0).scalarValue(), dtype);
                assertScalar("loss.loss", values.get(1).scalarValue(), dtype);
                assertScalar("loss.violation", values.get(2).scalarValue(), dtype);
            }
        }
    }

    @Test
    void aNonFiniteTermCountsAsZeroAndIsReportedByName() {
        try (Graph graph = COMPUTE.newGraph(0)) {
            Ops ops = graph.ops();
            Map<LossTerm, Double> weights = new EnumMap<>(LossTerm.class);
            weights.put(LossTerm.DISTOGRAM, 0.3);
            weights.put(LossTerm.MASKED_MSA, 2.0);
            weights.put(LossTerm.VIOLATION, 1.0);
            WeightedLoss.Total total = new WeightedLoss(ops, weights, true)
                    .add(LossTerm.DISTOGRAM, () -> ops.scalar(10, DType.F64))
                    .add(LossTerm.MASKED_MSA, () -> ops.scalar(Double.NaN, DType.F64))
                    .add(LossTerm.VIOLATION, () -> ops.scalar(Double.NEGATIVE_INFINITY, DType.F64))
                    .total(ops.scalar(16, DType.I32), 4, DType.F64);
            List<LossTerm> order = List.of(LossTerm.DISTOGRAM, LossTerm.MASKED_MSA, LossTerm.VIOLATION);
            List<Tensor> fetches = new ArrayList<>(List.of(total.unscaledLoss(), total.loss()));
            order.forEach(term -> fetches.add(total.terms().get(term)));
            order.forEach(term -> fetches.add(total.finite().get(term)));
            try (Session session = graph.newSession(); Outputs values = session.run(Map.of(), fetches)) {
                assertEquals(3.0, values.get(0).scalarValue(), 1e-12);
                assertEquals(3.0 * 2, values.get(1).scalarValue(), 1e-12, "scaled by √min(16, 4)");
                assertEquals(10.0, values.get(2).scalarValue());
                assertEquals(0.0, values.get(3).scalarValue());
                assertEquals(0.0, values.get(4).scalarValue());
                Map<LossTerm, HostTensor> flags = new EnumMap<>(LossTerm.class);
                for (int i = 0; i < order.size(); i++) {
                    flags.put(order.get(i), values.get(5 + i));
                }
                assertEquals(List.of("loss term 'masked_msa' is not finite (NaN or infinite); replaced by 0",
                        "loss term 'violation' is not finite (NaN or infinite); replaced by 0"), WeightedLoss.Total.warnings(flags));
            }
        }
    }

    @Test
    void aZeroWeightTermIsNotBuiltWhenSkipping() {
        try (Graph graph = COMPUTE.newGraph(0)) {
            Ops ops = graph.ops();
            AtomicBoolean built = new AtomicBoolean();
            WeightedLoss.Total skipped = new WeightedLoss(ops, AlphaFoldLoss.weights(AlphaFoldConfig.preset("initial_training").loss()), true)
                    .add(LossTerm.DISTOGRAM, () -> ops.scalar(1, DType.F32))
                    .add(LossTerm.VIOLATION, () -> {
                        built.set(true);
                        return ops.scalar(1, DType.F32);
                    })
                    .total(ops.scalar(1, DType.I32), 1, DType.F32);
            assertFalse(built.get(), "violation (weight 0) built");
            assertEquals(List.of(LossTerm.DISTOGRAM), List.copyOf(skipped.terms().keySet()));
            WeightedLoss.Total kept = new WeightedLoss(ops, AlphaFoldLoss.weights(AlphaFoldConfig.preset("initial_training").loss()), false)
                    .add(LossTerm.VIOLATION, () -> {
                        built.set(true);
                        return ops.scalar(1, DType.F32);
                    })
                    .total(ops.scalar(1, DType.I32), 1, DType.F32);
            assertTrue(built.get(), "violation built when not skipping");
            assertEquals(List.of(LossTerm.VIOLATION), List.copyOf(kept.terms().keySet()));
        }
    }

    @Test
    void confidenceLossesCountOnlyInsideTheResolutionWindow() {
        try (Graph graph = COMPUTE.newGraph(0)) {
            Ops ops = graph.ops();
            List<Tensor> fetches = new ArrayList<>();
            for (double resolution : new double[] {0.05, 0.1, 3.0, 3.5}) {
                Tensor value = ops.scalar(resolution, DType.F32);
                fetches.add(PlddtLoss.openFold(ops).loss(input(ops, "out.lddt_logits", DType.F32),
                        input(ops, "out.final_atom_positions", DType.F32), input(ops, "all_atom_positions", DType.F32),
                        input(ops, "all_atom_mask", DType.F32), value));
                fetches.add(ExperimentallyResolvedLoss.openFold(ops).loss(input(ops, "out.experimentally_resolved_logits", DType.F32),
                        input(ops, "atom37_atom_exists", DType.F32), input(ops, "all_atom_mask", DType.F32), value));
            }
            try (Session session = graph.newSession(); Outputs values = session.run(Map.of(), fetches)) {
                double[] expected = {0, 0, expected("loss.plddt_loss"), expected("loss.experimentally_resolved"),
                    expected("loss.plddt_loss"), expected("loss.experimentally_resolved"), 0, 0};
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], values.get(i).scalarValue(), 1e-5 * Math.abs(expected[i]), "fetch " + i);
                }
            }
        }
    }

    @Test
    void theLddtTargetIsTheHostMetric() {
        try (Graph graph = COMPUTE.newGraph(0)) {
            Ops ops = graph.ops();
            Tensor score = PlddtLoss.openFold(ops).lddtCa(input(ops, "out.final_atom_positions", DType.F64),
                    input(ops, "all_atom_positions", DType.F64), input(ops, "all_atom_mask", DType.F64));
            try (Session session = graph.newSession(); Outputs values = session.run(Map.of(), List.of(score))) {
                double[] expected = Lddt.perResidue(ca("out.final_atom_positions"), ca("all_atom_positions"), caMask());
                assertTrue(Arrays.stream(expected).distinct().count() > 5, "varied scores");
                Fixtures.assertClose(expected, values.get(0).toDoubles(), 1e-12, 0, "lDDT-Cα");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = LossTerm.class, names = {"DISTOGRAM", "MASKED_MSA"})
    void gradientWithRespectToTheLogitsMatchesCentralDifferences(LossTerm term) {
        try (Graph graph = COMPUTE.newGraph(0)) {
            Ops ops = graph.ops();
            String logitsName = term == LossTerm.DISTOGRAM ? "out.distogram_logits" : "out.masked_msa_logits";
            HostTensor logitsValue = asDType(FIXTURE.value(logitsName), DType.F64);
            Tensor logits = ops.placeholder("logits", DType.F64, logitsValue.shape());
            Tensor loss = term == LossTerm.DISTOGRAM
                    ? DistogramLoss.openFold(ops).loss(logits, input(ops, "pseudo_beta", DType.F64), input(ops, "pseudo_beta_mask", DType.F64))
                    : MaskedMsaLoss.openFold(ops).loss(logits, input(ops, "true_msa", DType.F64), input(ops, "bert_mask", DType.F64));
            Tensor gradient = graph.gradients(loss, List.of(logits)).get(0);
            try (Session session = graph.newSession()) {
                double[] analytic = ModuleFixture.run(session, Map.of(logits, logitsValue), gradient).toDoubles();
                double[] base = logitsValue.toDoubles();
                double h = 1e-5;
                double maxGradient = 0;
                for (double g : analytic) {
                    maxGradient = Math.max(maxGradient, Math.abs(g));
                }
                assertTrue(maxGradient > 1e-3, "a non-trivial gradient: " + maxGradient);
                Random random = new Random(7);
                for (int sample = 0; sample < 12; sample++) {
                    int index = sample == 0 ? argmaxAbs(analytic) : random.nextInt(base.length);
                    double numeric = (lossAt(session, logits, loss, base, index, h, logitsValue)
                            - lossAt(session, logits, loss, base, index, -h, logitsValue)) / (2 * h);
                    assertEquals(numeric, analytic[index], 1e-7 + 1e-5 * Math.abs(numeric), term + " logit " + index);
                }
            }
        }
    }

    private static double lossAt(Session session, Tensor logits, Tensor loss, double[] base, int index, double step,
            HostTensor like) {
        double[] moved = base.clone();
        moved[index] += step;
        return ModuleFixture.run(session, Map.of(logits, HostTensor.fromDoubles(DType.F64, like.shape(), moved)), loss).scalarValue();
    }

    private static int argmaxAbs(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (Math.abs(values[i]) > Math.abs(values[best])) {
                best = i;
            }
        }
        return best;
    }

    private static void assertScalar(String output, double actual, DType dtype) {
        double expected = expected(output);
        double atol = FIXTURE.atol(output);
        Fixtures.assertClose(new double[] {expected}, new double[] {actual}, atol, RTOL, NAME + " " + output + " " + dtype);
        System.out.printf("%s %s %s: max abs error %.3g (relative %.3g)%n", NAME, output, dtype, Math.abs(expected - actual),
                Math.abs(expected - actual) / Math.abs(expected));
    }

    private static double expected(String output) {
        return Fixtures.load(NAME, "output." + output).data()[0];
    }

    /** The weights of meta.json's {@code loss_weights}, by OpenFold name. */
    private static Map<LossTerm, Double> fixtureWeights() {
        try {
            JsonNode meta = new ObjectMapper().readTree(Fixtures.resourcePath("fixtures/" + NAME + "/meta.json").toFile());
            Map<LossTerm, Double> weights = new EnumMap<>(LossTerm.class);
            for (LossTerm term : LossTerm.values()) {
                JsonNode weight = meta.path("loss_weights").path(term.openFoldName());
                assertTrue(weight.isNumber(), "meta.json loss_weights." + term.openFoldName());
                weights.put(term, weight.asDouble());
            }
            return weights;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture's input as a constant, floats in {@code dtype}, integers as int32. */
    private static Tensor input(Ops ops, String name, DType dtype) {
        return ops.constant(asDType(FIXTURE.value(name), dtype));
    }

    private static HostTensor asDType(HostTensor value, DType dtype) {
        return value.dtype().isFloating() ? HostTensor.fromDoubles(dtype, value.shape(), value.toDoubles()) : value;
    }

    private static double[][] ca(String name) {
        double[] atoms = FIXTURE.value(name).toDoubles();
        int n = atoms.length / (37 * 3);
        double[][] ca = new double[n][3];
        for (int i = 0; i < n; i++) {
            System.arraycopy(atoms, (i * 37 + 1) * 3, ca[i], 0, 3);
        }
        return ca;
    }

    private static double[] caMask() {
        double[] mask = FIXTURE.value("all_atom_mask").toDoubles();
        double[] ca = new double[mask.length / 37];
        for (int i = 0; i < ca.length; i++) {
            ca[i] = mask[i * 37 + 1];
        }
        return ca;
    }
}
