package io.timelapse.plugin.openfold.model.alphafold;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Tensor;
import io.timelapse.lib.nn.StateDict;
import io.timelapse.plugin.openfold.model.ModuleFixture;
import io.timelapse.plugin.openfold.model.config.AlphaFoldConfig;
import io.timelapse.plugin.openfold.model.loss.AlphaFoldLoss;
import io.timelapse.plugin.openfold.testing.Fixtures;
import io.timelapse.plugin.openfold.testing.TestCompute;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * OpenFold's end-to-end training loss on the micro model, in one float64 graph and session: the model with
 * alphafold_micro's params on its batch (both recycling cycles, eval mode) and {@link AlphaFoldLoss} with the
 * micro preset's (initial_training) loss config on the batch's last recycling slice, which is fixture
 * alphafold_loss's {@code input.*} (floating-point features fed as float64). Every term is built, as OpenFold
 * does (experimentally resolved and violation with weight 0).
 *
 * <p>Building the model and its gradients is the costly part, so the whole-model tests share one instance
 * ({@link #shared()}); they must leave its variables as they found them.
 */
final class MicroLoss implements AutoCloseable {

    static final String MODEL_FIXTURE = "alphafold_micro";
    static final String LOSS_FIXTURE = "alphafold_loss";
    static final long CROP = 20;

    private static MicroLoss shared;

    final Graph graph;
    final Ops ops;
    final AlphaFold model;
    final AlphaFold.Output output;
    final AlphaFoldLoss.Result loss;
    /** The loss batch's placeholders by OpenFold name. */
    final Map<String, Tensor> batch = new LinkedHashMap<>();
    /** The fixtures' values for every placeholder (model features and loss batch). */
    final Map<Tensor, HostTensor> feeds = new LinkedHashMap<>();
    /** Every stopGradient output of the model and loss ({@link StopGradients}). */
    final List<Tensor> stopped = new ArrayList<>();
    final Session session;

    /** The instance of this test JVM, built on first use and closed when the JVM exits. */
    static synchronized MicroLoss shared() {
        if (shared == null) {
            shared = new MicroLoss();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    private MicroLoss() {
        graph = TestCompute.SERVICE.newGraph(0);
        ops = StopGradients.recording(graph.ops(), stopped);
        AlphaFoldConfig config = AlphaFoldConfig.preset("micro");
        model = new AlphaFold(ops, config.model(), DType.F64);
        ModuleFixture micro = ModuleFixture.of(MODEL_FIXTURE);
        Map<String, Tensor> features = new LinkedHashMap<>();
        for (String name : model.required()) {
            features.put(name, placeholder(name, micro.value(name)));
        }
        output = model.apply(features, null, false);
        ModuleFixture lossFixture = ModuleFixture.of(LOSS_FIXTURE);
        for (String name : lossFeatures()) {
            batch.put(name, placeholder("loss_" + name, float64(lossFixture.value(name))));
        }
        loss = new AlphaFoldLoss(ops, config.loss(), true).apply(batch, output.named(), CROP);
        session = graph.newSession();
        session.initialize();
        StateDict.load(session, model.state(), micro.params(key -> key), MODEL_FIXTURE, true);
    }

    Tensor total() {
        return loss.total().loss();
    }

    Outputs run(List<? extends Tensor> fetches) {
        return session.run(feeds, fetches);
    }

    /** Sets the loss batch's feature {@code name} in {@code feeds} (a copy of {@link #feeds}) to {@code value}, floating point as float64. */
    void feedBatch(Map<Tensor, HostTensor> feeds, String name, HostTensor value) {
        feeds.put(batch.get(name), float64(value));
    }

    static HostTensor float64(HostTensor value) {
        return value.dtype().isFloating() && value.dtype() != DType.F64
                ? HostTensor.fromDoubles(DType.F64, value.shape(), value.toDoubles()) : value;
    }

    private Tensor placeholder(String name, HostTensor value) {
        Tensor placeholder = ops.placeholder(name, value.dtype(), value.shape());
        feeds.put(placeholder, value);
        return placeholder;
    }

    /** The ground-truth features of alphafold_loss: its {@code input.*} files other than the model outputs {@code input.out.*}. */
    static List<String> lossFeatures() {
        try (Stream<java.nio.file.Path> files = Files.list(Fixtures.resourcePath("fixtures/" + LOSS_FIXTURE))) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.startsWith("input.") && f.endsWith(".npy"))
                    .map(f -> f.substring("input.".length(), f.length() - ".npy".length())).filter(f -> !f.startsWith("out."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
