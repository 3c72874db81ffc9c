#!/usr/bin/env python3
"""Converts an OpenFold PyTorch checkpoint into the safetensors weights file Timelapse loads.

Usage: python3 openfold_to_safetensors.py CHECKPOINT.pt OUT.safetensors [--config NAME]
           [--dtype float32|float64] [--exclude PREFIX ...]

CHECKPOINT is what OpenFold saves: a plain state dict (torch.save(model.state_dict())), a PyTorch
Lightning checkpoint ({"state_dict": {"model.<key>": ...}}, or its EMA weights under
{"ema": {"params": ...}}), or a DeepSpeed one ({"module": ...}). Keys keep OpenFold's state_dict
names; a leading "model." or "module." is removed. --exclude drops every key starting with PREFIX,
for example --exclude template_ for a model without templates. The file is read with
torch.load(weights_only=True), so nothing in it is executed, and written with json and numpy only
(no safetensors package needed); it is written to a temporary file and renamed into place.
"""
import argparse
import json
import os
import struct
import sys

import numpy as np
import torch

FORMAT = "openfold-state-dict"
DTYPES = {np.dtype("float32"): "F32", np.dtype("float64"): "F64"}


def state_dict(checkpoint):
    if isinstance(checkpoint, dict) and isinstance(checkpoint.get("ema"), dict) and "params" in checkpoint["ema"]:
        checkpoint = checkpoint["ema"]["params"]
    elif isinstance(checkpoint, dict) and isinstance(checkpoint.get("state_dict"), dict):
        checkpoint = checkpoint["state_dict"]
    elif isinstance(checkpoint, dict) and isinstance(checkpoint.get("module"), dict):
        checkpoint = checkpoint["module"]
    if not isinstance(checkpoint, dict) or not all(torch.is_tensor(v) for v in checkpoint.values()):
        raise SystemExit("error: the checkpoint holds no state dict of tensors")
    out = {}
    for key, value in checkpoint.items():
        for prefix in ("model.", "module."):
            if key.startswith(prefix):
                key = key[len(prefix):]
                break
        out[key] = value
    return out


def write_safetensors(path, tensors, metadata):
    header = {"__metadata__": metadata}
    offset = 0
    # Widest dtype first, then by name, so every tensor starts at a multiple of its element size.
    names = sorted(tensors, key=lambda n: (-tensors[n].itemsize, n.encode("utf-8")))
    for name in names:
        array = tensors[name]
        header[name] = {"dtype": DTYPES[array.dtype], "shape": list(array.shape),
                        "data_offsets": [offset, offset + array.nbytes]}
        offset += array.nbytes
    encoded = json.dumps(header, separators=(",", ":")).encode("utf-8")
    encoded += b" " * (-len(encoded) % 8)
    temporary = path + ".tmp"
    with open(temporary, "wb") as out:
        out.write(struct.pack("<Q", len(encoded)))
        out.write(encoded)
        for name in names:
            out.write(np.ascontiguousarray(tensors[name]).astype(tensors[name].dtype.newbyteorder("<")).tobytes())
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, path)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkpoint")
    parser.add_argument("out")
    parser.add_argument("--config", default="", help="The configuration name to record, e.g. initial_training.")
    parser.add_argument("--dtype", default="float32", choices=["float32", "float64"])
    parser.add_argument("--exclude", action="append", default=[], help="Drop keys starting with this prefix.")
    args = parser.parse_args(argv)
    checkpoint = torch.load(args.checkpoint, map_location="cpu", weights_only=True)
    tensors = {}
    for key, value in state_dict(checkpoint).items():
        if any(key.startswith(prefix) for prefix in args.exclude):
            continue
        if not value.is_floating_point():
            raise SystemExit(f"error: {key} is {value.dtype}; OpenFold's parameters are floating tensors")
        tensors[key] = value.detach().to(torch.float64).numpy().astype(args.dtype)
    metadata = {"format": FORMAT, "source": os.path.basename(args.checkpoint)}
    if args.config:
        metadata["config"] = args.config
    write_safetensors(args.out, tensors, metadata)
    print(f"{args.out}: {len(tensors)} tensors")


if __name__ == "__main__":
    main(sys.argv[1:])
