package io.timelapse.plugin.pythia.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.DefaultSeed;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.lib.files.AtomicFiles;
import io.timelapse.plugin.pythia.dataset.Split;
import io.timelapse.plugin.pythia.indexmap.IndexMapStore;
import io.timelapse.lib.tokens.megatron.MMapIndexedDataset;
import io.timelapse.plugin.pythia.preshuffled.PreshuffledDataset;
import io.timelapse.plugin.pythia.provenance.DocumentSpan;
import io.timelapse.plugin.pythia.provenance.Provenance;
import io.timelapse.plugin.pythia.provenance.RowOrigin;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code timelapse pythia locate --row R [route | --preshuffled PATH] [--json] [--out FILE.json|DIR]}: where a row came from. */
@Command(name = "locate", mixinStandardHelpOptions = true,
        description = {"Say where a training row came from: its step and slot, and with a route its source documents and offsets.",
                "With --preshuffled it also gives the row's byte offset and shard. With --out FILE.json the answer goes to FILE.json and"
                        + " run.json to the default run directory; with --out DIR both go to the run directory (locate.json)."})
@DefaultSeed(RouteOptions.DEFAULT_SEED)
final class LocateCommand implements PluginCommand {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final RunService runs;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    RouteOptions route;

    @Mixin
    IndexCacheOption indexCache;

    @Option(names = "--row", required = true, paramLabel = "ROW",
            description = "The training row, counted from 0 in training order; row r is trained at step r / batch size.")
    long row;

    @Option(names = "--preshuffled", paramLabel = "PATH",
            description = "Pre-shuffled data (prefix or first shard), to check that the row exists and find its shard.")
    Path preshuffled;

    @Option(names = "--batch-size", paramLabel = "N", description = "Rows per step (default: --global-batch-size).")
    Integer batchSize;

    @Option(names = "--json", description = "Print the answer as JSON.")
    boolean json;

    @Inject
    LocateCommand(RunService runs) {
        this.runs = runs;
    }

    @Override
    public Integer call() throws Exception {
        if (row < 0) {
            throw new ParameterException(spec.commandLine(), "--row " + row + ": must be at least 0");
        }
        if (!route.given() && preshuffled == null) {
            throw new ParameterException(spec.commandLine(), "give route options (--train-data-paths or --data-path) or --preshuffled");
        }
        int batch = batchSize();
        Route checked = route.given() ? route.resolve(spec, Split.TRAIN, common.seed()) : null;
        IndexMapStore store = indexCache.store(spec);
        List<Path> inputs = new ArrayList<>();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("row", row);
        out.put("step", Provenance.stepOf(row, batch));
        out.put("slot", Provenance.slotOf(row, batch));
        out.put("batch_size", batch);
        if (preshuffled != null) {
            PreshuffledDataset data = PreshuffledDataset.open(preshuffled);
            if (row >= data.rowCount()) {
                throw new ParameterException(spec.commandLine(), "--row " + row + ": " + preshuffled + " holds " + data.rowCount()
                        + " rows");
            }
            // The row's place follows from the .idx alone; the tokens are never read.
            inputs.add(data.index().file());
            out.put("byte_offset", data.rowOffset(row));
            out.put("shard", data.bin().shardOf(data.rowOffset(row)));
        }
        if (checked != null) {
            Route.Opened opened = checked.open(store);
            RowOrigin origin = Provenance.locate(opened.dataset(), row, batch);
            opened.corpora().forEach(corpus -> inputs.add(MMapIndexedDataset.idxPath(corpus.prefix())));
            inputs.addAll(opened.loadedIndexMaps());
            out.put("dataset", origin.datasetName());
            out.put("dataset_sample", origin.sample());
            out.put("unshuffled_sample", origin.unshuffledSample());
            out.put("documents", documents(origin.documents()));
        }
        String answer = json ? JSON.writeValueAsString(out) : text(out);
        spec.commandLine().getOut().println(answer);
        if (common.out() != null) {
            record(out, inputs);
        }
        return ExitCode.OK;
    }

    private int batchSize() {
        long batch = batchSize != null ? batchSize : route.globalBatchSize;
        String option = batchSize != null ? "--batch-size " : "--global-batch-size ";
        if (batch < 1 || batch > Integer.MAX_VALUE) {
            throw new ParameterException(spec.commandLine(), option + batch + ": must be between 1 and " + Integer.MAX_VALUE);
        }
        return (int) batch;
    }

    /** The run that {@code --out} asks for: the answer as JSON, the files it was read from as inputs. */
    private void record(Map<String, Object> answer, List<Path> inputs) throws IOException {
        OutputFiles output = OutputFiles.of(common, "locate.json");
        try (Run run = output.start(runs, spec, common)) {
            for (Path input : inputs) {
                run.input(input);
            }
            Path file = output.file(run);
            AtomicFiles.writeBytes(file, JSON.writeValueAsBytes(answer));
            run.result("locate", file.toString());
            for (String key : List.of("step", "slot", "dataset", "dataset_sample", "unshuffled_sample")) {
                if (answer.containsKey(key)) {
                    run.result(key, answer.get(key));
                }
            }
            run.succeeded();
        }
    }

    private static String text(Map<String, Object> answer) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Object> entry : answer.entrySet()) {
            if (!entry.getKey().equals("documents")) {
                text.append(entry.getKey()).append(": ").append(entry.getValue()).append('\n');
            }
        }
        if (answer.containsKey("documents")) {
            text.append("documents (document, tokens [start, end), row offset):");
            for (Object span : (List<?>) answer.get("documents")) {
                Map<?, ?> s = (Map<?, ?>) span;
                text.append("\n  ").append(s.get("document")).append("  [").append(s.get("start")).append(", ").append(s.get("end"))
                        .append(")  at ").append(s.get("row_offset")).append(" of a ").append(s.get("document_length"))
                        .append("-token document");
            }
        }
        return text.toString().stripTrailing();
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
