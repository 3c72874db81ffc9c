package io.timelapse.plugin.pythia.provenance;

import java.util.List;

/**
 * Where training row {@code row} came from: trained at {@code step}, slot {@code slot} of that
 * batch; blended from dataset {@code dataset} (its name), whose shuffled sample {@code sample}
 * is unshuffled sample {@code unshuffledSample}, covering {@code documents}.
 */
public record RowOrigin(long row, long step, int slot, int dataset, String datasetName, long sample, long unshuffledSample,
        List<DocumentSpan> documents) {

    public RowOrigin {
        documents = List.copyOf(documents);
    }
}
