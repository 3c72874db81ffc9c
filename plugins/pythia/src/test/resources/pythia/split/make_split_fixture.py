"""Independent reference for the split route (--data-path with a split string), for the tests.

Written from the spec (shared/specs/pythia-loader.md, 1b and 1c) with numpy's own legacy
RandomState for the shuffles; not run by the build. Usage: python3 make_split_fixture.py CORPUS_PREFIX
"""
import sys
import numpy as np

prefix = sys.argv[1]
idx = open(prefix + ".idx", "rb").read()
n = int.from_bytes(idx[18:26], "little")
sizes = np.frombuffer(idx, dtype="<i4", count=n, offset=34)

split, sl, seed = "90,8,2", 64, 1234
train_iters, gbs, eval_interval, eval_iters = 50, 8, 20, 3
counts = [train_iters * gbs, (train_iters // eval_interval + 1) * eval_iters * gbs, eval_iters * gbs]

parts = [float(s) for s in split.split(",")]
parts = [p / sum(parts) for p in parts]
bounds = [0]
for i, p in enumerate(parts):
    bounds.append(bounds[i] + int(round(p * float(n))))
diff = bounds[-1] - n
bounds = [bounds[0]] + [b - diff for b in bounds[1:]]

for i, name in enumerate(["train", "valid", "test"]):
    docs = np.arange(bounds[i], bounds[i + 1], dtype=np.int32)
    ns = counts[i]
    tokens = int(np.sum(sizes[docs]))
    epochs = 1
    while (epochs * tokens - 1) // sl < ns:
        epochs += 1
    rng = np.random.RandomState(seed)
    doc_idx = np.tile(docs, epochs).astype(np.int32)
    rng.shuffle(doc_idx)
    s = (epochs * tokens - 1) // sl
    sample_idx = np.zeros((s + 1, 2), dtype=np.int32)
    di, off = 0, 0
    for k in range(1, s + 1):
        remaining = sl + 1
        while remaining != 0:
            length = int(sizes[doc_idx[di]]) - off
            remaining -= length
            if remaining <= 0:
                off += remaining + length - 1
                remaining = 0
            else:
                di += 1
                off = 0
        sample_idx[k] = (di, off)
    shuffle_idx = np.arange(s, dtype=np.uint32)
    rng.shuffle(shuffle_idx)
    base = "document_%s_indexmap_%dns_%dsl_%ds" % (name, ns, sl, seed)
    np.save(base + "_doc_idx.npy", doc_idx)
    np.save(base + "_sample_idx.npy", sample_idx)
    np.save(base + "_shuffle_idx.npy", shuffle_idx)
    print(name, bounds[i], bounds[i + 1], ns, epochs, s)
