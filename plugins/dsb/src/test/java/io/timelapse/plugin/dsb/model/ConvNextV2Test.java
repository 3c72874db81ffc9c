package io.timelapse.plugin.dsb.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;
import io.timelapse.lib.npy.NpyArray;
import io.timelapse.lib.npy.Npz;
import io.timelapse.lib.nn.StateDict;
import io.timelapse.plugin.dsb.cli.TestCompute;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ConvNeXt-V2 against PyTorch: {@code dsb/convnext/convnext_golden.npz} holds a narrow model's
 * seeded weights, two images, the eval-mode logits, the loss and every parameter's gradient, written
 * by {@code tools/make_convnext_golden.py} from the benchmark's PyTorch reference model.
 */
class ConvNextV2Test {

    private static final ComputeService COMPUTE = TestCompute.COMPUTE;
    private static final ImageShape RGB28 = new ImageShape(3, 28, 28, 10);
    private static final ConvNextV2.Config NARROW = new ConvNextV2.Config("narrow", List.of(2, 2, 6, 2), List.of(8, 16, 32, 64), 0.1);

    private static Map<String, NpyArray> golden;

    @BeforeAll
    static void readGolden() throws Exception {
        golden = Npz.read(resource("/dsb/convnext/convnext_golden.npz"));
    }

    @Test
    void attoHasThePapersParameterCountFor28x28RgbAndTenClasses() {
        try (Graph graph = COMPUTE.newGraph(0)) {
            ImageClassifier model = Architectures.build("convnext-atto", graph.ops(), RGB28);
            long count = model.parameters().values().stream().mapToLong(v -> v.shape().size()).sum();
            assertEquals(3_388_810, count);
            assertEquals(140, model.parameters().size(), "tensors, as PyTorch's named_parameters()");
            assertTrue(model.parameters().containsKey("convnextv2.encoder.stages.3.downsampling_layer.1.weight"));
            assertTrue(model.parameters().containsKey("convnextv2.encoder.stages.2.layers.5.grn.bias"));
        }
    }

    @Test
    void evalForwardEqualsPyTorchWithTheSameWeights() {
        try (Graph graph = COMPUTE.newGraph(0)) {
            Ops ops = graph.ops();
            ConvNextV2 model = new ConvNextV2(ops, RGB28, NARROW);
            Tensor images = ops.placeholder("images", DType.F32, Shape.of(2, 3 * 28 * 28));
            Tensor logits = model.logits(images, null, false);
            try (Session session = loaded(graph, model)) {
                double[] actual = session.run(Map.of(images, host("images")), List.of(logits)).get(0).toDoubles();
                assertClose(golden.get("logits").asDoubleArray(), actual, 2e-5, 1e-4, "logits");
            }
        }
    }

    @Test
    void gradientsOfOneTrainingStepEqualPyTorch() {
        try (Graph graph = COMPUTE.newGraph(0)) {
            Ops ops = graph.ops();
            ConvNextV2 model = new ConvNextV2(ops, RGB28, NARROW);
            Tensor images = ops.placeholder("images", DType.F32, Shape.of(2, 3 * 28 * 28));
            Tensor labels = ops.placeholder("labels", DType.I64, Shape.of(2));
            Tensor loss = ops.mean(ops.sparseCrossEntropy(model.logits(images, null, false), labels), false);
            List<Variable> parameters = new ArrayList<>(model.parameters().values());
            List<Tensor> fetches = new ArrayList<>(List.of(loss));
            fetches.addAll(graph.gradients(loss, parameters));
            try (Session session = loaded(graph, model)) {
                Map<Tensor, HostTensor> feeds = Map.of(images, host("images"), labels, host("labels"));
                var outputs = session.run(feeds, fetches);
                assertEquals(golden.get("loss").getDouble(0), outputs.get(0).scalarValue(), 1e-5, "loss");
                for (int i = 0; i < parameters.size(); i++) {
                    String name = parameters.get(i).name();
                    assertClose(golden.get("grad/" + name).asDoubleArray(), outputs.get(i + 1).toDoubles(), 1e-5, 1e-3, name);
                }
            }
        }
    }

