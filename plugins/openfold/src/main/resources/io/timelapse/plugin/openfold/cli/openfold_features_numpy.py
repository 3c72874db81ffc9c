"""The numpy side of `timelapse bench openfold-data`: OpenFold's input features of each chain, from its files.

For every chain listed (a tab-separated line: id, structure file (.pdb or .pdb.gz), chain id, re-rooted a3m) it does
what Timelapse's FeaturePipeline.inputFeatures does after reading the files, written the way a numpy user would
write it (fixed-column slicing of the PDB records, one vectorised pass per a3m row):

* the structure: ATOM records (and HETATM selenomethionine as MET, SE as SD) of the first model, up to the chain's
  TER; per residue number and insertion code the first residue type listed; per atom the highest occupancy, the first
  on a tie; atom37 positions and mask, aatype in AF2 order (X for non-standard);
* the a3m: lower-case insertions removed and counted into the next column's deletions, '.' dropped, sequences
  identical to an earlier one removed; HHblits codes mapped to AF2 order;
* the features: aatype, residue_index, seq_length, between_segment_residues, seq_mask, all_atom_positions,
  all_atom_mask, msa, deletion_matrix, msa_mask, num_alignments, hhblits_profile.

Usage: python3 openfold_features_numpy.py CHAINS.tsv TABLES.json REPEATS -> one JSON object: the milliseconds per
chain of each repeat over all chains (after one untimed pass), and totals that Timelapse checks against its own.
"""
import gzip
import json
import platform
import sys
import time

import numpy as np


def lookup(tables):
    codes = np.full(256, 20, dtype=np.int64)
    for i, letter in enumerate(tables["hhblits_order"][:20]):
        codes[ord(letter)] = i
    for letter, same in (("B", "D"), ("Z", "E"), ("U", "C")):
        codes[ord(letter)] = tables["hhblits_order"].index(same)
    codes[ord("-")] = 21
    return codes, np.asarray(tables["hhblits_to_af2"], dtype=np.int32)


def read_structure(path, chain_id, atom37, restypes):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    end = data.find(b"\nENDMDL")
    if end >= 0:
        data = data[:end]
    records = []
    wanted = chain_id.encode()
    for line in data.split(b"\n"):
        head = line[:6]
        if head == b"ATOM  " or head == b"HETATM":
            if line[21:22].strip() == wanted:
                records.append(line[:80].ljust(80))
        elif head.startswith(b"TER") and line[21:22].strip() == wanted:
            break
    rows = np.frombuffer(b"".join(records), dtype="S1").reshape(-1, 80)
    name3 = np.char.strip(np.ascontiguousarray(rows[:, 17:20]).view("S3").ravel())
    hetatm = np.ascontiguousarray(rows[:, :6]).view("S6").ravel() == b"HETATM"
    rows, name3 = rows[~hetatm | (name3 == b"MSE")], name3[~hetatm | (name3 == b"MSE")]
    atom = np.char.strip(np.ascontiguousarray(rows[:, 12:16]).view("S4").ravel())
    atom[(name3 == b"MSE") & (atom == b"SE")] = b"SD"
    xyz = np.ascontiguousarray(rows[:, 30:54]).view("S8").reshape(-1, 3).astype(np.float64)
    occupancy_text = np.char.strip(np.ascontiguousarray(rows[:, 54:60]).view("S6").ravel())
    occupancy = np.where(occupancy_text == b"", b"1", occupancy_text).astype(np.float64)
    key = np.ascontiguousarray(rows[:, 22:27]).view("S5").ravel()
    unique, first, residue = np.unique(key, return_index=True, return_inverse=True)
    order = np.argsort(first)
    rank = np.empty_like(order)
    rank[order] = np.arange(order.size)
    residue = rank[residue]
    first = first[order]
    names = name3[first]
    same_type = name3 == names[residue]
    slot = np.array([atom37.get(a, -1) for a in atom.tolist()], dtype=np.int64)
    keep = same_type & (slot >= 0)
    residue, slot, xyz, occupancy = residue[keep], slot[keep], xyz[keep], occupancy[keep]
    pick = np.lexsort((np.arange(residue.size), -occupancy, slot, residue))
    residue, slot, xyz = residue[pick], slot[pick], xyz[pick]
    firsts = np.ones(residue.size, dtype=bool)
    firsts[1:] = (residue[1:] != residue[:-1]) | (slot[1:] != slot[:-1])
    n = first.size
    positions = np.zeros((n, 37, 3), dtype=np.float32)
    mask = np.zeros((n, 37), dtype=np.float32)
    positions[residue[firsts], slot[firsts]] = xyz[firsts]
    mask[residue[firsts], slot[firsts]] = 1
    aatype = np.array([restypes.get(b"MET" if r == b"MSE" else r, 20) for r in names.tolist()], dtype=np.int32)
    return aatype, positions, mask


