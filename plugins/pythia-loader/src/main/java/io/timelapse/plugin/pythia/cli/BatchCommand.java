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
import picocli.CommandLine.Spec;

/** {@code timelapse pythia batch --preshuffled PATH --step S [--end-step E] [--batch-size 1024] --out FILE.npy}. */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = "Write the rows of steps [step, end-step] (inclusive, as batch_viewer.py) in the file's dtype.")
final class BatchCommand implements PluginCommand {

    private final RunService runs;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--preshuffled", required = true, paramLabel = "PATH", description = "Unsharded prefix or the first shard.")
    Path preshuffled;

    @Option(names = "--step", required = true)
    long step;

    @Option(names = "--end-step", description = "Last step, inclusive (default: --step).")
    Long endStep;

    @Option(names = "--batch-size", defaultValue = "1024", description = "Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Inject
    BatchCommand(RunService runs) {
        this.runs = runs;
    }

    @Override
    public Integer call() throws Exception {
        PreshuffledDataset data = PreshuffledDataset.open(preshuffled);
        long last = endStep == null ? step : endStep;
        PreshuffledDataset.RowRange range = data.stepRows(step, last, batchSize);
        Path target = OutputFiles.npyTarget(common, "batch.npy");
        try (Run run = OutputFiles.isFile(common) ? runs.startInDefaultDirectory(spec, common) : runs.start(spec, common)) {
            Path file = target != null ? target : run.output("batch.npy");
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
}
