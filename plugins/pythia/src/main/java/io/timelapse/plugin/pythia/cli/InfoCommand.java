package io.timelapse.plugin.pythia.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.lib.files.AtomicFiles;
import io.timelapse.lib.tokens.megatron.MMapIndex;
import io.timelapse.lib.tokens.megatron.MMapIndexedDataset;
import io.timelapse.plugin.pythia.preshuffled.PreshuffledDataset;
import io.timelapse.plugin.pythia.preshuffled.ShardedBin;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code timelapse pythia info PREFIX [--out FILE.txt|DIR]}: header, dtype, counts, token total and validation result. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Describe and validate a Megatron .idx/.bin dataset or a pre-shuffled shard set.",
                "It prints the dtype, the item, document and token counts and whether the data files match the index, and exits with 1"
                        + " when they do not. With --out FILE.txt the description goes to FILE.txt and run.json, with the sha256 of every"
                        + " file, to the default run directory; with --out DIR both go to the run directory (info.txt)."})
final class InfoCommand implements PluginCommand {

    private final RunService runs;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "PREFIX", description = "The data prefix, its .idx or .bin, or the first shard of a pre-shuffled set.")
    Path path;

    @Inject
    InfoCommand(RunService runs) {
        this.runs = runs;
    }

    @Override
    public Integer call() throws IOException {
        boolean sharded = ShardedBin.isShard(path);
        Path prefix = sharded ? ShardedBin.prefixOfShard(path) : MMapIndexedDataset.prefixOf(path);
        Map<String, Object> facts = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>();
        try {
            MMapIndex index = MMapIndex.open(MMapIndexedDataset.idxPath(prefix));
            files.add(index.file());
            facts.put("index", index.file());
            facts.put("magic", "MMIDIDX, version 1");
            facts.put("dtype", index.type().name().toLowerCase() + " (code " + index.type().code() + ")");
            facts.put("items", index.itemCount());
            facts.put("doc_idx entries", index.docCount());
            facts.put("tokens", index.tokenCount());
            facts.put("bin bytes expected", index.binBytes());
            if (sharded) {
                ShardedBin bin = ShardedBin.open(path);
                files.addAll(bin.files());
                facts.put("shards", bin.shardCount() + " of " + bin.shardSize() + " bytes (the last may be shorter), " + bin.size()
                        + " bytes in all");
                PreshuffledDataset data = PreshuffledDataset.open(path);
                facts.put("rows", data.rowCount() + " of " + data.rowLength() + " tokens");
            } else {
                MMapIndexedDataset.open(prefix);
                files.add(MMapIndexedDataset.binPath(prefix));
                facts.put("bin", MMapIndexedDataset.binPath(prefix));
            }
        } catch (IOException e) {
            print(facts);
            spec.commandLine().getOut().println("valid: no");
            spec.commandLine().getErr().println(e.getMessage());
            return ExitCode.FAILURE;
        }
        facts.put("valid", "yes");
        String description = print(facts);
        if (common.out() != null) {
            record(description, facts, files);
        }
        return ExitCode.OK;
    }

    private String print(Map<String, Object> facts) {
        StringBuilder text = new StringBuilder();
        facts.forEach((key, value) -> text.append(key).append(": ").append(value).append('\n'));
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
        return text.toString();
    }

    /** The run that {@code --out} asks for: the description, and every file it describes as an input. */
    private void record(String description, Map<String, Object> facts, List<Path> files) throws IOException {
        OutputFiles output = OutputFiles.of(common, "info.txt");
        try (Run run = output.start(runs, spec, common)) {
            for (Path file : files) {
                run.input(file);
            }
            Path file = output.file(run);
            AtomicFiles.writeString(file, description);
            run.result("info", file.toString());
            for (String key : List.of("dtype", "items", "tokens", "shards", "rows")) {
                if (facts.containsKey(key)) {
                    run.result(key, facts.get(key));
                }
            }
            run.succeeded();
        }
    }
}
