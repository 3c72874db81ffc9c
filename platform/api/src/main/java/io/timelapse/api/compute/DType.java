package io.timelapse.api.compute;

/** Element types of tensors. */
public enum DType {
    F16(2, true),
    BF16(2, true),
    F32(4, true),
    F64(8, true),
    I32(4, false),
    I64(8, false),
    U8(1, false),
    BOOL(1, false);

    private final int byteSize;
    private final boolean floating;

    DType(int byteSize, boolean floating) {
        this.byteSize = byteSize;
        this.floating = floating;
    }

    public int byteSize() {
        return byteSize;
    }

    public boolean isFloating() {
        return floating;
    }

    public boolean isInteger() {
        return this == I32 || this == I64 || this == U8;
    }
}
