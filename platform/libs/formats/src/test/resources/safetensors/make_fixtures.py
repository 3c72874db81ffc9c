"""Writes the safetensors test fixtures of this directory, from the format's spec, without the
safetensors package (not installed here). Run: /usr/bin/python3 make_fixtures.py (needs numpy); it writes next to itself.

Layout rule reproduced from the reference writer: tensors sorted by dtype, widest first in the
reference's dtype order, then by name; compact JSON header with __metadata__ first; header padded
with spaces to a multiple of 8 bytes."""
import json
import os
import struct

import numpy as np

# The reference library's dtype order; its writer lays out higher ranks first.
DTYPE_RANK = ["BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16", "BF16",
              "I32", "U32", "F32", "F64", "I64", "U64"]


def bf16_bits(values):
    # Only values exactly representable in bfloat16 are used, so truncation is exact.
    bits = np.asarray(values, dtype="<f4").view("<u4") >> 16
    return bits.astype("<u2")


def save(path, tensors, metadata=None):
    """tensors: name -> (dtype code, shape, raw little-endian bytes)."""
    order = sorted(tensors, key=lambda n: (-DTYPE_RANK.index(tensors[n][0]), n.encode("utf-8")))
    header = {}
    if metadata:
        header["__metadata__"] = dict(sorted(metadata.items()))
    offset = 0
    for name in order:
        code, shape, raw = tensors[name]
        header[name] = {"dtype": code, "shape": list(shape), "data_offsets": [offset, offset + len(raw)]}
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for name in order:
            f.write(tensors[name][2])


def t(code, array):
    array = np.array(array, order="C")  # keeps 0-d arrays 0-d, unlike ascontiguousarray
    return (code, array.shape, array.tobytes())


all_dtypes = {
    "f64.matrix": t("F64", (np.arange(6, dtype="<f8") * 0.5 - 1.25).reshape(2, 3)),
    "f32.matrix": t("F32", np.array([[1.5, -2.25], [3.0e-5, 1e30], [-0.0, 7.0]], dtype="<f4")),
    "f32.scalar": t("F32", np.array(42.5, dtype="<f4")),
    "f32.empty": t("F32", np.zeros((0, 3), dtype="<f4")),
    "f16.vector": t("F16", np.array([1.0, -2.0, 0.5, 65504.0, 2.0 ** -14, 2.0 ** -24], dtype="<f2")),
    "bf16.vector": ("BF16", (6,), bf16_bits([1.0, -2.0, 0.15625, 256.0, -0.0078125, 3.0]).tobytes()),
    "i64.vector": t("I64", np.array([-2 ** 63, -1, 2 ** 53 + 1, 2 ** 63 - 1], dtype="<i8")),
    "u64.vector": t("U64", np.array([0, 2 ** 64 - 1], dtype="<u8")),
    "i32.vector": t("I32", np.array([-2 ** 31, -1, 7, 2 ** 31 - 1], dtype="<i4")),
    "u32.vector": t("U32", np.array([0, 2 ** 32 - 1], dtype="<u4")),
    "i16.vector": t("I16", np.array([-32768, -1, 0, 32767], dtype="<i2")),
    "u16.vector": t("U16", np.array([0, 65535], dtype="<u2")),
    "i8.vector": t("I8", np.array([-128, -1, 0, 1, 127], dtype="i1")),
    "u8.vector": t("U8", np.array([0, 1, 254, 255], dtype="u1")),
    "bool.vector": t("BOOL", np.array([True, False, True, True, False])),
    "f8e5m2.vector": ("F8_E5M2", (4,), bytes([0x3C, 0xC0, 0x7B, 0x01])),
    "f8e4m3.vector": ("F8_E4M3", (4,), bytes([0x38, 0xC0, 0x7E, 0x01])),
    "Zeta.weight": t("F32", np.array([0.25], dtype="<f4")),
    "\u00fcber.weight": t("F32", np.array([-0.25], dtype="<f4")),
}
HERE = os.path.dirname(os.path.abspath(__file__))
SHARDED = os.path.join(HERE, "sharded")
os.makedirs(SHARDED, exist_ok=True)
save(os.path.join(HERE, "all_dtypes.safetensors"), all_dtypes, {"format": "pt", "producer": "make_fixtures.py"})

# A model split over two shards with a Hugging Face style index.
shard_of = {
    "embed.weight": ("model-00001-of-00002.safetensors", t("F32", np.arange(8, dtype="<f4").reshape(4, 2))),
    "layers.0.weight": ("model-00001-of-00002.safetensors", t("F16", np.array([[0.5, -1.0], [2.0, 4.0]], dtype="<f2"))),
    "layers.1.weight": ("model-00002-of-00002.safetensors", ("BF16", (2, 2), bf16_bits([1.0, 2.0, 3.0, 4.0]).tobytes())),
    "head.bias": ("model-00002-of-00002.safetensors", t("I64", np.array([10, 20, 30], dtype="<i8"))),
}
for shard in sorted({s for s, _ in shard_of.values()}):
    save(os.path.join(SHARDED, shard), {n: v for n, (s, v) in shard_of.items() if s == shard}, {"format": "pt"})
index = {
    "metadata": {"total_size": sum(len(v[2]) for _, v in shard_of.values())},
    "weight_map": {n: shard_of[n][0] for n in sorted(shard_of)},
}
with open(os.path.join(SHARDED, "model.safetensors.index.json"), "w") as f:
    json.dump(index, f, indent=2)
    f.write("\n")
