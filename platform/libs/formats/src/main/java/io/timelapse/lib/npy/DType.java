package io.timelapse.lib.npy;

import java.nio.ByteOrder;

/** The element types this library reads and writes, with their NumPy type codes. */
public enum DType {
    BOOL('b', 1, false),
    UINT8('u', 1, false),
    INT8('i', 1, true),
    UINT16('u', 2, false),
    INT16('i', 2, true),
    UINT32('u', 4, false),
    INT32('i', 4, true),
    UINT64('u', 8, false),
    INT64('i', 8, true),
    FLOAT16('f', 2, true),
    FLOAT32('f', 4, true),
    FLOAT64('f', 8, true);

    private final char kind;
    private final int size;
    private final boolean signed;

    DType(char kind, int size, boolean signed) {
        this.kind = kind;
        this.size = size;
        this.signed = signed;
    }

    /** Bytes per element. */
    public int size() {
        return size;
    }

    /** NumPy's kind character: {@code b}, {@code u}, {@code i} or {@code f}. */
    public char kind() {
        return kind;
    }

    public boolean isInteger() {
        return kind == 'u' || kind == 'i' || kind == 'b';
    }

    public boolean isFloatingPoint() {
        return kind == 'f';
    }

    public boolean isSigned() {
        return signed;
    }

    /** The descriptor NumPy writes for this type in little-endian order, such as {@code <u2} or {@code |u1}. */
    public String descriptor() {
        return descriptor(ByteOrder.LITTLE_ENDIAN);
    }

    public String descriptor(ByteOrder order) {
        char prefix = size == 1 ? '|' : order == ByteOrder.BIG_ENDIAN ? '>' : '<';
        return "" + prefix + kind + size;
    }

    /** The type and byte order a descriptor such as {@code <i8}, {@code >f4}, {@code |b1} or {@code =u2} denotes. */
    public static Typed parse(String descriptor) {
        if (descriptor.length() < 2) {
            throw new IllegalArgumentException("unsupported dtype descriptor '" + descriptor + "'");
        }
        char first = descriptor.charAt(0);
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        String rest = descriptor;
        if (first == '<' || first == '>' || first == '|' || first == '=') {
            rest = descriptor.substring(1);
            if (first == '>') {
                order = ByteOrder.BIG_ENDIAN;
            } else if (first == '=') {
                order = ByteOrder.nativeOrder();
            }
        }
        if (rest.length() >= 2) {
            char kind = rest.charAt(0);
            int size;
            try {
                size = Integer.parseInt(rest.substring(1));
            } catch (NumberFormatException e) {
                size = -1;
            }
            for (DType type : values()) {
                if (type.kind == kind && type.size == size) {
                    return new Typed(type, type.size == 1 ? ByteOrder.LITTLE_ENDIAN : order);
                }
            }
        }
        throw new IllegalArgumentException("unsupported dtype descriptor '" + descriptor
                + "' (expected one of |b1 |u1 |i1 <u2 <i2 <u4 <i4 <u8 <i8 <f2 <f4 <f8, either byte order)");
    }

    /** A type with the byte order of its stored elements. */
    public record Typed(DType type, ByteOrder order) {}
}
