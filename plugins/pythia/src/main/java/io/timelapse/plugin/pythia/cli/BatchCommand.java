package io.timelapse.plugin.pythia.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.lib.bytes.LargeByteBuffer;
import io.timelapse.lib.npy.Npy;
import io.timelapse.lib.npy.NpyArray;
import io.timelapse.plugin.pythia.preshuffled.PreshuffledDataset;
import jakarta.inject.Inject;
import java.nio.ByteOrder;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code timelapse pythia batch --preshuffled PATH --step S [--end-step E] [--batch-size 1024] [--out FILE.npy|DIR]}. */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = {"Write the rows that steps --step to --end-step trained on, read from pre-shuffled data, as batch_viewer.py does.",
                "The rows keep the file's dtype in an array of [rows, row length]. With --out FILE.npy they go to FILE.npy and run.json to"
                        + " the default run directory; with --out DIR, or without --out, both go to the run directory (batch.npy)."})
final class BatchCommand implements PluginCommand {

    /** The largest Java array, which holds the rows written. */
    private static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private final RunService runs;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--preshuffled", required = true, paramLabel = "PATH",
            description = "The pre-shuffled data: an unsharded prefix, its .idx or .bin, or the first shard of a shard set.")
    Path preshuffled;

    @Option(names = "--step", required = true, paramLabel = "STEP", description = "The first training step whose rows are written.")
    long step;

    @Option(names = "--end-step", paramLabel = "STEP", description = "The last step written, inclusive (default: --step).")
    Long endStep;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "1024",
            description = "Rows per step, the run's global batch size (default: ${DEFAULT-VALUE}, Pythia's).")
    int batchSize;

    @Inject
    BatchCommand(RunService runs) {
        this.runs = runs;
    }

    @Override
    public Integer call() throws Exception {
        long last = endStep == null ? step : endStep;
        if (step < 0) {
            throw new ParameterException(spec.commandLine(), "--step " + step + ": must be at least 0");
        }
        if (last < step) {
            throw new ParameterException(spec.commandLine(), "--end-step " + last + ": must be at least --step " + step);
        }
        if (batchSize < 1) {
            throw new ParameterException(spec.commandLine(), "--batch-size " + batchSize + ": must be at least 1");
        }
        PreshuffledDataset data = PreshuffledDataset.open(preshuffled);
        PreshuffledDataset.RowRange range = rows(data, last);
        OutputFiles output = OutputFiles.of(common, "batch.npy");
        try (Run run = output.start(runs, spec, common)) {
            Path file = output.file(run);
            run.input(data.index().file());
            for (Path shard : data.bin().files()) {
                run.input(shard);
            }
            byte[] rows = data.readRowsRaw(range.first(), Math.toIntExact(range.count()));
            NpyArray array = new NpyArray(data.type().dtype(), new long[] {range.count(), data.rowLength()}, false,
                    LargeByteBuffer.wrap(rows, ByteOrder.LITTLE_ENDIAN));
            Npy.write(file, array);
            run.result("batch", file.toString());
            run.result("rows", range.first() + ".." + (range.first() + range.count() - 1));
            run.succeeded();
            spec.commandLine().getOut().println("rows [" + range.first() + ", " + (range.first() + range.count()) + ") written to " + file);
        }
        return ExitCode.OK;
    }

    /** The rows of steps [--step, last], or a usage error when the data does not hold them or they are too many for one array. */
    private PreshuffledDataset.RowRange rows(PreshuffledDataset data, long last) {
        long steps = data.rowCount() / batchSize;
        if (last >= steps) {
            String option = endStep == null ? "--step " : "--end-step ";
            String held = steps == 0 ? "fewer than one step" : "steps 0 to " + (steps - 1);
            throw new ParameterException(spec.commandLine(), option + last + ": " + preshuffled + " holds " + data.rowCount() + " rows, "
                    + held + " of --batch-size " + batchSize);
        }
        if ((last - step + 1) * batchSize * data.rowLength() * data.type().size() > MAX_BYTES) {
            throw new ParameterException(spec.commandLine(), "--step " + step + " --end-step " + last + ": " + (last - step + 1)
                    + " steps of " + batchSize + " rows are more than one array holds (2 GiB); write fewer steps at a time");
        }
        return data.stepRows(step, last, batchSize);
    }
}
