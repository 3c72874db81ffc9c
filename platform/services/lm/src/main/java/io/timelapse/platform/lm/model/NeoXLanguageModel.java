package io.timelapse.platform.lm.model;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Initializer;
import io.timelapse.api.compute.Operation;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;
import io.timelapse.api.lm.Generation;
import io.timelapse.api.lm.LanguageModel;
import io.timelapse.api.lm.LmConfig;
import io.timelapse.api.lm.WeightFile;
import io.timelapse.lib.nn.LoadReport;
import io.timelapse.lib.nn.StateDict;
import io.timelapse.lib.safetensors.SafetensorsWriter;
import io.timelapse.lib.safetensors.TensorDType;
import io.timelapse.lib.safetensors.TensorStore;
import io.timelapse.platform.lm.config.ModelFormatException;
import io.timelapse.platform.lm.config.NeoXConfigFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** A GPT-NeoX model whose weights live in one compute session, with graphs cached per batch size. */
public final class NeoXLanguageModel implements LanguageModel {

    /** Buffers old checkpoints carry that are no parameters: causal masks and rotary frequencies. */
    private static final Pattern LEGACY_BUFFER = Pattern.compile(".*\\.attention\\.(bias|masked_bias|rotary_emb\\.inv_freq)$");

    private final LmConfig config;
    private final DType dtype;
    private final Path source;
    private final List<WeightFile> weightFiles;
    private final List<String> warnings = new ArrayList<>();
    private final Graph graph;
    private final GptNeoX model;
    private final Session session;
    private final Map<Integer, BatchPrograms> programs = new HashMap<>();
    private final Map<List<Integer>, CachedDecoder> decoders = new HashMap<>();
    private Variable unembedT;
    private TransposedProjections projectionsT;

    NeoXLanguageModel(ComputeService compute, LmConfig config, DType dtype, Path source, List<WeightFile> weightFiles, long seed) {
        this.config = config;
        this.dtype = dtype;
        this.source = source;
        this.weightFiles = List.copyOf(weightFiles);
        this.graph = compute.newGraph(seed);
        boolean built = false;
        try {
            this.model = new GptNeoX(graph.ops(), config, dtype);
            this.session = graph.newSession();
            built = true;
        } finally {
            if (!built) {
                graph.close();
            }
        }
    }

    /** A model with GPT-NeoX's initialization: N(0, 0.02) weights and embeddings, zero biases, unit layer-norm gains. */
    static NeoXLanguageModel initialized(ComputeService compute, LmConfig config, long seed) {
        NeoXLanguageModel created = new NeoXLanguageModel(compute, config, DType.F32, null, List.of(), seed);
        created.initializeWeights();
        return created;
    }

    /** Initializes every variable of the graph, then draws the parameters as GPT-NeoX does. */
    void initializeWeights() {
        session.initialize();
        session.run(Map.of(), List.of(), List.of(initialization())).close();
    }

    /** One operation drawing the parameters as GPT-NeoX does: N(0, 0.02) weights and embeddings, zero biases, unit layer-norm gains. */
    Operation initialization() {
        Ops ops = graph.ops().scope("init");
        List<Operation> assignments = new ArrayList<>();
        long salt = 1;
        for (Map.Entry<String, Variable> entry : model.parameters().entrySet()) {
            Variable variable = entry.getValue();
            String name = entry.getKey();
            Tensor value;
            if (name.endsWith(".bias")) {
                value = ops.zeros(variable.shape(), variable.dtype());
            } else if (name.contains("layernorm") || name.contains("layer_norm")) {
                value = ops.ones(variable.shape(), variable.dtype());
            } else {
                value = ops.randomNormal(variable.shape(), variable.dtype(), 0, 0.02, salt++);
            }
            assignments.add(ops.assign(variable, value));
        }
        return ops.group(assignments);
    }

    /** Loads every parameter from {@code store}; legacy buffers are skipped, anything else missing or extra is an error. */
    void load(TensorStore store) throws IOException {
        session.initialize();
        LoadReport report = StateDict.load(session, model.state(), store, true);
        List<String> unexpected = report.unexpected().stream().filter(name -> !LEGACY_BUFFER.matcher(name).matches()).toList();
        if (!report.missing().isEmpty() || !report.mismatched().isEmpty() || !unexpected.isEmpty()) {
            StringBuilder problems = new StringBuilder("the weights do not fit the GPT-NeoX model of config.json");
            if (!report.missing().isEmpty()) {
                problems.append("; missing: ").append(report.missing());
            }
            if (!report.mismatched().isEmpty()) {
                problems.append("; wrong shape or dtype: ").append(report.mismatched());
            }
            if (!unexpected.isEmpty()) {
                problems.append("; tensors the model has no parameter for: ").append(unexpected);
            }
            throw new ModelFormatException(store.source(), problems.toString());
        }
    }

