package io.timelapse.plugin.pythia.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.run.Progress;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.lib.tokens.megatron.MMapIndex;
import io.timelapse.lib.tokens.megatron.MMapIndexedDataset;
import io.timelapse.plugin.pythia.preshuffled.ShardedBin;
import io.timelapse.plugin.pythia.preshuffled.Unsharder;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code timelapse pythia unshard FIRST_SHARD [--out PREFIX]}: concatenates shards, verifies sizes, prints the sha256. */
@Command(name = "unshard", mixinStandardHelpOptions = true,
        description = {"Join a pre-shuffled shard set into one .bin beside a copy of its .idx, check the sizes and print the sha256.",
                "With --out PREFIX the files are PREFIX.bin and PREFIX.idx and run.json goes to the default run directory; without --out"
                        + " all three go to the run directory, named after the shard set."})
final class UnshardCommand implements PluginCommand {

    private final RunService runs;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "FIRST_SHARD",
            description = "The first shard, NAME-00000-of-000NN.bin; the other shards and NAME.idx lie beside it.")
    Path firstShard;

    @Inject
    UnshardCommand(RunService runs) {
        this.runs = runs;
    }

    @Override
    public Integer call() throws Exception {
        if (!ShardedBin.isFirstShard(firstShard)) {
            throw new ParameterException(spec.commandLine(), "FIRST_SHARD " + firstShard + ": not the first shard of a set"
                    + " (NAME-00000-of-000NN.bin)");
        }
        Path outPrefix = outPrefix();
        List<Path> shards = ShardedBin.shardFiles(firstShard);
        Path idx = MMapIndexedDataset.idxPath(ShardedBin.prefixOfShard(firstShard));
        MMapIndex.open(idx);
        try (Run run = outPrefix != null ? runs.startInDefaultDirectory(spec, common) : runs.start(spec, common)) {
            Path prefix = outPrefix != null ? outPrefix : run.output(ShardedBin.prefixOfShard(firstShard).getFileName().toString());
            run.input(idx);
            long bytes = 0;
            for (Path shard : shards) {
                run.input(shard);
                bytes += Files.size(shard);
            }
            Unsharder.Result result;
            try (Progress progress = run.progress("unshard", bytes)) {
                result = Unsharder.unshard(firstShard, prefix, progress::advance);
            }
            run.result("bin", result.bin().toString());
            run.result("idx", result.idx().toString());
            run.result("bytes", result.bytes());
            run.result("shards", result.shards());
            run.result("sha256", result.sha256());
            run.succeeded();
            spec.commandLine().getOut().println(result.sha256() + "  " + result.bin());
        }
        return ExitCode.OK;
    }

    /** The prefix {@code --out} names ({@code PREFIX}, {@code PREFIX.bin} or {@code PREFIX.idx}), or null without {@code --out}. */
    private Path outPrefix() {
        Path out = common.out();
        if (out == null) {
            return null;
        }
        if (Files.isDirectory(out)) {
            throw new ParameterException(spec.commandLine(), "--out " + out + ": is a directory; unshard's --out is the prefix of the"
                    + " merged files (PREFIX.bin, PREFIX.idx)");
        }
        return MMapIndexedDataset.prefixOf(out);
    }
}
