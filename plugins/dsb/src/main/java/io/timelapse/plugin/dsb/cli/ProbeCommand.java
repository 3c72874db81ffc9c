package io.timelapse.plugin.dsb.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.run.Progress;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.api.shard.Shard;
import io.timelapse.api.shard.Shardable;
import io.timelapse.lib.checkpoint.CheckpointDirectory;
import io.timelapse.plugin.dsb.model.Architectures;
import io.timelapse.plugin.dsb.model.ImageShape;
import io.timelapse.plugin.dsb.model.ModelRecord;
import io.timelapse.plugin.dsb.probing.CheckpointProber;
import io.timelapse.plugin.dsb.probing.ProbeEvaluator;
import io.timelapse.plugin.dsb.probing.ProbeTable;
import io.timelapse.plugin.dsb.sets.ProbeSet;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code timelapse dsb probe --checkpoints DIR}: scores every checkpoint of an existing {@code dsb train} run. */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Score every checkpoint of a run of 'dsb train' on the probe sets: loss and accuracy against each set's labels.",
                "The classifier is rebuilt from the model.json that 'dsb train' writes next to its checkpoints; --data, --size and --rgb"
                        + " must give images of the shape it was trained on. Writes probes.csv, probes.jsonl and the two plots, as train does."
                        + " --shard i/n scores only the i-th of n contiguous blocks of the checkpoints in step order, for array jobs"
                        + " (join them with 'probe-merge')."})
final class ProbeCommand implements PluginCommand, Shardable {

    private final RunService runs;
    private final ComputeService compute;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    ImageDataOptions data;

    @Mixin
    ProbeSetOptions probeSets;

    @Option(names = "--checkpoints", required = true, paramLabel = "DIR",
            description = "The run directory of 'dsb train', or its checkpoints folder (step-*.safetensors and model.json).")
    Path checkpoints;

    @Option(names = "--eval-batch", defaultValue = "" + ProbeEvaluator.DEFAULT_BATCH, paramLabel = "N",
            description = "Images per forward pass (default: ${DEFAULT-VALUE}).")
    int evalBatch;

    @Option(names = "--shard", paramLabel = "i/n",
            description = "Score only shard i of n: the i-th of n contiguous blocks of the complete checkpoints in step order.")
    String shard;

    @Inject
    ProbeCommand(RunService runs, ComputeService compute) {
        this.runs = runs;
        this.compute = compute;
    }

    @Override
    public Integer call() throws Exception {
        if (evalBatch < 1) {
            throw usage("--eval-batch " + evalBatch + ": must be at least 1");
        }
        probeSets.check(spec);
        Shard part = part();
        Path folder = folder();
        ModelRecord record = record(folder);
        List<CheckpointDirectory.Entry> entries = new CheckpointDirectory(folder).list();
        if (entries.isEmpty()) {
            throw usage("--checkpoints " + checkpoints + ": no complete checkpoints (step-*.safetensors) in " + folder);
        }
        List<Long> steps = entries.stream().map(CheckpointDirectory.Entry::step).toList();
        List<CheckpointDirectory.Entry> mine = entries.subList((int) part.first(entries.size()), (int) part.end(entries.size()));
        Path savedIn = savedSets(folder);
        SavedProbeSets.Source source = probeSets.source(data, common.seed());
        SavedProbeSets.Loaded saved = SavedProbeSets.load(savedIn, source, probeSets.sets);
        int[] images = shape(saved);
        ImageShape shape = record.shape();
        if (images[0] != shape.channels() || images[1] != shape.height() || images[2] != shape.width()) {
            throw usage("--data " + data.data + ": the images are " + images[0] + "x" + images[1] + "x" + images[2]
                + " with these --size and --rgb, but the model of " + folder + " takes " + shape.channels() + "x" + shape.height()
                + "x" + shape.width());
        }
        String device = compute.device().summary();
        PrintWriter out = spec.commandLine().getOut();
        try (Run run = runs.start(spec, common)) {
            run.device(device);
            run.versions(compute.versions());
            run.input(folder.resolve(ModelRecord.FILE));
            for (Path file : data.files()) {
                run.input(file);
            }
            List<ProbeSet> sets = probeSets.complete(run, compute, data, source, saved, savedIn, null, out);
            ProbeTable table;
            try (CheckpointProber prober = new CheckpointProber(compute, record, evalBatch);
                 Progress progress = run.progress("probe", mine.size())) {
                table = new ProbeTable(record.dataset(), prober.model().net(), prober.model().arch());
                List<ProbeEvaluator.PreparedSet> prepared = prober.prepare(sets);
                for (CheckpointDirectory.Entry entry : mine) {
                    run.input(entry.path());
                    table.put(entry.step(), prober.probe(entry.path(), prepared));
                    progress.step();
                }
            }
            String title = record.dataset() + " " + table.net();
            ProbeOutputs.write(run, out, table, shape.classes(), title);
            if (shard != null) {
                new ProbeShard(part, steps, ProbeShard.options(spec), table.dataset(), table.net(), table.arch(), shape.classes(), title)
                    .write(run);
                run.result("shard", part.toString());
                out.println("shard " + part + ": " + (mine.isEmpty() ? "no checkpoints"
                    : "steps " + mine.get(0).step() + " to " + mine.get(mine.size() - 1).step()) + " of " + steps.size()
                    + " checkpoints; join the shards with 'dsb probe-merge'");
            }
            run.succeeded();
        }
        return ExitCode.OK;
    }

