package io.timelapse.lib.tokens.megatron;

import io.timelapse.lib.npy.DType;

/** The element types of a Megatron {@code .bin}, with the codes its {@code .idx} header stores. */
public enum TokenType {
    UINT8(1, DType.UINT8),
    INT8(2, DType.INT8),
    INT16(3, DType.INT16),
    INT32(4, DType.INT32),
    INT64(5, DType.INT64),
    FLOAT32(6, DType.FLOAT32),
    FLOAT64(7, DType.FLOAT64),
    UINT16(8, DType.UINT16);

    private final int code;
    private final DType dtype;

    TokenType(int code, DType dtype) {
        this.code = code;
        this.dtype = dtype;
    }

    public int code() {
        return code;
    }

    /** Bytes per token. */
    public int size() {
        return dtype.size();
    }

    /** The NumPy type of the same layout. */
    public DType dtype() {
        return dtype;
    }

    public static TokenType ofCode(int code) {
        for (TokenType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown dtype code " + code + " (expected 1 to 8)");
    }

    /** The type gpt-neox's tokenizer path chooses: uint16 below a vocabulary of 65500, int32 otherwise. */
    public static TokenType forVocabulary(int vocabSize) {
        return vocabSize < 65500 ? UINT16 : INT32;
    }

    /** Whether {@code token} can be stored without loss. */
    public boolean holds(long token) {
        return switch (this) {
            case UINT8 -> token >= 0 && token <= 0xFF;
            case INT8 -> token >= Byte.MIN_VALUE && token <= Byte.MAX_VALUE;
            case INT16 -> token >= Short.MIN_VALUE && token <= Short.MAX_VALUE;
            case UINT16 -> token >= 0 && token <= 0xFFFF;
            case INT32 -> token >= Integer.MIN_VALUE && token <= Integer.MAX_VALUE;
            case INT64 -> true;
            case FLOAT32 -> Math.abs(token) <= (1L << 24);
            case FLOAT64 -> Math.abs(token) <= (1L << 53);
        };
    }
}
