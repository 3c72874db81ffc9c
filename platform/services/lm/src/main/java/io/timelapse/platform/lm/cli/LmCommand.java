package io.timelapse.platform.lm.cli;

import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.data.TrainingDataProvider;
import io.timelapse.api.lm.LanguageModels;
import io.timelapse.api.run.RunService;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code timelapse lm <command>}: GPT-NeoX (Pythia) language models. */
@Command(name = "lm", mixinStandardHelpOptions = true,
        subcommands = {InfoCommand.class, LogitsCommand.class, GenerateCommand.class, CorpusCommand.class, TrainCommand.class},
        description = "GPT-NeoX (Pythia) language models: inspect, logits, greedy generation, training data from text, training.")
public final class LmCommand implements PluginCommand {

    final LanguageModels models;
    final ComputeService compute;
    final RunService runs;
    final TrainingDataProvider trainingData;

    @Spec
    CommandSpec spec;

    @Inject
    public LmCommand(LanguageModels models, ComputeService compute, RunService runs, TrainingDataProvider trainingData) {
        this.models = models;
        this.compute = compute;
        this.runs = runs;
        this.trainingData = trainingData;
    }

    @Override
    public Integer call() {
        // The shell refuses a group without a subcommand before it would get here.
        throw new ParameterException(spec.commandLine(), "Missing required subcommand: one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
