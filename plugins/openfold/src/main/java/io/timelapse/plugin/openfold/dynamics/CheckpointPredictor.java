package io.timelapse.plugin.openfold.dynamics;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Tensor;
import io.timelapse.plugin.openfold.model.alphafold.AlphaFold;
import io.timelapse.plugin.openfold.model.config.AlphaFoldConfig;
import io.timelapse.plugin.openfold.output.PredictedStructure;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One probe chain's model graph in evaluation mode (no dropout), built once and run with the weights of one checkpoint
 * after another on the same features.
 */
public final class CheckpointPredictor implements AutoCloseable {

    private final Graph graph;
    private final Session session;
    private final AlphaFold model;
    private final Map<Tensor, HostTensor> feeds = new LinkedHashMap<>();
    private final List<Tensor> fetches;
    private final int[] aatype;

    /**
     * The graph of {@code config}'s model on {@code inputs} (the model's features with the trailing recycling axis of
     * {@code cycles} slices) of a chain with residue types {@code aatype}.
     */
    public CheckpointPredictor(ComputeService compute, AlphaFoldConfig config, Map<String, HostTensor> inputs, int cycles, int[] aatype) {
        this.graph = compute.newGraph(0);
        this.aatype = aatype.clone();
        try {
            Ops ops = graph.ops();
            this.model = new AlphaFold(ops, config.model(), DType.F32);
            AlphaFold.Output output = model.apply(AlphaFold.placeholders(ops, inputs, feeds), cycles, null, false);
            this.fetches = List.of(output.finalAtomPositions(), output.finalAtomMask(), output.heads().plddt());
            this.session = graph.newSession();
            session.initialize();
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    /** The model whose parameters a checkpoint must hold. */
    public AlphaFold model() {
        return model;
    }

    /** The prediction with the parameters of {@code checkpoint} (its trained weights or their average), residues numbered from 1. */
    public PredictedStructure predict(Path checkpoint, CheckpointWeights.Kind weights) throws IOException {
        CheckpointWeights.load(checkpoint, session, model.parameters(), weights);
        int[] numbers = new int[aatype.length];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = i;
        }
        try (Outputs out = session.run(feeds, fetches)) {
            return PredictedStructure.fromModel(aatype, numbers, out.get(0), out.get(1), out.get(2));
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } finally {
            graph.close();
        }
    }
}
