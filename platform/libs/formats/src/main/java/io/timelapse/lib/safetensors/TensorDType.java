package io.timelapse.lib.safetensors;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The element types of safetensors, named by their header codes. The declaration order is the
 * reference library's, which its writer uses to lay tensors out (see {@link SafetensorsWriter}).
 */
public enum TensorDType {
    BOOL(1),
    U8(1),
    I8(1),
    F8_E5M2(1),
    F8_E4M3(1),
    I16(2),
    U16(2),
    F16(2),
    BF16(2),
    I32(4),
    U32(4),
    F32(4),
    F64(8),
    I64(8),
    U64(8);

    private final int byteSize;

    TensorDType(int byteSize) {
        this.byteSize = byteSize;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** The code written in a header's {@code dtype} field, such as {@code BF16}. */
    public String code() {
        return name();
    }

    public boolean isFloating() {
        return this == F16 || this == BF16 || this == F32 || this == F64 || this == F8_E5M2 || this == F8_E4M3;
    }

    /** The type a header code names; {@link IllegalArgumentException} for an unknown code. */
    public static TensorDType fromCode(String code) {
        for (TensorDType type : values()) {
            if (type.name().equals(code)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown dtype \"" + code + "\" (expected one of "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")) + ")");
    }
}
