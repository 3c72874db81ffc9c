package io.timelapse.plugin.openfold.training;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Tensor;
import io.timelapse.plugin.openfold.dataset.DatasetManifest;
import io.timelapse.plugin.openfold.metrics.StructureMetrics;
import io.timelapse.plugin.openfold.model.alphafold.AlphaFold;
import io.timelapse.plugin.openfold.residue.AtomTypes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The validation chains of a training run, predicted whole in evaluation mode (no dropout, every recycling iteration)
 * by the model of the training graph, and scored as OpenFold's validation scores them: lDDT-Cα, GDT-TS, GDT-HA and the
 * Cα RMSD after superposition. Every chain is padded to the longest, so one graph serves them all; the padding is
 * masked.
 */
public final class Validation {

    /** One chain's scores after a number of steps. */
    public record Score(String chain, int residues, double lddtCa, double gdtTs, double gdtHa, double rmsdCa) {}

    private record Chain(DatasetManifest.Entry entry, Map<Tensor, HostTensor> feeds, double[][] trueCa, double[] mask) {}

    private final List<Chain> chains = new ArrayList<>();
    private final List<Tensor> fetches;
    private final int residues;

    /**
     * @param model the model being trained, whose parameters the validation graph shares
     * @param examples the validation chains
     * @param dtype the floating type of the model
     */
    public Validation(Graph graph, AlphaFold model, DatasetExamples examples, DType dtype) {
        this.residues = examples.chains().stream().mapToInt(DatasetManifest.Entry::length).max().orElseThrow();
        Map<String, Tensor> placeholders = null;
        int cycles = 1;
        for (int i = 0; i < examples.chains().size(); i++) {
            TrainingExample example = examples.evaluation(i, residues);
            Map<String, HostTensor> inputs = new LinkedHashMap<>();
            for (String name : model.required()) {
                inputs.put(name, example.tensor(name, dtype));
            }
            Map<Tensor, HostTensor> feeds = new LinkedHashMap<>();
            if (placeholders == null) {
                placeholders = AlphaFold.placeholders(graph.ops().scope("validation"), inputs, feeds);
            } else {
                for (Map.Entry<String, Tensor> placeholder : placeholders.entrySet()) {
                    feeds.put(placeholder.getValue(), inputs.get(placeholder.getKey()));
                }
            }
            DatasetManifest.Entry entry = examples.chains().get(i);
            double[][] trueCa = new double[residues][];
            double[] mask = new double[residues];
            float[] positions = example.features().get("all_atom_positions").floats();
            float[] atomMask = example.features().get("all_atom_mask").floats();
            cycles = example.cycles();
            for (int r = 0; r < residues; r++) {
                trueCa[r] = new double[3];
                for (int k = 0; k < 3; k++) {
                    trueCa[r][k] = positions[((r * AtomTypes.NUM_ATOM37 + AtomTypes.CA) * 3 + k) * cycles];
                }
                mask[r] = r < entry.length() ? atomMask[(r * AtomTypes.NUM_ATOM37 + AtomTypes.CA) * cycles] : 0;
            }
            chains.add(new Chain(entry, feeds, trueCa, mask));
        }
        AlphaFold.Output output = model.apply(placeholders, cycles, null, false);
        this.fetches = List.of(output.finalAtomPositions());
    }

    /** The number of residues every chain is padded to. */
    public int residues() {
        return residues;
    }

    /** The validation chains, in the order of their scores. */
    public List<String> chainIds() {
        return chains.stream().map(chain -> chain.entry().id()).toList();
    }

    /** Predicts and scores every chain with the weights the session holds now. */
    public List<Score> score(Session session) {
        List<Score> scores = new ArrayList<>();
        for (Chain chain : chains) {
            double[] atoms;
            try (Outputs out = session.run(chain.feeds(), fetches)) {
                atoms = out.get(0).toDoubles();
            }
            double[][] predictedCa = new double[residues][3];
            for (int r = 0; r < residues; r++) {
                for (int k = 0; k < 3; k++) {
                    predictedCa[r][k] = atoms[(r * AtomTypes.NUM_ATOM37 + AtomTypes.CA) * 3 + k];
                }
            }
            StructureMetrics metrics = StructureMetrics.of(predictedCa, chain.trueCa(), chain.mask());
            scores.add(new Score(chain.entry().id(), chain.entry().length(), metrics.lddtGlobal(), metrics.gdtTs(), metrics.gdtHa(),
                    metrics.rmsd()));
        }
        return scores;
    }
}