    void warn(String warning) {
        warnings.add(warning);
    }

    @Override
    public LmConfig config() {
        return config;
    }

    @Override
    public Path source() {
        return source;
    }

    @Override
    public List<WeightFile> weightFiles() {
        return weightFiles;
    }

    @Override
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** The dtype the weights are held and computed in. */
    public DType dtype() {
        return dtype;
    }

    @Override
    public HostTensor logits(HostTensor tokens) {
        HostTensor ids = checkedIds(tokens, "tokens");
        BatchPrograms p = programs(ids);
        return fetchOne(Map.of(p.ids, ids), p.logits);
    }

    @Override
    public HostTensor hiddenStates(HostTensor tokens) {
        HostTensor ids = checkedIds(tokens, "tokens");
        BatchPrograms p = programs(ids);
        return fetchOne(Map.of(p.ids, ids), p.hiddenStates);
    }

    @Override
    public HostTensor tokenLoss(HostTensor tokens) {
        HostTensor ids = checkedIds(tokens, "tokens");
        if (ids.shape().dim(1) < 2) {
            throw new IllegalArgumentException("a token loss needs sequences of at least 2 tokens, got " + ids.shape());
        }
        BatchPrograms p = programs(ids);
        return fetchOne(Map.of(p.ids, ids), p.tokenLoss);
    }