    @Test
    void trainingModeDrawsStochasticDepthMasksAndEvalModeIsDeterministic() {
        try (Graph graph = COMPUTE.newGraph(0)) {
            Ops ops = graph.ops();
            ConvNextV2 model = new ConvNextV2(ops, RGB28, new ConvNextV2.Config("deep-drop", List.of(1, 1, 1, 1), List.of(4, 4, 4, 4), 0.9));
            Tensor images = ops.placeholder("images", DType.F32, Shape.of(2, 3 * 28 * 28));
            Tensor trained = model.logits(images, true);
            Tensor evaluated = model.logits(images, false);
            List<Tensor> gradients = graph.gradients(ops.sum(trained, false), new ArrayList<>(model.parameters().values()));
            try (Session session = loaded(graph, model, false)) {
                Map<Tensor, HostTensor> feeds = Map.of(images, host("images"));
                List<double[]> train = new ArrayList<>();
                List<double[]> eval = new ArrayList<>();
                for (int run = 0; run < 8; run++) {
                    var out = session.run(feeds, List.of(trained, evaluated));
                    train.add(out.get(0).toDoubles());
                    eval.add(out.get(1).toDoubles());
                }
                assertTrue(eval.stream().allMatch(e -> Arrays.equals(e, eval.get(0))), "eval mode gives the same logits every run");
                assertTrue(train.stream().anyMatch(t -> !Arrays.equals(t, train.get(0))), "training mode draws new masks each run");
                assertEquals(8, session.read(model.state().get(ConvNextV2.DRAWS)).scalarValue(), "training passes counted");
                for (double value : session.run(feeds, gradients).get(0).toDoubles()) {
                    assertTrue(Double.isFinite(value));
                }
            }
        }
    }

    @Test
    void imagesTooSmallForThreeDownsamplingsAreRefused() {
        try (Graph graph = COMPUTE.newGraph(0)) {
            var error = assertThrows(IllegalArgumentException.class,
                    () -> Architectures.build("convnext-atto", graph.ops(), new ImageShape(1, 7, 7, 10)));
            assertEquals("ConvNeXt-V2 halves the images 3 times and needs at least 8x8 pixels, not 7x7", error.getMessage());
        }
    }

    @Test
    void dropPathZeroesOrRescalesWholeExamplesWhileTrainingOnly() {
        try (Graph graph = COMPUTE.newGraph(7)) {
            Ops ops = graph.ops();
            Tensor ones = ops.ones(Shape.of(256, 2, 2, 3), DType.F32);
            DropPath dropPath = new DropPath(ops.scope("drop_path"), 0.25);
            Tensor step = ops.constant(HostTensor.scalar(5L));
            try (Session session = graph.newSession()) {
                session.initialize();
                var out = session.run(Map.of(), List.of(dropPath.apply(ones, step, true), dropPath.apply(ones, step, false)));
                double[] trained = out.get(0).toDoubles();
                int dropped = 0;
                for (int n = 0; n < 256; n++) {
                    double first = trained[n * 12];
                    assertTrue(first == 0 || Math.abs(first - 1 / 0.75) < 1e-6, "example " + n + ": " + first);
                    for (int k = 1; k < 12; k++) {
                        assertEquals(first, trained[n * 12 + k], "example " + n + " is dropped or kept whole");
                    }
                    dropped += first == 0 ? 1 : 0;
                }
                assertTrue(dropped > 32 && dropped < 96, dropped + " of 256 dropped at rate 0.25");
                for (double value : out.get(1).toDoubles()) {
                    assertEquals(1.0, value);
                }
            }
        }
    }

    private static Session loaded(Graph graph, ConvNextV2 model) {
        return loaded(graph, model, true);
    }

    /** A session with the golden weights, or (not {@code withGolden}) the model's own initial ones. */
    private static Session loaded(Graph graph, ConvNextV2 model, boolean withGolden) {
        Map<String, HostTensor> values = new LinkedHashMap<>();
        golden.forEach((key, array) -> {
            if (key.startsWith("param/")) {
                values.put(key.substring("param/".length()), HostTensor.of(array.asFloatArray(), array.shape()));
            }
        });
        Session session = graph.newSession();
        session.initialize();
        if (!withGolden) {
            return session;
        }
        StateDict.load(session, model.parameters(), values, "convnext_golden.npz", false).requireExact();
        return session;
    }

    private static HostTensor host(String name) {
        NpyArray array = golden.get(name);
        long size = array.elementCount();
        return array.dtype().kind() == 'i'
                ? HostTensor.of(array.asLongArray(), size == 2 ? new long[] {2} : array.shape())
                : HostTensor.of(array.asFloatArray(), 2, size / 2);
    }

    private static void assertClose(double[] expected, double[] actual, double absolute, double relative, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double allowed = absolute + relative * Math.abs(expected[i]);
            if (!(Math.abs(expected[i] - actual[i]) <= allowed)) {
                throw new AssertionError(what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i]);
            }
        }
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(ConvNextV2Test.class.getResource(name).toURI());
    }
}
