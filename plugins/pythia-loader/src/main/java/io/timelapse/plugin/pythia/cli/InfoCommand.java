package io.timelapse.plugin.pythia.cli;

import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.plugin.pythia.mmap.MMapIndex;
import io.timelapse.plugin.pythia.mmap.MMapIndexedDataset;
import io.timelapse.plugin.pythia.preshuffled.PreshuffledDataset;
import io.timelapse.plugin.pythia.preshuffled.ShardedBin;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code timelapse pythia info PREFIX}: header, dtype, counts, token total and validation result. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Describe and validate a Megatron .idx/.bin dataset or shard set.")
final class InfoCommand implements PluginCommand {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PREFIX", description = "Data prefix, its .idx or .bin, or the first shard of a pre-shuffled set.")
    Path path;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        boolean sharded = ShardedBin.isShard(path);
        Path prefix = sharded ? ShardedBin.prefixOfShard(path) : MMapIndexedDataset.prefixOf(path);
        MMapIndex index;
        try {
            index = MMapIndex.open(MMapIndexedDataset.idxPath(prefix));
        } catch (IOException e) {
            out.println("valid: no");
            spec.commandLine().getErr().println(e.getMessage());
            return ExitCode.FAILURE;
        }
        out.println("index: " + index.file());
        out.println("magic: MMIDIDX, version 1");
        out.println("dtype: " + index.type().name().toLowerCase() + " (code " + index.type().code() + ")");
        out.println("items: " + index.itemCount());
        out.println("doc_idx entries: " + index.docCount());
        out.println("tokens: " + index.tokenCount());
        out.println("bin bytes expected: " + index.binBytes());
        try {
            if (sharded) {
                ShardedBin bin = ShardedBin.open(path);
                out.println("shards: " + bin.shardCount() + " of " + bin.shardSize() + " bytes (the last may be shorter), " + bin.size()
                        + " bytes in all");
                PreshuffledDataset data = PreshuffledDataset.open(path);
                out.println("rows: " + data.rowCount() + " of " + data.rowLength() + " tokens");
            } else {
                MMapIndexedDataset.open(prefix);
                out.println("bin: " + MMapIndexedDataset.binPath(prefix));
            }
        } catch (IOException e) {
            out.println("valid: no");
            spec.commandLine().getErr().println(e.getMessage());
            return ExitCode.FAILURE;
        }
        out.println("valid: yes");
        return ExitCode.OK;
    }
}
