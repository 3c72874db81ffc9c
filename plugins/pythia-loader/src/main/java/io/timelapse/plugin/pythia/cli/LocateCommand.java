package io.timelapse.plugin.pythia.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.plugin.pythia.dataset.BlendedDataset;
import io.timelapse.plugin.pythia.dataset.GptDataset;
import io.timelapse.plugin.pythia.dataset.SampleDataset;
import io.timelapse.plugin.pythia.dataset.Split;
import io.timelapse.plugin.pythia.indexmap.BuildProgress;
import io.timelapse.plugin.pythia.preshuffled.PreshuffledDataset;
import io.timelapse.plugin.pythia.provenance.DocumentSpan;
import io.timelapse.plugin.pythia.provenance.Provenance;
import io.timelapse.plugin.pythia.provenance.RowOrigin;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code timelapse pythia locate --row R [route | --preshuffled PATH] [--json]}: step, slot and source documents of a row. */
@Command(name = "locate", mixinStandardHelpOptions = true,
        description = "Where a training row came from: its step and slot, and with route options the source documents and offsets.")
final class LocateCommand implements PluginCommand {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    RouteOptions route;

    @Option(names = "--row", required = true)
    long row;

    @Option(names = "--preshuffled", paramLabel = "PATH", description = "Pre-shuffled data, to check the row exists (no documents).")
    Path preshuffled;

    @Option(names = "--batch-size", description = "Rows per step (default: --global-batch-size).")
    Integer batchSize;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (row < 0) {
            throw new ParameterException(spec.commandLine(), "--row must be ≥ 0");
        }
        int batch = batchSize != null ? batchSize : Math.toIntExact(route.globalBatchSize);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("row", row);
        out.put("step", Provenance.stepOf(row, batch));
        out.put("slot", Provenance.slotOf(row, batch));
        out.put("batch_size", batch);
        if (preshuffled != null) {
            PreshuffledDataset data = PreshuffledDataset.open(preshuffled);
            if (row >= data.rowCount()) {
                throw new ParameterException(spec.commandLine(), "row " + row + " is beyond the " + data.rowCount() + " rows of " + preshuffled);
            }
            out.put("byte_offset", data.rowOffset(row));
            out.put("shard", data.bin().shardOf(data.rowOffset(row)));
        }
        if (route.given()) {
            SampleDataset data = route.open(spec, Split.TRAIN, RouteOptions.seed(spec, common.seed()), null, BuildProgress.none()).dataset();
            BlendedDataset blended = data instanceof BlendedDataset b ? b : null;
            RowOrigin origin;
            if (blended != null) {
                origin = new Provenance(blended, batch).locate(row);
            } else {
                GptDataset gpt = (GptDataset) data;
                long k = gpt.unshuffledSample(row);
                origin = new RowOrigin(row, Provenance.stepOf(row, batch), Provenance.slotOf(row, batch), 0, gpt.name(), row, k,
                        Provenance.documentsOf(gpt, k));
            }
            out.put("dataset", origin.datasetName());
            out.put("dataset_sample", origin.sample());
            out.put("unshuffled_sample", origin.unshuffledSample());
            out.put("documents", documents(origin.documents()));
        } else if (preshuffled == null) {
            throw new ParameterException(spec.commandLine(), "give route options (--train-data-paths or --data-path) or --preshuffled");
        }
        PrintWriter writer = spec.commandLine().getOut();
        if (json) {
            writer.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
        } else {
            for (Map.Entry<String, Object> entry : out.entrySet()) {
                if (!entry.getKey().equals("documents")) {
                    writer.println(entry.getKey() + ": " + entry.getValue());
                }
            }
            if (out.containsKey("documents")) {
                writer.println("documents (document, tokens [start, end), row offset):");
                for (Object span : (List<?>) out.get("documents")) {
                    Map<?, ?> s = (Map<?, ?>) span;
                    writer.println("  " + s.get("document") + "  [" + s.get("start") + ", " + s.get("end") + ")  at " + s.get("row_offset")
                            + " of a " + s.get("document_length") + "-token document");
                }
            }
        }
        return ExitCode.OK;
    }

    private static List<Map<String, Object>> documents(List<DocumentSpan> spans) {
        return spans.stream().map(span -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("document", span.document());
            m.put("doc_idx_position", span.docIdxPosition());
            m.put("start", span.start());
            m.put("end", span.end());
            m.put("row_offset", span.rowOffset());
            m.put("document_length", span.documentLength());
            return m;
        }).toList();
    }
}
