#!/usr/bin/python3
"""Load a .safetensors state_dict written by the site's trainer (lib/train/save.ts) into the digits
model built from torchvision's classes (digits_models.py), strictly, and print what PyTorch sees:

    /usr/bin/python3 scripts/py/load_trained.py <digits model id> <weights.safetensors>

prints one JSON object: the file's metadata, whether its keys come in model.state_dict() order,
load_state_dict's missing/unexpected keys, every num_batches_tracked (value and dtype), and the
eval-mode logits of the fixed input x[0, 0, i, j] = (28·i + j) / 783. Reads the format by hand
(8-byte header length, JSON header, raw little-endian data), so it needs only torch and numpy.
"""
import json
import struct
import sys

import numpy as np
import torch

import digits_models

DTYPES = {"F32": np.float32, "F64": np.float64, "I64": np.int64, "I32": np.int32}


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + n])
    metadata = header.pop("__metadata__", {})
    base = 8 + n
    tensors = {}
    for key, e in header.items():
        begin, end = e["data_offsets"]
        arr = np.frombuffer(data[base + begin : base + end], dtype=DTYPES[e["dtype"]]).reshape(e["shape"])
        tensors[key] = torch.from_numpy(arr.copy())
    return metadata, tensors


def main():
    model_id, path = sys.argv[1], sys.argv[2]
    metadata, tensors = read_safetensors(path)
    model = digits_models.build(model_id)
    order = list(model.state_dict().keys()) == list(tensors.keys())
    result = digits_models.load_state_dict(model, tensors, strict=False)
    model.eval()
    x = torch.arange(784, dtype=torch.float32).reshape(1, 1, 28, 28) / 783
    with torch.no_grad():
        logits = model(x)[0].tolist()
    nbt = {k: {"value": int(v.item()), "dtype": str(v.dtype)} for k, v in model.state_dict().items() if k.endswith("num_batches_tracked")}
    print(
        json.dumps(
            {
                "metadata": metadata,
                "key_order": order,
                "missing": list(result.missing_keys),
                "unexpected": list(result.unexpected_keys),
                "num_batches_tracked": nbt,
                "logits": logits,
            }
        )
    )


if __name__ == "__main__":
    main()
