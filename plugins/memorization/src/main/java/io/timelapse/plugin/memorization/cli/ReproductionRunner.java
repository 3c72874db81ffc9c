package io.timelapse.plugin.memorization.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.lm.LanguageModels;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.lib.tokenizer.GptNeoXTokenizer;
import io.timelapse.plugin.memorization.reproduce.Reproduction;
import io.timelapse.plugin.memorization.reproduce.ReproductionConfig;
import io.timelapse.plugin.memorization.reproduce.TrainingRows;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** What {@code reproduce} and {@code demo} share: build the rows, then run the study in a run directory. */
final class ReproductionRunner {

    private final RunService runs;
    private final LanguageModels models;
    private final ComputeService compute;

    ReproductionRunner(RunService runs, LanguageModels models, ComputeService compute) {
        this.runs = runs;
        this.models = models;
        this.compute = compute;
    }

    /**
     * @param corpusFiles the files the documents were read from, recorded as inputs (none for the embedded corpus)
     * @param corpusOption the option that gave the documents, named when they are too few; {@code null} for the embedded corpus
     */
    int run(CommandSpec spec, CommonOptions common, ReproductionConfig config, List<String> documents, List<Path> corpusFiles,
            String corpusOption) throws IOException {
        TrainingRows rows;
        try {
            rows = Reproduction.rows(config, documents, GptNeoXTokenizer.load());
        } catch (IllegalArgumentException e) {
            String what = corpusOption != null ? corpusOption : "the embedded corpus";
            throw new ParameterException(spec.commandLine(), what + ": " + e.getMessage() + "; give more documents (--documents) or a larger corpus", e);
        }
        String corpus = corpusOption != null ? corpusOption : "the embedded corpus";
        return run(spec, common, config, rows, Reproduction.documentsOf(rows, config, corpus), corpusFiles,
                corpusFiles.isEmpty() ? "embedded" : corpusOption);
    }

    /**
     * Runs the study on rows already built.
     *
     * @param source where the rows came from, for the report
     * @param inputs files recorded as the run's inputs
     * @param corpus the run's {@code corpus} result
     */
    int run(CommandSpec spec, CommonOptions common, ReproductionConfig config, TrainingRows rows, String source, List<Path> inputs,
            String corpus) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try (Run run = runs.resume(spec, common)) {
            if (run.complete()) {
                out.print(Files.readString(run.directory().resolve("summary.md")));
                out.println(run.directory() + " is complete; nothing to do");
                return ExitCode.OK;
            }
            run.seed(config.seed());
            run.device(compute.device().summary());
            run.versions(compute.versions());
            for (Path file : inputs) {
                run.input(file);
            }
            run.result("corpus", corpus);
            Reproduction.Outcome outcome = new Reproduction(models, config, run.directory(), out, run::progress).run(rows, source);
            for (var p : outcome.bySize().predictions()) {
                run.result("by_size." + p.predictor().label() + ".precision", p.confusion().precision());
                run.result("by_size." + p.predictor().label() + ".recall", p.confusion().recall());
            }
            for (var p : outcome.byTime().predictions()) {
                run.result("by_time." + p.predictor().label() + ".precision", p.confusion().precision());
                run.result("by_time." + p.predictor().label() + ".recall", p.confusion().recall());
            }
            run.succeeded();
            out.println();
            out.print(outcome.summary());
            out.println("report → " + run.directory().resolve("summary.md"));
        }
        return ExitCode.OK;
    }
}
