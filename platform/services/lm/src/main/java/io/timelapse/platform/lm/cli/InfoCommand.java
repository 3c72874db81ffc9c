package io.timelapse.platform.lm.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.lm.LmConfig;
import io.timelapse.api.lm.WeightFile;
import io.timelapse.lib.safetensors.Safetensors;
import io.timelapse.lib.safetensors.TensorInfo;
import io.timelapse.lib.safetensors.TensorStore;
import io.timelapse.platform.lm.model.WeightHashes;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code timelapse lm info --model DIR}: the architecture, the weight files with their sha256, dtypes. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Describe a Hugging Face GPT-NeoX model directory: config, parameters, weight files and their sha256.")
final class InfoCommand implements Callable<Integer> {

    @ParentCommand
    LmCommand lm;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    ModelDirectory model = new ModelDirectory();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        LmConfig config = model.config(lm.models, new OptionChecks(spec));
        out.printf("model: %s%n", model.directory);
        out.printf("layers: %d, hidden: %d, heads: %d (head dim %d), intermediate: %d%n", config.numLayers(), config.hiddenSize(),
                config.numHeads(), config.headDim(), config.intermediateSize());
        out.printf("vocabulary: %d, max positions: %d%n", config.vocabSize(), config.maxPositions());
        out.printf("rotary: %s of each head (%d dims), base %s%n", number(config.rotaryPct()), (int) (config.headDim() * config.rotaryPct()),
                number(config.rotaryBase()));
        out.printf("residual: %s, layer norm eps: %.3g, tied embeddings: %s, eos id: %d%n",
                config.parallelResidual() ? "parallel" : "sequential", config.layerNormEps(), config.tieWordEmbeddings(), config.eosTokenId());
        out.printf("parameters (from config): %,d%n", config.parameterCount());
        try (TensorStore store = Safetensors.open(model.directory)) {
            Map<String, Long> elementsByDtype = new TreeMap<>();
            for (String name : store.names()) {
                TensorInfo info = store.info(name);
                long elements = 1;
                for (long dim : info.shape()) {
                    elements *= dim;
                }
                elementsByDtype.merge(info.dtype().code(), elements, Long::sum);
            }
            out.printf("tensors: %d, elements by dtype: %s%n", store.names().size(), elementsByDtype);
            for (WeightFile file : WeightHashes.hash(store)) {
                out.printf("weights: %s %,d bytes sha256 %s%n", file.path().getFileName(), file.bytes(), file.sha256());
            }
        }
        WeightHashes.stepOf(model.directory).ifPresent(step -> out.printf("training step (from the directory name): %d%n", step));
        out.flush();
        return ExitCode.OK;
    }

    /** 0.25, 10000 (not 10000.0). */
    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
