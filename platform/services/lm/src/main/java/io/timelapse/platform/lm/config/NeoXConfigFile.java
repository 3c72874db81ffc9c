package io.timelapse.platform.lm.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.timelapse.api.lm.LmConfig;
import io.timelapse.lib.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Hugging Face's GPT-NeoX {@code config.json}, in the old spelling ({@code rotary_pct},
 * {@code rotary_emb_base}), the newer one ({@code partial_rotary_factor}, {@code rope_theta}) and
 * the newest ({@code rope_parameters}). Fields Hugging Face defaults are optional here too.
 */
public final class NeoXConfigFile {

    public static final String FILE_NAME = "config.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private NeoXConfigFile() {}

    public static LmConfig read(Path file) throws IOException {
        String source = file.toString();
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(source, "no such file; a GPT-NeoX model directory needs a Hugging Face " + FILE_NAME);
        } catch (JsonProcessingException e) {
            throw new ModelFormatException(source, "not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelFormatException(source, "expected a JSON object with the model's hyper-parameters");
        }
        return parse(root, source);
    }

    static LmConfig parse(JsonNode root, String source) throws ModelFormatException {
        Fields fields = new Fields(root, source);
        String modelType = fields.text("model_type", "gpt_neox");
        if (!modelType.equals("gpt_neox")) {
            throw new ModelFormatException(source, "field 'model_type' is '" + modelType + "', expected 'gpt_neox'");
        }
        String activation = fields.text("hidden_act", "gelu");
        if (!activation.equals("gelu")) {
            throw new ModelFormatException(source, "field 'hidden_act' is '" + activation + "'; only the exact GELU ('gelu') of Pythia is supported");
        }
        JsonNode rope = root.get("rope_parameters");
        Fields ropeFields = rope != null && rope.isObject() ? new Fields(rope, source + " (rope_parameters)") : null;
        double rotaryPct = fields.oneOf(ropeFields, 0.25, "rotary_pct", "partial_rotary_factor");
        double rotaryBase = fields.oneOf(ropeFields, 10000, "rotary_emb_base", "rope_theta");
        if (rotaryPct < 0 || rotaryPct > 1) {
            throw new ModelFormatException(source, "field 'rotary_pct' must be in [0, 1], got " + rotaryPct);
        }
        if (rotaryBase <= 0) {
            throw new ModelFormatException(source, "field 'rotary_emb_base' must be positive, got " + rotaryBase);
        }
        int hidden = fields.positiveInt("hidden_size", null);
        int heads = fields.positiveInt("num_attention_heads", null);
        if (hidden % heads != 0) {
            throw new ModelFormatException(source, "field 'hidden_size' (" + hidden + ") is not a multiple of 'num_attention_heads' (" + heads + ")");
        }
        try {
            return new LmConfig(fields.positiveInt("num_hidden_layers", null), hidden, heads,
                    fields.positiveInt("intermediate_size", 4 * hidden), fields.positiveInt("vocab_size", null),
                    fields.positiveInt("max_position_embeddings", 2048), rotaryPct, rotaryBase,
                    fields.bool("use_parallel_residual", true), fields.number("layer_norm_eps", 1e-5),
                    fields.bool("tie_word_embeddings", false), fields.tokenId("eos_token_id", 0));
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(source, e.getMessage(), e);
        }
    }

    /** Writes {@code config} with both spellings of the rotary fields, so old and new readers agree. */
    public static void write(LmConfig config, Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.putArray("architectures").add("GPTNeoXForCausalLM");
        root.put("model_type", "gpt_neox");
        root.put("bos_token_id", config.eosTokenId());
        root.put("eos_token_id", config.eosTokenId());
        root.put("hidden_act", "gelu");
        root.put("hidden_size", config.hiddenSize());
        root.put("initializer_range", 0.02);
        root.put("intermediate_size", config.intermediateSize());
        root.put("layer_norm_eps", config.layerNormEps());
        root.put("max_position_embeddings", config.maxPositions());
        root.put("num_attention_heads", config.numHeads());
        root.put("num_hidden_layers", config.numLayers());
        root.put("rotary_emb_base", config.rotaryBase());
        root.put("rotary_pct", config.rotaryPct());
        root.put("rope_theta", config.rotaryBase());
        root.put("partial_rotary_factor", config.rotaryPct());
        root.put("tie_word_embeddings", config.tieWordEmbeddings());
        root.put("torch_dtype", "float32");
        root.put("use_cache", true);
        root.put("use_parallel_residual", config.parallelResidual());
        root.put("vocab_size", config.vocabSize());
        AtomicFiles.writeBytes(file, JSON.writeValueAsBytes(root));
    }

    /** Typed access to the fields of one JSON object, with errors that name the field. */
    private record Fields(JsonNode node, String source) {

        JsonNode present(String name) {
            JsonNode value = node.get(name);
            return value == null || value.isNull() ? null : value;
        }

        double number(String name, Double otherwise) throws ModelFormatException {
            JsonNode value = present(name);
            if (value == null) {
                if (otherwise == null) {
                    throw new ModelFormatException(source, "missing field '" + name + "'");
                }
                return otherwise;
            }
            if (!value.isNumber()) {
                throw new ModelFormatException(source, "field '" + name + "' must be a number, got " + value);
            }
            return value.doubleValue();
        }

        int positiveInt(String name, Integer otherwise) throws ModelFormatException {
            JsonNode value = present(name);
            if (value == null) {
                if (otherwise == null) {
                    throw new ModelFormatException(source, "missing field '" + name + "'");
                }
                return otherwise;
            }
            if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() <= 0) {
                throw new ModelFormatException(source, "field '" + name + "' must be a positive integer, got " + value);
            }
            return value.intValue();
        }

        int tokenId(String name, int otherwise) throws ModelFormatException {
            JsonNode value = present(name);
            if (value == null) {
                return otherwise;
            }
            if (value.isArray() && value.size() > 0) {
                value = value.get(0);
            }
            if (!value.isIntegralNumber() || value.intValue() < 0) {
                throw new ModelFormatException(source, "field '" + name + "' must be a token id (a non-negative integer), got " + value);
            }
            return value.intValue();
        }

        boolean bool(String name, boolean otherwise) throws ModelFormatException {
            JsonNode value = present(name);
            if (value == null) {
                return otherwise;
            }
            if (!value.isBoolean()) {
                throw new ModelFormatException(source, "field '" + name + "' must be true or false, got " + value);
            }
            return value.booleanValue();
        }

        String text(String name, String otherwise) throws ModelFormatException {
            JsonNode value = present(name);
            if (value == null) {
                return otherwise;
            }
            if (!value.isTextual()) {
                throw new ModelFormatException(source, "field '" + name + "' must be a string, got " + value);
            }
            return value.textValue();
        }

        /** The field under its old or new name (or in rope_parameters); spellings that disagree are an error. */
        double oneOf(Fields rope, double otherwise, String oldName, String newName) throws ModelFormatException {
            Double found = null;
            String foundAs = null;
            for (Fields where : rope == null ? new Fields[] {this} : new Fields[] {this, rope}) {
                for (String name : new String[] {oldName, newName}) {
                    if (where.present(name) != null) {
                        double value = where.number(name, null);
                        if (found != null && Double.compare(found, value) != 0) {
                            throw new ModelFormatException(source, "fields '" + foundAs + "' (" + found + ") and '" + name + "' (" + value
                                    + ") are two spellings of one setting but disagree");
                        }
                        found = value;
                        foundAs = name;
                    }
                }
            }
            return found == null ? otherwise : found;
        }
    }
}
