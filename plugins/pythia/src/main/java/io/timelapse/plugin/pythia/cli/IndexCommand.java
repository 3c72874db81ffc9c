package io.timelapse.plugin.pythia.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.DefaultSeed;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.lib.bytes.LargeByteBuffer;
import io.timelapse.lib.npy.DType;
import io.timelapse.lib.npy.Npy;
import io.timelapse.lib.npy.NpyArray;
import io.timelapse.plugin.pythia.dataset.BlendedDataset;
import io.timelapse.plugin.pythia.dataset.BlendingIndices;
import io.timelapse.plugin.pythia.dataset.GptDataset;
import io.timelapse.plugin.pythia.dataset.SampleDataset;
import io.timelapse.plugin.pythia.indexmap.IndexMapStore;
import jakarta.inject.Inject;
import java.nio.ByteOrder;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code timelapse pythia index [route] --seq-length N --seed S --out DIR}: gpt-neox's index-map .npy files. */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = {"Write the index maps that gpt-neox v1.0 builds for a dataset into the run directory, under its file names.",
                "These are the doc_idx, sample_idx and shuffle_idx files of each corpus, and for the blend route also"
                        + " dataset_index.npy and dataset_sample_index.npy. Maps already in the run directory are loaded, not rebuilt."})
@DefaultSeed(RouteOptions.DEFAULT_SEED)
final class IndexCommand implements PluginCommand {

    private final RunService runs;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    RouteOptions route;

    @Mixin
    DatasetOption dataset;

    @Inject
    IndexCommand(RunService runs) {
        this.runs = runs;
    }

    @Override
    public Integer call() throws Exception {
        Route checked = route.resolve(spec, dataset.split, common.seed());
        try (Run run = runs.start(spec, common)) {
            Route.Opened opened = checked.open(IndexMapStore.in(run.directory()).reporting(run::progress));
            // The maps depend on the .idx sizes only; the tokens in the .bin are never read.
            opened.recordInputs(run, false);
            SampleDataset data = opened.dataset();
            if (data instanceof BlendedDataset blended) {
                BlendingIndices indices = blended.indices();
                byte[] datasetIndex = indices.datasetIndex();
                NpyArray datasetIndexArray = new NpyArray(DType.UINT8, new long[] {datasetIndex.length}, false,
                        LargeByteBuffer.wrap(datasetIndex, ByteOrder.LITTLE_ENDIAN));
                run.write("dataset_index.npy", out -> Npy.write(out, datasetIndexArray));
                Npy.writeLongs(run.output("dataset_sample_index.npy"), indices.datasetSampleIndex());
                for (GptDataset gpt : blended.datasets()) {
                    report(run, gpt);
                }
                run.result("blended_length", blended.length());
            } else {
                report(run, (GptDataset) data);
            }
            run.succeeded();
            spec.commandLine().getOut().println("index maps written to " + run.directory());
        }
        return ExitCode.OK;
    }

    private void report(Run run, GptDataset gpt) {
        run.result(gpt.name(), List.of(
                "samples " + gpt.maps().sampleCount(),
                "length " + gpt.length(),
                "documents " + gpt.maps().docIdx().length));
        spec.commandLine().getOut().println(gpt.name() + ": " + gpt.maps().sampleCount() + " samples in sample_idx, length "
                + gpt.length() + ", doc_idx " + gpt.maps().docIdx().length);
    }
}
