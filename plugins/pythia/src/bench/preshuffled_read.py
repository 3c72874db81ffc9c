#!/usr/bin/env python3
"""Benchmark helper (not a test): numpy.memmap batch reads of a pre-shuffled .bin, the reference
side of PreshuffledReadBench. Prints one JSON object of median milliseconds.

usage: preshuffled_read.py BIN ROW_LENGTH BATCH warm|cold STEP,STEP,...
"""
import json
import os
import statistics
import sys
import time

import numpy as np


def drop_caches(path):
    """Evicts the file from the page cache: drop_caches when permitted, else posix_fadvise."""
    os.sync()
    try:
        with open("/proc/sys/vm/drop_caches", "w") as f:
            f.write("3\n")
        return "drop_caches"
    except OSError:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)
        return "posix_fadvise"


def main():
    path, row_length, batch, mode, steps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
    steps = [int(s) for s in steps.split(",")]
    data = np.memmap(path, dtype=np.uint16, mode="r").reshape(-1, row_length)
    copy_ms, int64_ms = [], []
    eviction = None
    if mode == "warm":
        for step in steps:  # warm-up pass
            np.array(data[step * batch:(step + 1) * batch])
    # Each method in its own loop, so one does not evict the other's buffers from the CPU caches.
    for step in steps:
        if mode == "cold":
            eviction = drop_caches(path)
        t = time.perf_counter()
        rows = np.array(data[step * batch:(step + 1) * batch])
        copy_ms.append((time.perf_counter() - t) * 1e3)
        assert rows.shape == (batch, row_length)
    if mode == "warm":
        for step in steps:
            t = time.perf_counter()
            data[step * batch:(step + 1) * batch].astype(np.int64)
            int64_ms.append((time.perf_counter() - t) * 1e3)
    out = {"numpy": np.__version__, "copy_ms": statistics.median(copy_ms)}
    if int64_ms:
        out["int64_ms"] = statistics.median(int64_ms)
    if eviction:
        out["eviction"] = eviction
    print(json.dumps(out))


if __name__ == "__main__":
    main()
