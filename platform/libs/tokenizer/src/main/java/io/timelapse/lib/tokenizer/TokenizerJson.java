package io.timelapse.lib.tokenizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads a Hugging Face {@code tokenizer.json} of the byte-level BPE kind (GPT-2, GPT-NeoX) and
 * rejects, naming the field, anything that would change the ids and is not implemented.
 */
final class TokenizerJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String source;

    private TokenizerJson(String source) {
        this.source = source;
    }

    static ByteLevelBpeTokenizer read(InputStream in, String source) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            throw new TokenizerFormatException(source, "not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new TokenizerFormatException(source, "(root)", "expected a JSON object");
        }
        return new TokenizerJson(source).build(root);
    }

    private ByteLevelBpeTokenizer build(JsonNode root) throws TokenizerFormatException {
        requireNull(root, "truncation");
        requireNull(root, "padding");
        boolean nfc = readNormalizer(root.get("normalizer"));

        JsonNode pre = requireType(root, "pre_tokenizer", "ByteLevel");
        boolean addPrefixSpace = optionalBoolean(pre, "pre_tokenizer", "add_prefix_space", false);
        boolean useRegex = optionalBoolean(pre, "pre_tokenizer", "use_regex", true);
        JsonNode post = root.get("post_processor");
        if (post != null && !post.isNull()) {
            // The ByteLevel post-processor only adjusts offsets; it adds no tokens.
            requireType(root, "post_processor", "ByteLevel");
        }
        requireType(root, "decoder", "ByteLevel");

        JsonNode model = requireType(root, "model", "BPE");
        Map<String, Integer> vocab = readVocab(model);
        for (String field : new String[] {"unk_token", "continuing_subword_prefix", "end_of_word_suffix"}) {
            JsonNode value = model.get(field);
            if (value != null && !value.isNull() && !(value.isTextual() && value.asText().isEmpty())) {
                throw new TokenizerFormatException(source, "model." + field, "not supported, expected null");
            }
        }
        JsonNode dropout = model.get("dropout");
        if (dropout != null && !dropout.isNull() && !(dropout.isNumber() && dropout.asDouble() == 0.0)) {
            throw new TokenizerFormatException(source, "model.dropout", "BPE dropout is not supported, expected null");
        }
        if (optionalBoolean(model, "model", "byte_fallback", false)) {
            throw new TokenizerFormatException(source, "model.byte_fallback", "not supported, expected false");
        }
        boolean ignoreMerges = optionalBoolean(model, "model", "ignore_merges", false);
        int[][] merges = readMerges(model, vocab);

        int maxId = -1;
        for (int id : vocab.values()) {
            maxId = Math.max(maxId, id);
        }
        List<AddedToken> added = readAddedTokens(root);
        for (AddedToken token : added) {
            maxId = Math.max(maxId, token.id);
        }
        String[] tokens = new String[maxId + 1];
        boolean[] special = new boolean[maxId + 1];
        for (Map.Entry<String, Integer> e : vocab.entrySet()) {
            tokens[e.getValue()] = e.getKey();
        }
        Map<String, Integer> rawAdded = new HashMap<>();
        Map<String, Integer> normalizedAdded = new HashMap<>();
        for (AddedToken token : added) {
            if (tokens[token.id] != null && !tokens[token.id].equals(token.content)) {
                throw new TokenizerFormatException(source, "added_tokens", "id " + token.id + " is given to both '"
                        + tokens[token.id] + "' and '" + token.content + "'");
            }
            tokens[token.id] = token.content;
            special[token.id] = token.special;
            if (token.normalized) {
                normalizedAdded.put(nfc ? Normalizer.normalize(token.content, Normalizer.Form.NFC) : token.content,
                        token.id);
            } else {
                rawAdded.put(token.content, token.id);
            }
        }
        return new ByteLevelBpeTokenizer(tokens, special, vocab, merges, ignoreMerges, rawAdded,
                normalizedAdded, nfc, addPrefixSpace, useRegex);
    }

    private boolean readNormalizer(JsonNode normalizer) throws TokenizerFormatException {
        if (normalizer == null || normalizer.isNull()) {
            return false;
        }
        String type = normalizer.path("type").asText("");
        if (!type.equals("NFC")) {
            throw new TokenizerFormatException(source, "normalizer.type",
                    "normalizer '" + type + "' is not supported, expected NFC or a null normalizer");
        }
        return true;
    }

    private Map<String, Integer> readVocab(JsonNode model) throws TokenizerFormatException {
        JsonNode vocabNode = model.get("vocab");
        if (vocabNode == null || !vocabNode.isObject()) {
            throw new TokenizerFormatException(source, "model.vocab", "expected an object from token to id");
        }
        Map<String, Integer> vocab = new HashMap<>(vocabNode.size() * 2);
        Iterator<Map.Entry<String, JsonNode>> fields = vocabNode.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            JsonNode id = e.getValue();
            if (!id.canConvertToInt() || !id.isIntegralNumber() || id.intValue() < 0) {
                throw new TokenizerFormatException(source, "model.vocab",
                        "token '" + e.getKey() + "' has id " + id + ", expected a non-negative integer");
            }
            vocab.put(e.getKey(), id.intValue());
        }
        return vocab;
    }

    /** {left ids, right ids, merged ids}, indexed by rank. */
    private int[][] readMerges(JsonNode model, Map<String, Integer> vocab) throws TokenizerFormatException {
        JsonNode mergesNode = model.get("merges");
        if (mergesNode == null || !mergesNode.isArray()) {
            throw new TokenizerFormatException(source, "model.merges", "expected an array of merges");
        }
        int n = mergesNode.size();
        int[] left = new int[n];
        int[] right = new int[n];
        int[] merged = new int[n];
        for (int r = 0; r < n; r++) {
            JsonNode merge = mergesNode.get(r);
            String field = "model.merges[" + r + "]";
            String a;
            String b;
            if (merge.isTextual()) {
                String text = merge.asText();
                int space = text.indexOf(' ');
                if (space < 0 || text.indexOf(' ', space + 1) >= 0) {
                    throw new TokenizerFormatException(source, field,
                            "'" + text + "' must be two tokens separated by one space");
                }
                a = text.substring(0, space);
                b = text.substring(space + 1);
            } else if (merge.isArray() && merge.size() == 2 && merge.get(0).isTextual() && merge.get(1).isTextual()) {
                a = merge.get(0).asText();
                b = merge.get(1).asText();
            } else {
                throw new TokenizerFormatException(source, field, "expected \"a b\" or [\"a\", \"b\"]");
            }
            left[r] = vocabId(vocab, a, field);
            right[r] = vocabId(vocab, b, field);
            merged[r] = vocabId(vocab, a + b, field);
        }
        return new int[][] {left, right, merged};
    }

    private int vocabId(Map<String, Integer> vocab, String token, String field) throws TokenizerFormatException {
        Integer id = vocab.get(token);
        if (id == null) {
            throw new TokenizerFormatException(source, field, "token '" + token + "' is not in model.vocab");
        }
        return id;
    }

    private List<AddedToken> readAddedTokens(JsonNode root) throws TokenizerFormatException {
        List<AddedToken> result = new ArrayList<>();
        JsonNode array = root.get("added_tokens");
        if (array == null || array.isNull()) {
            return result;
        }
        if (!array.isArray()) {
            throw new TokenizerFormatException(source, "added_tokens", "expected an array");
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode node = array.get(i);
            String field = "added_tokens[" + i + "]";
            JsonNode id = node.get("id");
            JsonNode content = node.get("content");
            if (id == null || !id.isIntegralNumber() || !id.canConvertToInt() || id.intValue() < 0) {
                throw new TokenizerFormatException(source, field + ".id", "expected a non-negative integer");
            }
            if (content == null || !content.isTextual() || content.asText().isEmpty()) {
                throw new TokenizerFormatException(source, field + ".content", "expected a non-empty string");
            }
            for (String flag : new String[] {"single_word", "lstrip", "rstrip"}) {
                if (optionalBoolean(node, field, flag, false)) {
                    throw new TokenizerFormatException(source, field + "." + flag, "not supported, expected false");
                }
            }
            boolean special = optionalBoolean(node, field, "special", false);
            boolean normalized = optionalBoolean(node, field, "normalized", !special);
            result.add(new AddedToken(id.intValue(), content.asText(), special, normalized));
        }
        return result;
    }

    private void requireNull(JsonNode root, String field) throws TokenizerFormatException {
        JsonNode value = root.get(field);
        if (value != null && !value.isNull()) {
            throw new TokenizerFormatException(source, field, "not supported, expected null");
        }
    }

    private JsonNode requireType(JsonNode root, String field, String expected) throws TokenizerFormatException {
        JsonNode node = root.get(field);
        if (node == null || !node.isObject()) {
            throw new TokenizerFormatException(source, field, "missing, expected an object of type " + expected);
        }
        String type = node.path("type").asText("");
        if (!type.equals(expected)) {
            throw new TokenizerFormatException(source, field + ".type",
                    "'" + type + "' is not supported, expected " + expected);
        }
        return node;
    }

    private boolean optionalBoolean(JsonNode parent, String parentPath, String name, boolean absent)
            throws TokenizerFormatException {
        String path = parentPath + "." + name;
        JsonNode value = parent.get(name);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isBoolean()) {
            throw new TokenizerFormatException(source, path, "expected true or false, found " + value);
        }
        return value.booleanValue();
    }

    private record AddedToken(int id, String content, boolean special, boolean normalized) {}
}
