package io.timelapse.platform.benchmarks;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.lib.bench.LoadAverage;
import io.timelapse.lib.bench.Machine;
import io.timelapse.lib.bench.Table;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code timelapse bench all}: every other command of the bench group, the platform's and the installed plugins',
 * with its default options and {@code --out <run>/<name>}, then one table of their figures. From a distribution each
 * runs in a process of its own ({@link BenchmarkProcess}); elsewhere (tests) in this one. A benchmark that fails, or
 * whose reference could not be measured, is recorded with the reason and the others run.
 */
@Command(name = "all", mixinStandardHelpOptions = true,
        description = "Runs every installed benchmark of this group with its default options, one after another, and writes"
                + " one table of their figures (summary.csv, summary.md) with the machine, the load and the versions.")
public final class AllBenchmarks implements PluginCommand {

    private final RunService runs;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--only", split = ",", paramLabel = "NAME",
            description = "Runs only these benchmarks, comma-separated; by default every installed one.")
    List<String> only;

    @Option(names = "--skip", split = ",", paramLabel = "NAME", description = "Leaves out these benchmarks, comma-separated.")
    List<String> skip;

    @Inject
    public AllBenchmarks(RunService runs) {
        this.runs = runs;
    }

    @Override
    public Integer call() throws Exception {
        Map<String, CommandLine> installed = installed();
        List<String> chosen = chosen(installed);
        PrintWriter out = spec.commandLine().getOut();
        try (Run run = runs.start(spec, common)) {
            Machine machine = Machine.current();
            double loadBefore = LoadAverage.now();
            Instant start = Instant.now();
            Optional<BenchmarkProcess> processes = BenchmarkProcess.ofDistribution();
            List<BenchmarkOutcome> outcomes = new ArrayList<>();
            for (String name : chosen) {
                out.println("== bench " + name);
                out.flush();
                Path directory = run.directory().resolve(name);
                outcomes.add(processes.isPresent() ? runAlone(processes.get(), name, directory)
                        : runOne(name, installed.get(name), directory));
            }
            double loadAfter = LoadAverage.now();
            BenchmarkSummary summary = new BenchmarkSummary(outcomes);
            Map<String, String> facts = new LinkedHashMap<>();
            String device = summary.device();
            facts.put("machine", machine + (device != null ? "; device " + device : ""));
            facts.put("load average (one minute)", load(loadBefore) + " before, " + load(loadAfter) + " after");
            List<String> versions = new ArrayList<>();
            summary.versions().forEach((name, version) -> versions.add(name + " " + version));
            facts.put("versions", versions.isEmpty() ? "unknown" : String.join(", ", versions));
            facts.put("command", "`" + String.join(" ", commandLine()) + "`, started " + start + "; "
                    + (processes.isPresent() ? "each benchmark in a process of its own" : "every benchmark in this process"));
            String markdown = summary.markdown(facts);
            run.write("summary.csv", stream -> stream.write(summary.csv().getBytes(StandardCharsets.UTF_8)));
            run.write("summary.md", stream -> stream.write(markdown.getBytes(StandardCharsets.UTF_8)));
            List<String> failed = outcomes.stream().filter(outcome -> !outcome.succeeded()).map(BenchmarkOutcome::name).toList();
            run.result("machine", machine.toString());
            run.result("load_average_before", Double.isFinite(loadBefore) ? loadBefore : null);
            run.result("load_average_after", Double.isFinite(loadAfter) ? loadAfter : null);
            run.result("benchmarks", chosen);
            run.result("failed", failed);
            out.println();
            out.print(markdown);
            out.println();
            out.println(failed.isEmpty() ? "All " + chosen.size() + " benchmarks ran."
                    : failed.size() + " of " + chosen.size() + " benchmarks failed (" + String.join(", ", failed) + "); the table says why.");
            out.println("Table: " + run.output("summary.md") + " and " + run.output("summary.csv"));
            out.flush();
            run.succeeded();
        }
        return ExitCode.OK;
    }

    /** The other commands of this group, by name: the benchmarks installed now. */
    private Map<String, CommandLine> installed() {
        Map<String, CommandLine> installed = new TreeMap<>();
        CommandSpec group = spec.parent();
        if (group != null) {
            group.subcommands().forEach((name, command) -> {
                if (command.getCommandSpec().userObject() != spec.userObject() && name.equals(command.getCommandName())) {
                    installed.put(name, command);
                }
            });
        }
        return installed;
    }

    private List<String> chosen(Map<String, CommandLine> installed) {
        check("--only", only, installed);
        check("--skip", skip, installed);
        List<String> chosen = new ArrayList<>(installed.keySet());
        if (only != null) {
            chosen.retainAll(only.stream().map(String::strip).toList());
        }
        if (skip != null) {
            chosen.removeAll(skip.stream().map(String::strip).toList());
        }
        if (chosen.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no benchmark is left to run: the installed ones are "
                    + String.join(", ", installed.keySet()));
        }
        return chosen;
    }

    private void check(String option, List<String> names, Map<String, CommandLine> installed) {
        if (names == null) {
            return;
        }
        for (String name : names) {
            if (!installed.containsKey(name.strip())) {
                throw new ParameterException(spec.commandLine(), option + " " + String.join(",", names) + ": no benchmark '"
                        + name.strip() + "' is installed; the installed ones are " + String.join(", ", installed.keySet()));
            }
        }
    }

    /** Runs one benchmark as its own command line would, keeping the error line it prints as the reason it failed. */
    private BenchmarkOutcome runOne(String name, CommandLine command, Path directory) {
        PrintWriter err = command.getErr();
        StringWriter errors = new StringWriter();
        command.setErr(new PrintWriter(new Tee(err, errors), true));
        int exitCode;
        try {
            exitCode = command.execute(arguments(directory));
        } finally {
            command.setErr(err);
        }
        return BenchmarkOutcome.read(name, exitCode, directory, errorLine(errors.toString()));
    }

    /** Runs one benchmark in a process of its own, with this run's plugin folders. */
    private BenchmarkOutcome runAlone(BenchmarkProcess process, String name, Path directory) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(arguments(directory)));
        args.addAll(pluginFolders());
        StringBuilder errors = new StringBuilder();
        int exitCode = process.run(name, args, spec.commandLine().getErr(), errors);
        return BenchmarkOutcome.read(name, exitCode, directory, errorLine(errors.toString()));
    }

    /** The {@code --plugins DIR} options of this command line, so a benchmark of such a plugin is found again. */
    private List<String> pluginFolders() {
        List<String> words = spec.commandLine().getParseResult().originalArgs();
        List<String> folders = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals("--plugins") && i + 1 < words.size()) {
                folders.addAll(List.of(word, words.get(++i)));
            } else if (word.startsWith("--plugins=")) {
                folders.add(word);
            }
        }
        return folders;
    }

    /** {@code --out DIR}, and the user's {@code --seed} and {@code --quiet}; every other option keeps its default. */
    private String[] arguments(Path directory) {
        List<String> args = new ArrayList<>(List.of("--out", directory.toString()));
        if (spec.commandLine().getParseResult().hasMatchedOption("--seed")) {
            args.addAll(List.of("--seed", Long.toString(common.seed())));
        }
        if (common.quiet()) {
            args.add("--quiet");
        }
        return args.toArray(String[]::new);
    }

    /** What the user typed: picocli keeps every word after the program's name as the original arguments. */
    private List<String> commandLine() {
        List<String> words = new ArrayList<>(List.of(spec.root().name()));
        words.addAll(spec.commandLine().getParseResult().originalArgs());
        return words;
    }

    private static String errorLine(String printed) {
        return printed.lines().filter(line -> line.startsWith("error: ")).map(line -> line.substring("error: ".length()))
                .findFirst().orElse(null);
    }

    private static String load(double load) {
        return Double.isFinite(load) ? Table.number(load) : "unknown";
    }

    /** Writes to two writers. */
    private static final class Tee extends Writer {

        private final Writer first;
        private final Writer second;

        Tee(Writer first, Writer second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(char[] buffer, int offset, int length) throws IOException {
            first.write(buffer, offset, length);
            second.write(buffer, offset, length);
        }

        @Override
        public void flush() throws IOException {
            first.flush();
            second.flush();
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
