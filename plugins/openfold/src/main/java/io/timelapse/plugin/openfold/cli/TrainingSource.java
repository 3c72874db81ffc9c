package io.timelapse.plugin.openfold.cli;

import io.timelapse.plugin.openfold.training.DatasetExamples;
import io.timelapse.plugin.openfold.training.ExampleSource;
import io.timelapse.plugin.openfold.training.TrainingExample;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where a run's examples come from, what it evaluates on (the chain's evaluation example, or validation chains), and
 * what of it belongs in the configuration hash, the run's inputs and results.
 */
record TrainingSource(ExampleSource examples, TrainingExample evaluation, DatasetExamples validation, Map<String, Object> settings,
        List<Path> inputs, Map<String, Object> results, List<String> warnings) {}