    @Override
    public HostTensor teacherForcedArgmax(HostTensor tokens, int prefixLength, int... bannedTokens) {
        HostTensor ids = checkedIds(tokens, "tokens");
        int length = Math.toIntExact(ids.shape().dim(1));
        if (prefixLength < 1 || prefixLength >= length) {
            throw new IllegalArgumentException("prefix length must be in [1, " + (length - 1) + "] for sequences of " + length + " tokens, got " + prefixLength);
        }
        int[] positions = new int[length - prefixLength];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = prefixLength - 1 + i;
        }
        BatchPrograms p = programs(ids);
        return fetchOne(Map.of(p.ids, ids, p.positions, HostTensor.of(positions, positions.length), p.banMask, banMask(bannedTokens)), p.pickedArgmax);
    }

    @Override
    public HostTensor generate(HostTensor prefixes, Generation generation) {
        HostTensor ids = checkedIds(prefixes, "prefixes");
        int batch = Math.toIntExact(ids.shape().dim(0));
        int prefixLength = Math.toIntExact(ids.shape().dim(1));
        int newTokens = generation.newTokens();
        BatchPrograms p = programs(ids);
        HostTensor mask = banMask(generation.bannedTokens());
        int[] generated = new int[batch * newTokens];
        if (generation.useCache() && newTokens == 1) {
            try (Outputs out = session.run(Map.of(p.ids, ids, p.positions, HostTensor.of(new int[] {prefixLength - 1}, 1), p.banMask, mask),
                    List.of(p.pickedArgmax))) {
                System.arraycopy(out.get(0).toInts(), 0, generated, 0, batch);
            }
        } else if (generation.useCache()) {
            decoders.computeIfAbsent(List.of(batch, prefixLength, newTokens),
                    key -> new CachedDecoder(graph.ops(), model, transposedUnembedding(), transposedProjections(), dtype, batch, prefixLength, newTokens))
                    .decode(session, ids, mask, generated);
        } else {
            int[] current = ids.toInts();
            for (int t = 0; t < newTokens; t++) {
                int length = prefixLength + t;
                Map<Tensor, HostTensor> feeds = Map.of(p.ids, HostTensor.of(current, batch, length),
                        p.positions, HostTensor.of(new int[] {length - 1}, 1), p.banMask, mask);
                int[] next;
                try (Outputs out = session.run(feeds, List.of(p.pickedArgmax))) {
                    next = out.get(0).toInts();
                }
                int[] longer = new int[batch * (length + 1)];
                for (int b = 0; b < batch; b++) {
                    System.arraycopy(current, b * length, longer, b * (length + 1), length);
                    longer[b * (length + 1) + length] = next[b];
                    generated[b * newTokens + t] = next[b];
                }
                current = longer;
            }
        }
        return HostTensor.of(generated, batch, newTokens);
    }

    @Override
    public void save(Path directory) throws IOException {
        Files.createDirectories(directory);
        SafetensorsWriter writer = new SafetensorsWriter().metadata("format", "pt");
        for (Map.Entry<String, HostTensor> entry : StateDict.read(session, model.state()).entrySet()) {
            HostTensor value = entry.getValue();
            HostTensor f32 = value.dtype() == DType.F32 ? value : HostTensor.of(value.toFloats(), value.shape().dims());
            writer.add(entry.getKey(), TensorDType.F32, f32.shape().dims(), f32.buffer());
        }
        writer.write(directory.resolve("model.safetensors"));
        NeoXConfigFile.write(config, directory.resolve(NeoXConfigFile.FILE_NAME));
    }

    /** The variables of the model by Hugging Face name, for training. */
    Map<String, Variable> parameters() {
        return new LinkedHashMap<>(model.parameters());
    }

    GptNeoX module() {
        return model;
    }

    Graph graph() {
        return graph;
    }

    Session session() {
        return session;
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }

    /**
     * The unembedding as {@code [hidden, vocab]}, copied once into the session: multiplying few rows
     * by the {@code [vocab, hidden]} weight with a transposed operand costs the GEMM a repacking of
     * the whole matrix every call, about a third of a decoding step's time.
     */
    private Variable transposedUnembedding() {
        if (unembedT == null) {
            Ops ops = graph.ops().scope("inference");
            Variable copy = ops.stateVariable("unembedding_t", dtype, Shape.of(config.hiddenSize(), config.vocabSize()), Initializer.zeros());
            session.run(Map.of(), List.of(), List.of(ops.assign(copy, ops.transpose(model.unembedding(), 1, 0)))).close();
            unembedT = copy;
        }
        return unembedT;
    }

    private TransposedProjections transposedProjections() {
        if (projectionsT == null) {
            projectionsT = new TransposedProjections(graph.ops().scope("inference"), session, model.projections());
        }
        return projectionsT;
    }

    private BatchPrograms programs(HostTensor ids) {
        int batch = Math.toIntExact(ids.shape().dim(0));
        return programs.computeIfAbsent(batch, b -> new BatchPrograms(graph.ops(), model, transposedUnembedding(), dtype, b));
    }

    /** The fetched value, handed over to the caller, who closes it: it may be a view of native memory. */
    private HostTensor fetchOne(Map<Tensor, HostTensor> feeds, Tensor fetch) {
        return session.run(feeds, List.of(fetch)).get(0);
    }

    private HostTensor banMask(int[] bannedTokens) {
        float[] mask = new float[config.vocabSize()];
        for (int token : bannedTokens) {
            if (token < 0 || token >= mask.length) {
                throw new IllegalArgumentException("banned token " + token + " is outside the vocabulary [0, " + mask.length + ")");
            }
            mask[token] = Float.NEGATIVE_INFINITY;
        }
        return HostTensor.of(mask, mask.length);
    }

    /** {@code tokens} as I32 {@code [B, T]} with every id inside the vocabulary. */
    private HostTensor checkedIds(HostTensor tokens, String what) {
        Shape shape = tokens.shape();
        if (shape.rank() != 2 || shape.dim(0) == 0 || shape.dim(1) == 0) {
            throw new IllegalArgumentException(what + " must be a non-empty [batch, length] tensor of token ids, got " + tokens);
        }
        if (!tokens.dtype().isInteger()) {
            throw new IllegalArgumentException(what + " must hold integer token ids, got " + tokens.dtype());
        }
        int[] values = tokens.toInts();
        long length = shape.dim(1);
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0 || values[i] >= config.vocabSize()) {
                throw new IllegalArgumentException(what + ": token id " + values[i] + " at [" + i / length + ", " + i % length
                        + "] is outside the vocabulary [0, " + config.vocabSize() + ")");
            }
        }
        return tokens.dtype() == DType.I32 ? tokens : HostTensor.of(values, shape.dims());
    }

    @Override
    public String toString() {
        return "GPT-NeoX " + config + " in " + dtype + (source == null ? "" : " from " + source);
    }
}
