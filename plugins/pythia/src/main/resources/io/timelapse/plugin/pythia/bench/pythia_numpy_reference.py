#!/usr/bin/env python3
"""The numpy side of `timelapse bench pythia`: the same batch reads and index-map build, timed in milliseconds.

usage: pythia_numpy_reference.py PLAN.json    (the plan is written by the command; one JSON object is printed)
"""
import json
import os
import sys
import time

import numpy as np


def drop_caches():
    os.sync()
    with open("/proc/sys/vm/drop_caches", "w") as f:
        f.write("1\n")


def read_once(data, op, batch, measurement):
    if "rows" in measurement:
        rows = np.asarray(measurement["rows"], dtype=np.int64)
        start = time.perf_counter()
        out = data[rows].astype(np.int64)
    else:
        first = measurement["first"]
        start = time.perf_counter()
        view = data[first:first + batch]
        out = np.array(view) if op == "copy" else view.astype(np.int64)
    elapsed = (time.perf_counter() - start) * 1e3
    return elapsed, int(out[0, 0])


def reads(plan):
    batch, row_length = plan["batch"], plan["row_length"]
    refs = plan["references"]
    maps = {r["name"]: np.memmap(r["file"], dtype=r["dtype"], mode="r").reshape(-1, row_length) for r in refs}
    out = {r["name"]: {"warm": [], "cold": []} for r in refs}
    sink = 0
    # Cold first, one eviction per round: every read of a round touches rows no read of this process touched before.
    for round_ in range(plan["cold_rounds"]):
        drop_caches()
        for r in refs:
            ms, token = read_once(maps[r["name"]], r["op"], batch, r["cold"][round_])
            out[r["name"]]["cold"].append(ms)
            sink += token
    for r in refs:
        data = maps[r["name"]]
        np.array(data)  # the whole file into the page cache
        for _ in range(plan["warmup"]):
            for m in r["warm"]:
                sink += read_once(data, r["op"], batch, m)[1]
        for m in r["warm"]:
            ms, token = read_once(data, r["op"], batch, m)
            out[r["name"]]["warm"].append(ms)
            sink += token
    return out, sink


def index_map(spec):
    """gpt-neox v1.0's _build_index_mappings with its C++ build_sample_idx written as numpy searches."""
    with open(spec["idx"], "rb") as f:
        header = f.read(34)
    count = int(np.frombuffer(header, dtype="<u8", count=1, offset=18)[0])
    sizes = np.memmap(spec["idx"], dtype=np.int32, mode="r", offset=34, shape=(count,))
    seq_length, num_samples = spec["seq_length"], spec["samples"]
    start = time.perf_counter()
    tokens_per_epoch = int(np.sum(sizes, dtype=np.int64))
    epochs = max(1, -(-(num_samples * seq_length + 1) // tokens_per_epoch))
    rng = np.random.RandomState(seed=spec["seed"])
    doc_idx = np.mgrid[0:epochs, 0:count][1].reshape(-1).astype(np.int32)
    rng.shuffle(doc_idx)
    t_doc = time.perf_counter()
    samples = (epochs * tokens_per_epoch - 1) // seq_length
    ends = np.cumsum(sizes[doc_idx], dtype=np.int64)
    positions = np.arange(samples + 1, dtype=np.int64) * seq_length
    docs = np.searchsorted(ends, positions, side="right")
    starts = np.concatenate(([0], ends))[docs]
    sample_idx = np.empty((samples + 1, 2), dtype=np.int32)
    sample_idx[:, 0] = docs
    sample_idx[:, 1] = positions - starts
    del ends, positions, docs, starts
    t_sample = time.perf_counter()
    shuffle_idx = np.arange(samples, dtype=np.uint32)
    rng.shuffle(shuffle_idx)
    t_shuffle = time.perf_counter()
    probes = {}
    for name, array in (("doc_idx", doc_idx), ("sample_idx", sample_idx.reshape(-1)), ("shuffle_idx", shuffle_idx)):
        at = np.linspace(0, len(array) - 1, spec["probes"]).astype(np.int64)
        probes[name] = {"at": [int(i) for i in at], "values": [int(v) for v in array[at]]}
    return {"doc_idx_s": t_doc - start, "sample_idx_s": t_sample - t_doc, "shuffle_idx_s": t_shuffle - t_sample,
            "total_s": t_shuffle - start, "epochs": epochs, "samples": int(samples), "probes": probes}


def main():
    with open(sys.argv[1]) as f:
        plan = json.load(f)
    result = {"numpy": np.__version__}
    if plan.get("references"):
        result["reads"], result["sink"] = reads(plan)
    if plan.get("index_map"):
        result["index_map"] = index_map(plan["index_map"])
    print(json.dumps(result))


if __name__ == "__main__":
    main()