    /** {@code dsb probe-merge} of the shards' runs. */
    @Override
    public List<String> mergeCommand(List<Path> shardRuns) {
        return Shardable.mergeLine(List.of("dsb", "probe-merge"), shardRuns);
    }

    private Shard part() {
        try {
            return Shard.option(shard);
        } catch (IllegalArgumentException e) {
            throw usage("--shard " + shard + ": " + e.getMessage());
        }
    }

    /** The checkpoints folder: {@code --checkpoints} itself or its {@code checkpoints/}. */
    private Path folder() {
        if (!Files.isDirectory(checkpoints)) {
            throw usage("--checkpoints " + checkpoints + ": no such directory");
        }
        Path inner = checkpoints.resolve(ProbedTraining.CHECKPOINTS);
        return Files.isRegularFile(inner.resolve(ModelRecord.FILE)) ? inner : checkpoints;
    }

    /** Where 'dsb train' saved its probe sets: {@code probe-sets/} next to the checkpoints folder. */
    private static Path savedSets(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        Path run = absolute.getFileName() != null && absolute.getFileName().toString().equals(ProbedTraining.CHECKPOINTS)
            ? absolute.getParent() : absolute;
        return run.resolve(SavedProbeSets.FOLDER);
    }

    /** The shape of the images the sets hold: the saved sets' when all are saved and the data is gone, else the data's. */
    private int[] shape(SavedProbeSets.Loaded saved) {
        boolean complete = saved.sets().size() == probeSets.sets.size();
        if (complete && !Files.exists(data.data)) {
            ProbeSet first = saved.sets().values().iterator().next();
            return new int[] {first.channels(), first.height(), first.width()};
        }
        if (!Files.exists(data.data) && !saved.problems().isEmpty()) {
            throw usage("--data " + data.data + ": no such file or directory to rebuild the probe sets from ("
                + String.join("; ", saved.problems()) + ")");
        }
        return data.shape(data.validation().images());
    }

    private ModelRecord record(Path folder) throws IOException {
        Path file = folder.resolve(ModelRecord.FILE);
        if (!Files.isRegularFile(file)) {
            throw usage("--checkpoints " + checkpoints + ": no " + ModelRecord.FILE + " (not the run or checkpoints folder of 'dsb train')");
        }
        ModelRecord record;
        try {
            record = ModelRecord.read(file);
        } catch (IOException e) {
            throw usage("--checkpoints " + e.getMessage());
        }
        if (!Architectures.known(record.model())) {
            throw usage("--checkpoints " + file + ": model '" + record.model() + "' is not installed (known: "
                + String.join(", ", Architectures.names()) + ")");
        }
        return record;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
