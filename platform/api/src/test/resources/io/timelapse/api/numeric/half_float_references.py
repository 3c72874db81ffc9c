"""Prints the reference values of HalfFloatsTest as Java literals.

Run with numpy 2.4 and ml_dtypes 0.6 (python3 half_float_references.py). float16 conversions are
numpy's own; bfloat16 ones are ml_dtypes', which is Eigen's bfloat16 as TensorFlow uses it.
"""
import numpy as np
import ml_dtypes

FLOATS = [
    0x00000000, 0x80000000,  # +0, -0
    0x3F800000, 0xBF800000,  # 1, -1
    0x3F801000,  # 1 + 2^-11: tie between 1 and its successor, to even (1)
    0x3F803000,  # 1 + 3*2^-11: tie, to even (upwards)
    0x3F801001,  # just above the tie: up
    0x3F800FFF,  # just below the tie: down
    0x477FE000,  # 65504, the largest half
    0x477FEFFF,  # just below the overflow tie: 65504
    0x477FF000,  # 65520, tie between 65504 and 65536: to even, infinity
    0x47800000,  # 65536: infinity
    0x38800000,  # 2^-14, the smallest normal half
    0x387FC000,  # 2^-14 - 2^-24, the largest subnormal half
    0x33800000,  # 2^-24, the smallest subnormal half
    0x33000000,  # 2^-25, tie between 0 and 2^-24: to even, zero
    0x33000001,  # just above: 2^-24
    0x33C00000,  # 1.5 * 2^-24, tie between 1 and 2 subnormal steps: to even, 2
    0x34200000,  # 2.5 * 2^-24, tie: to even, 2
    0xB3C00000,  # negative subnormal tie
    0x387FE000,  # tie between the largest subnormal and the smallest normal: to the normal
    0x00000001,  # the smallest float subnormal: zero
    0x7F7FFFFF,  # the largest float: infinity
    0x7F800000, 0xFF800000,  # +inf, -inf
    0x7FC00000,  # quiet NaN
    0xFFC00000,  # negative quiet NaN
    0x7F800001,  # signalling NaN whose payload is below the half's bits
    0x7FA00000,  # signalling NaN with a payload that fits
    0xFFC02000,  # negative quiet NaN with a payload
    0x7FFFFFFF,  # NaN with every payload bit
    0x3F808000,  # 1 + 2^-8: bfloat16 tie, to even (1)
    0x3F818000,  # 1 + 3*2^-8: bfloat16 tie, to even (upwards)
    0x7F7F8000,  # bfloat16 overflow tie: infinity
    0x00008000,  # bfloat16 subnormal tie: to even, zero
    0x00018000,  # bfloat16 subnormal tie: to even, upwards
    0x40490FDB,  # float(pi)
]
HALVES = [0x0000, 0x8000, 0x0001, 0x8001, 0x03FF, 0x0400, 0x3C00, 0x3555, 0x7BFF, 0xFBFF,
          0x7C00, 0xFC00, 0x7C01, 0x7E00, 0xFD55, 0x7FFF]
BFLOAT_HALVES = [0x0000, 0x8000, 0x0001, 0x3F80, 0x4049, 0x7F7F, 0x7F80, 0xFF80, 0x7FC0, 0x7F81, 0xFFC1]

f = np.array(FLOATS, dtype=np.uint32).view(np.float32)
with np.errstate(invalid="ignore", over="ignore"):
    f16 = f.astype(np.float16).view(np.uint16)
    bf16 = f.astype(ml_dtypes.bfloat16).view(np.uint16)
h = np.array(HALVES, dtype=np.uint16)
widened = h.view(np.float16).astype(np.float32).view(np.uint32)
bwidened = np.array(BFLOAT_HALVES, dtype=np.uint16).view(ml_dtypes.bfloat16).astype(np.float32).view(np.uint32)

def java(values, width):
    return ", ".join("0x%0*X" % (width, int(v)) for v in values)

print("FLOATS =", java(FLOATS, 8))
print("TO_F16 =", java(f16, 4))
print("TO_BF16 =", java(bf16, 4))
print("HALVES =", java(HALVES, 4))
print("F16_TO_FLOAT =", java(widened, 8))
print("BFLOAT_HALVES =", java(BFLOAT_HALVES, 4))
print("BF16_TO_FLOAT =", java(bwidened, 8))
