"""Writes the paper's Fashion-MNIST validation subset as gzipped IDX files into the folder given as its argument.

The 1024 test images default_rng(0).permutation(10000)[8976:] (Hugging Face's
train_test_split(train_size=1024, seed=0)) and their labels, in that order, read from
/usr/share/datasets/fashion-mnist (Debian package dataset-fashion-mnist).
"""
import gzip
import struct
import sys

import numpy as np

SOURCE = "/usr/share/datasets/fashion-mnist/"


def read(name, header):
    with gzip.open(SOURCE + name) as f:
        return np.frombuffer(f.read()[header:], dtype=np.uint8)


images = read("t10k-images-idx3-ubyte.gz", 16).reshape(10000, 28, 28)
labels = read("t10k-labels-idx1-ubyte.gz", 8)
val = np.random.default_rng(0).permutation(10000)[8976:]
for name, header, data in [
    ("val-images-idx3-ubyte.gz", struct.pack(">IIII", 0x803, len(val), 28, 28), images[val]),
    ("val-labels-idx1-ubyte.gz", struct.pack(">II", 0x801, len(val)), labels[val]),
]:
    with open(sys.argv[1] + "/" + name, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as f:
        f.write(header + data.tobytes())
