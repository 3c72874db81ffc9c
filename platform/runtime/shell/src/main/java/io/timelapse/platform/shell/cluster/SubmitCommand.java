package io.timelapse.platform.shell.cluster;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code timelapse cluster submit --array N [Slurm options] -- COMMAND...}: one shard of COMMAND per task of a Slurm array. */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Submit a shardable command as a Slurm array job of N tasks, task i running shard i/N.",
                "Writes the batch script (job.sbatch, readable and editable) into the run directory, gives each shard its own run"
                        + " directory under shards/ and Slurm's output under logs/, and records the job id in run.json."
                        + " Put the command after --, as in: timelapse cluster submit --array 8 -- memorization score --model DIR --data FILE."},
        footer = {"", "Then: 'timelapse cluster status DIR', 'timelapse cluster resubmit DIR' for the shards that did not finish,"
                + " and 'timelapse cluster merge DIR'."})
final class SubmitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    SlurmResources resources;

    @Option(names = "--array", required = true, paramLabel = "N", description = "Number of shards, one Slurm array task each.")
    int shards;

    @Option(names = "--max-running", paramLabel = "K", description = "Run at most K tasks at a time (sbatch --array=0-(N-1)%%K; default: no limit).")
    Integer maxRunning;

    @Option(names = "--job-name", paramLabel = "NAME", description = "Slurm job name (default: the command's name, such as memorization-score).")
    String jobName;

    @Option(names = "--prologue", paramLabel = "FILE",
            description = "Shell lines put verbatim into the script before the command runs: environment modules, a container, a virtual environment.")
    Path prologue;

    @Option(names = "--dry-run", description = "Write the batch script and the job directory, but do not submit; 'cluster resubmit DIR' submits it later.")
    boolean dryRun;

    @Option(names = "--launcher", paramLabel = "FILE",
            description = "The timelapse launcher each task runs (default: the bin/timelapse of this installation).")
    Path launcher;

    @Parameters(paramLabel = "COMMAND", arity = "0..*",
            description = "The command to shard and its options, after --; leave out its --out and --shard, which each task gets.")
    List<String> command = new ArrayList<>();

    private final Commands commands;
    private final Supplier<RunService> runs;
    private final Slurm slurm;

    SubmitCommand(Commands commands, Supplier<RunService> runs, Slurm slurm) {
        this.commands = commands;
        this.runs = runs;
        this.slurm = slurm;
    }

    @Override
    public Integer call() throws IOException {
        if (shards < 1) {
            throw new ParameterException(spec.commandLine(), "--array " + shards + ": must be ≥ 1");
        }
        if (maxRunning != null && maxRunning < 1) {
            throw new ParameterException(spec.commandLine(), "--max-running " + maxRunning + ": must be ≥ 1");
        }
        resources.check(spec);
        if (resources.cpusPerTask == null) {
            resources.cpusPerTask = 1;
        }
        ShardedCommand sharded = ShardedCommand.parse(commands, command, spec.commandLine(), "COMMAND");
        String prologueText = readPrologue();
        List<String> launcherLine = launcherLine();
        if (!dryRun && !slurm.has("sbatch")) {
            throw new IOException("sbatch: not found on the PATH; run this on a Slurm login node, or use --dry-run to write the batch script only");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Run run = runs.get().start(spec, common)) {
            Path directory = run.directory().toAbsolutePath().normalize();
            ClusterJob job = ClusterJob.create(directory, command, shards);
            BatchScript script = new BatchScript(jobName != null ? jobName : sharded.name().replace(' ', '-'), shards, maxRunning, resources,
                    prologueText, Path.of("").toAbsolutePath(), directory, launcherLine, command, sharded.shardable().shardOption());
            run.write(ClusterJob.SCRIPT, stream -> stream.write(script.text().getBytes(StandardCharsets.UTF_8)));
            run.result("command", String.join(" ", command));
            run.result("shards", shards);
            run.result("script", job.script().toString());
            if (dryRun) {
                run.result("job_id", null);
                out.println("wrote " + job.script() + " for " + shards + " shards of '" + sharded.name() + "' (not submitted: --dry-run);"
                        + " submit it with: timelapse cluster resubmit " + directory);
            } else {
                String id = slurm.submit(job.script(), List.of());
                job.recordSubmission(new ClusterJob.Submission(id, script.array(), Instant.now().toString(), "submit"));
                run.result("job_id", id);
                out.println("submitted Slurm job " + id + ": " + shards + " shards of '" + sharded.name() + "' → " + directory);
            }
            run.succeeded();
        }
        return ExitCode.OK;
    }

    private String readPrologue() throws IOException {
        if (prologue == null) {
            return null;
        }
        if (!Files.isRegularFile(prologue)) {
            throw new ParameterException(spec.commandLine(), "--prologue " + prologue + ": "
                    + (Files.exists(prologue) ? "not a file" : "no such file"));
        }
        return Files.readString(prologue, StandardCharsets.UTF_8);
    }

    /** The launcher and the root options the tasks need too ({@code --plugins}). */
    private List<String> launcherLine() {
        Path file = launcher;
        if (file == null) {
            String home = System.getProperty("timelapse.home");
            if (home == null) {
                throw new ParameterException(spec.commandLine(), "--launcher: needed, as this process was not started by bin/timelapse");
            }
            file = Path.of(home, "bin", "timelapse");
        }
        if (!Files.isExecutable(file)) {
            throw new ParameterException(spec.commandLine(), "--launcher " + file + ": not an executable file");
        }
        List<String> line = new ArrayList<>(List.of(file.toAbsolutePath().normalize().toString()));
        for (CommandSpec current = spec; current != null; current = current.parent()) {
            if (current.commandLine().getParseResult() != null && current.findOption("--plugins") != null) {
                List<Path> directories = current.commandLine().getParseResult().matchedOptionValue("--plugins", List.of());
                for (Path directory : directories) {
                    line.add("--plugins");
                    line.add(directory.toAbsolutePath().normalize().toString());
                }
            }
        }
        return line;
    }
}
