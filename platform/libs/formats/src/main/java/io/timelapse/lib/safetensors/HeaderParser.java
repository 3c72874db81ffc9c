package io.timelapse.lib.safetensors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the JSON of a header into entries, checking every field's type and range. */
final class HeaderParser {

    static final String METADATA_KEY = "__metadata__";

    private static final JsonFactory JSON = new JsonFactory();

    record Parsed(Map<String, String> metadata, List<TensorInfo> tensors) {}

    private HeaderParser() {}

    static Parsed parse(String source, byte[] json) throws SafetensorsFormatException {
        String text = decodeUtf8(source, json);
        if (text.isEmpty() || text.charAt(0) != '{') {
            throw new SafetensorsFormatException(source, "the header must be a JSON object starting with '{'"
                    + (text.isEmpty() ? " but is empty" : ", it starts with " + describe(text.charAt(0))));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<TensorInfo> tensors = new ArrayList<>();
        Set<String> names = new HashSet<>();
        try (JsonParser parser = JSON.createParser(text)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                if (!names.add(key)) {
                    throw new SafetensorsFormatException(source, "duplicate entry '" + key + "' in the header");
                }
                parser.nextToken();
                if (key.equals(METADATA_KEY)) {
                    readMetadata(source, parser, metadata);
                } else {
                    tensors.add(readEntry(source, key, parser));
                }
            }
            if (parser.nextToken() != null) {
                throw new SafetensorsFormatException(source, "unexpected content after the header's JSON object at "
                        + location(parser));
            }
        } catch (SafetensorsFormatException e) {
            throw e;
        } catch (JsonParseException e) {
            throw new SafetensorsFormatException(source, "the header is not valid JSON: " + e.getOriginalMessage()
                    + " at " + location(e.getProcessor()), e);
        } catch (IOException e) {
            throw new SafetensorsFormatException(source, "the header could not be read: " + e.getMessage(), e);
        }
        return new Parsed(metadata, tensors);
    }

    private static String decodeUtf8(String source, byte[] json) throws SafetensorsFormatException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(json))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new SafetensorsFormatException(source, "the header is not valid UTF-8", e);
        }
    }

    private static void readMetadata(String source, JsonParser parser, Map<String, String> metadata) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new SafetensorsFormatException(source, "__metadata__ must be an object of strings, got " + token(parser));
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            if (metadata.containsKey(key)) {
                throw new SafetensorsFormatException(source, "duplicate __metadata__ entry '" + key + "'");
            }
            if (parser.nextToken() != JsonToken.VALUE_STRING) {
                throw new SafetensorsFormatException(source, "__metadata__ entry '" + key
                        + "' must be a string, got " + token(parser));
            }
            metadata.put(key, parser.getText());
        }
    }

    private static TensorInfo readEntry(String source, String name, JsonParser parser) throws IOException {
        String where = "tensor '" + name + "'";
        if (name.isEmpty()) {
            throw new SafetensorsFormatException(source, "a tensor has an empty name");
        }
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new SafetensorsFormatException(source, where + " must be an object with dtype, shape and data_offsets, got "
                    + token(parser));
        }
        TensorDType dtype = null;
        long[] shape = null;
        long[] offsets = null;
        Set<String> fields = new HashSet<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            if (!fields.add(field)) {
                throw new SafetensorsFormatException(source, where + ": duplicate field " + field);
            }
            parser.nextToken();
            switch (field) {
                case "dtype":
                    if (parser.currentToken() != JsonToken.VALUE_STRING) {
                        throw new SafetensorsFormatException(source, where + ": dtype must be a string, got " + token(parser));
                    }
                    try {
                        dtype = TensorDType.fromCode(parser.getText());
                    } catch (IllegalArgumentException e) {
                        throw new SafetensorsFormatException(source, where + ": " + e.getMessage());
                    }
                    break;
                case "shape":
                    shape = readNaturals(source, where + ": shape", parser);
                    break;
                case "data_offsets":
                    offsets = readNaturals(source, where + ": data_offsets", parser);
                    if (offsets.length != 2) {
                        throw new SafetensorsFormatException(source, where + ": data_offsets must be [begin, end], got "
                                + offsets.length + " numbers");
                    }
                    if (offsets[1] < offsets[0]) {
                        throw new SafetensorsFormatException(source, where + ": data_offsets [" + offsets[0] + ", "
                                + offsets[1] + "] end before they begin");
                    }
                    break;
                default:
                    // The reference reader ignores fields it does not know; so does this one.
                    parser.skipChildren();
            }
        }
        if (dtype == null || shape == null || offsets == null) {
            String missing = dtype == null ? "dtype" : shape == null ? "shape" : "data_offsets";
            throw new SafetensorsFormatException(source, where + ": missing field " + missing);
        }
        return new TensorInfo(name, dtype, shape, offsets[0], offsets[1]);
    }

    private static long[] readNaturals(String source, String where, JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw new SafetensorsFormatException(source, where + " must be an array of integers, got " + token(parser));
        }
        List<Long> values = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                throw new SafetensorsFormatException(source, where + " must hold integers, got " + token(parser));
            }
            if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER || parser.getLongValue() < 0) {
                throw new SafetensorsFormatException(source, where + " must hold integers in [0, 2^63), got "
                        + parser.getText());
            }
            values.add(parser.getLongValue());
        }
        long[] array = new long[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        return array;
    }

    private static String token(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null) {
            return "end of input";
        }
        switch (token) {
            case START_OBJECT:
                return "an object";
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return "the string \"" + parser.getText() + "\"";
            case VALUE_NULL:
                return "null";
            default:
                return parser.getText();
        }
    }

    private static String location(JsonParser parser) {
        if (parser == null) {
            return "an unknown position";
        }
        return "header character " + parser.currentLocation().getCharOffset();
    }

    private static String describe(char c) {
        return c < 0x20 || c > 0x7E ? String.format("U+%04X", (int) c) : "'" + c + "'";
    }
}