def read_a3m(path, codes, to_af2):
    with open(path, "rb") as f:
        text = f.read()
    seen = set()
    rows, deletions = [], []
    for record in text.split(b">")[1:]:
        body = record.partition(b"\n")[2].replace(b"\n", b"").replace(b" ", b"")
        letters = np.frombuffer(body, dtype=np.uint8)
        lower = (letters >= 97) & (letters <= 122)
        kept = ~lower & (letters != 46)
        aligned = letters[kept]
        key = aligned.tobytes()
        if key in seen:
            continue
        seen.add(key)
        rows.append(aligned)
        deletions.append(np.diff(np.cumsum(lower)[kept], prepend=0))
    msa = to_af2[codes[np.stack(rows)]]
    return msa, np.stack(deletions).astype(np.float32)


def features(chain, atom37, restypes, codes, to_af2):
    _, structure, chain_id, a3m = chain
    aatype, positions, mask = read_structure(structure, chain_id, atom37, restypes)
    msa, deletion_matrix = read_a3m(a3m, codes, to_af2)
    depth, n = msa.shape
    if n != aatype.size:
        raise SystemExit(f"{a3m}: the query has {n} columns, the chain {aatype.size} residues")
    profile = np.bincount((np.arange(n) * 22 + msa).ravel(), minlength=n * 22).reshape(n, 22) / depth
    return {
        "aatype": aatype, "residue_index": np.arange(n, dtype=np.int32), "seq_length": np.array([n], dtype=np.int32),
        "between_segment_residues": np.zeros(n, dtype=np.int32), "seq_mask": np.ones(n, dtype=np.float32),
        "all_atom_positions": positions, "all_atom_mask": mask, "msa": msa.astype(np.int32), "deletion_matrix": deletion_matrix,
        "msa_mask": np.ones((depth, n), dtype=np.float32), "num_alignments": np.array([depth], dtype=np.int32),
        "hhblits_profile": profile.astype(np.float32),
    }


def main():
    chains_file, tables_file, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open(tables_file) as f:
        tables = json.load(f)
    atom37 = {name.encode(): i for i, name in enumerate(tables["atom37"])}
    restypes = {name.encode(): i for i, name in enumerate(tables["restypes"])}
    codes, to_af2 = lookup(tables)
    with open(chains_file) as f:
        chains = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    made = [features(chain, atom37, restypes, codes, to_af2) for chain in chains]
    per_chain_ms = []
    for _ in range(repeats):
        start = time.perf_counter()
        for chain in chains:
            features(chain, atom37, restypes, codes, to_af2)
        per_chain_ms.append((time.perf_counter() - start) / len(chains) * 1e3)
    print(json.dumps({
        "numpy": np.__version__, "python": platform.python_version(), "chains": len(chains),
        "input_features_ms_per_chain": per_chain_ms,
        "residues": int(sum(f["seq_length"][0] for f in made)),
        "resolved_atoms": int(sum(f["all_atom_mask"].sum() for f in made)),
        "msa_rows": int(sum(f["num_alignments"][0] for f in made)),
        "deletions": int(sum(f["deletion_matrix"].sum() for f in made)),
        "profile_checksum": float(sum((f["hhblits_profile"] * np.arange(22)).sum() for f in made)),
    }))


if __name__ == "__main__":
    main()
