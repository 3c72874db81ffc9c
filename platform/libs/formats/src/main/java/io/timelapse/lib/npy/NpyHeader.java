package io.timelapse.lib.npy;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The header of a {@code .npy} file: element type and byte order, shape and memory order. It
 * parses the Python dict literal NumPy writes and formats it exactly as {@code numpy.save} does.
 */
public record NpyHeader(DType dtype, ByteOrder byteOrder, long[] shape, boolean fortranOrder) {

    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64;
    /** NumPy leaves room for the growth axis to reach this many digits, so a header can be rewritten in place. */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;

    public NpyHeader {
        shape = shape.clone();
        for (long dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public long elementCount() {
        long count = 1;
        for (long dim : shape) {
            count = Math.multiplyExact(count, dim);
        }
        return count;
    }

    public long dataBytes() {
        return Math.multiplyExact(elementCount(), (long) dtype.size());
    }

    /** The dict literal, as NumPy writes it before padding. */
    String dictLiteral() {
        StringBuilder sb = new StringBuilder("{'descr': '").append(dtype.descriptor(byteOrder)).append("', 'fortran_order': ")
                .append(fortranOrder ? "True" : "False").append(", 'shape': (");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(shape[i]);
        }
        if (shape.length == 1) {
            sb.append(',');
        }
        sb.append("), }");
        if (shape.length > 0) {
            long growthDim = shape[fortranOrder ? shape.length - 1 : 0];
            sb.append(" ".repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - Long.toString(growthDim).length())));
        }
        return sb.toString();
    }

    /** The full header bytes (magic, version, length, padded dict), version 1.0 unless the dict needs 2.0. */
    public byte[] toBytes() {
        byte[] dict = dictLiteral().getBytes(StandardCharsets.ISO_8859_1);
        for (int version = 1; version <= 2; version++) {
            int lengthBytes = version == 1 ? 2 : 4;
            int prefix = MAGIC.length + 2 + lengthBytes;
            int unpadded = prefix + dict.length + 1;
            int pad = ALIGN - (unpadded % ALIGN);
            long headerLength = dict.length + pad + 1L;
            if (version == 1 && headerLength > 0xFFFF) {
                continue;
            }
            byte[] out = new byte[prefix + (int) headerLength];
            System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
            out[6] = (byte) version;
            out[7] = 0;
            for (int i = 0; i < lengthBytes; i++) {
                out[8 + i] = (byte) (headerLength >>> (8 * i));
            }
            System.arraycopy(dict, 0, out, prefix, dict.length);
            Arrays.fill(out, prefix + dict.length, out.length - 1, (byte) ' ');
            out[out.length - 1] = '\n';
            return out;
        }
        throw new IllegalStateException("header too long: " + dict.length + " bytes");
    }

    /** Parses the dict literal of a header; {@code source} names the file in errors. */
    static NpyHeader parse(String literal, String source) throws NpyFormatException {
        Map<String, Object> dict;
        try {
            Object value = new LiteralParser(literal).parseTop();
            if (!(value instanceof Map<?, ?> map)) {
                throw new NpyFormatException(source, "header is not a dict: " + literal.strip());
            }
            dict = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                dict.put((String) e.getKey(), e.getValue());
            }
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new NpyFormatException(source, "cannot parse header dict " + literal.strip() + ": " + e.getMessage());
        }
        for (String key : List.of("descr", "fortran_order", "shape")) {
            if (!dict.containsKey(key)) {
                throw new NpyFormatException(source, "header lacks the key '" + key + "': " + literal.strip());
            }
        }
        if (dict.size() != 3) {
            List<String> extra = new ArrayList<>(dict.keySet());
            extra.removeAll(List.of("descr", "fortran_order", "shape"));
            throw new NpyFormatException(source, "header has unexpected keys " + extra + ": " + literal.strip());
        }
        if (!(dict.get("descr") instanceof String descr)) {
            throw new NpyFormatException(source, "header key 'descr' is not a simple dtype string (structured dtypes are not supported): "
                    + dict.get("descr"));
        }
        DType.Typed typed;
        try {
            typed = DType.parse(descr);
        } catch (IllegalArgumentException e) {
            throw new NpyFormatException(source, "header key 'descr': " + e.getMessage());
        }
        if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
            throw new NpyFormatException(source, "header key 'fortran_order' is not True or False: " + dict.get("fortran_order"));
        }
        if (!(dict.get("shape") instanceof List<?> dims)) {
            throw new NpyFormatException(source, "header key 'shape' is not a tuple: " + dict.get("shape"));
        }
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(dims.get(i) instanceof Long dim) || dim < 0) {
                throw new NpyFormatException(source, "header key 'shape' has an invalid dimension " + dims.get(i) + " at axis " + i);
            }
            shape[i] = dim;
        }
        NpyHeader header = new NpyHeader(typed.type(), typed.order(), shape, fortran);
        try {
            header.dataBytes();
        } catch (ArithmeticException e) {
            throw new NpyFormatException(source, "header key 'shape' " + Arrays.toString(shape) + " overflows the element count");
        }
        return header;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyHeader h && h.dtype == dtype && h.byteOrder.equals(byteOrder)
                && Arrays.equals(h.shape, shape) && h.fortranOrder == fortranOrder;
    }

    @Override
    public int hashCode() {
        return (dtype.hashCode() * 31 + Arrays.hashCode(shape)) * 31 + Boolean.hashCode(fortranOrder);
    }

    @Override
    public String toString() {
        return "NpyHeader[" + dtype.descriptor(byteOrder) + ", shape=" + Arrays.toString(shape)
                + (fortranOrder ? ", fortran" : "") + "]";
    }

    /** A parser for the subset of Python literals NumPy headers use: dicts, strings, ints, booleans, tuples and lists. */
    private static final class LiteralParser {
        private final String text;
        private int pos;

        LiteralParser(String text) {
            this.text = text;
        }

        Object parseTop() {
            Object value = parseValue();
            skipSpace();
            if (pos != text.length()) {
                throw new IllegalArgumentException("unexpected text at column " + pos);
            }
            return value;
        }

        private Object parseValue() {
            skipSpace();
            if (pos >= text.length()) {
                throw new IllegalArgumentException("unexpected end");
            }
            char c = text.charAt(pos);
            if (c == '{') {
                return parseDict();
            }
            if (c == '(' || c == '[') {
                return parseSequence(c == '(' ? ')' : ']');
            }
            if (c == '\'' || c == '"') {
                return parseString();
            }
            if (text.startsWith("True", pos)) {
                pos += 4;
                return Boolean.TRUE;
            }
            if (text.startsWith("False", pos)) {
                pos += 5;
                return Boolean.FALSE;
            }
            return parseInteger();
        }

        private Map<Object, Object> parseDict() {
            Map<Object, Object> map = new LinkedHashMap<>();
            pos++;
            while (true) {
                skipSpace();
                if (peek() == '}') {
                    pos++;
                    return map;
                }
                Object key = parseValue();
                if (!(key instanceof String)) {
                    throw new IllegalArgumentException("dict key is not a string at column " + pos);
                }
                skipSpace();
                expect(':');
                Object value = parseValue();
                if (map.put(key, value) != null) {
                    throw new IllegalArgumentException("duplicate key '" + key + "'");
                }
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else if (peek() != '}') {
                    throw new IllegalArgumentException("expected ',' or '}' at column " + pos);
                }
            }
        }

        private List<Object> parseSequence(char close) {
            List<Object> items = new ArrayList<>();
            pos++;
            while (true) {
                skipSpace();
                if (peek() == close) {
                    pos++;
                    return items;
                }
                items.add(parseValue());
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else if (peek() != close) {
                    throw new IllegalArgumentException("expected ',' or '" + close + "' at column " + pos);
                }
            }
        }

        private String parseString() {
            char quote = text.charAt(pos++);
            int end = text.indexOf(quote, pos);
            if (end < 0) {
                throw new IllegalArgumentException("unterminated string");
            }
            String s = text.substring(pos, end);
            pos = end + 1;
            return s;
        }

        private Long parseInteger() {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            if (pos == start || (pos == start + 1 && text.charAt(start) == '-')) {
                throw new IllegalArgumentException("unexpected character '" + peek() + "' at column " + start);
            }
            long value = Long.parseLong(text.substring(start, pos));
            if (pos < text.length() && (text.charAt(pos) == 'L' || text.charAt(pos) == 'l')) {
                pos++;
            }
            return value;
        }

        private void expect(char c) {
            if (peek() != c) {
                throw new IllegalArgumentException("expected '" + c + "' at column " + pos);
            }
            pos++;
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        private void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }
    }
}
