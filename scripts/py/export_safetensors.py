#!/usr/bin/env python3
"""Export a torchvision state_dict (and optionally an input tensor) as .safetensors, for
`npm run -s arch -- run <id> --weights W.safetensors --input I.safetensors`.

The `safetensors` pip package is not needed: the format is an 8-byte little-endian header length,
a JSON header {name: {dtype, shape, data_offsets}}, then the raw little-endian tensor bytes.
The whole export is two lines:

    from export_safetensors import save_safetensors
    save_safetensors(torchvision.models.resnext50_32x4d(weights=None).state_dict(), 'w.safetensors')

As a script (Debian's torch/torchvision; weights=None because nothing can be downloaded here):

    /usr/bin/python3 scripts/py/export_safetensors.py resnext50_32x4d --out W.safetensors \
        --input-out I.safetensors --size 224 --expected-out expected.json [--seed 0] [--randomize-bn]

writes seeded random weights (torchvision's own init; --randomize-bn also fills the BatchNorm
affine parameters and running statistics so their layout matters), a seeded N(0,1) input named
`input` (NCHW) and the logits PyTorch computes for them, so the JavaScript side can be checked.
"""
import argparse
import json
import struct

import numpy as np
import torch

_DTYPES = {torch.float32: 'F32', torch.float16: 'F16', torch.bfloat16: 'BF16', torch.float64: 'F64', torch.int64: 'I64'}


def save_safetensors(tensors, path, metadata=None):
    """Write {name: torch.Tensor} as a .safetensors file (contiguous, little-endian, in dict order)."""
    header, blobs, offset = {}, [], 0
    if metadata:
        header['__metadata__'] = {str(k): str(v) for k, v in metadata.items()}
    for name, t in tensors.items():
        t = t.detach().cpu().contiguous()
        if t.dtype not in _DTYPES:
            raise ValueError(f'{name}: unsupported dtype {t.dtype}')
        # bfloat16 has no numpy dtype: write its bits through an int16 view.
        arr = (t.view(torch.int16) if t.dtype == torch.bfloat16 else t).numpy()
        raw = arr.astype(arr.dtype.newbyteorder('<'), copy=False).tobytes()
        header[name] = {'dtype': _DTYPES[t.dtype], 'shape': list(t.shape), 'data_offsets': [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    h = json.dumps(header, separators=(',', ':')).encode('utf-8')
    h += b' ' * (-(8 + len(h)) % 8)  # align the data region to 8 bytes, as the reference writer does
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def main():
    import torchvision

    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('model', help='torchvision.models builder, e.g. resnext50_32x4d, densenet121')
    ap.add_argument('--out', required=True, help='weights .safetensors')
    ap.add_argument('--input-out', help='also write a seeded N(0,1) input tensor named "input"')
    ap.add_argument('--size', type=int, default=224)
    ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--randomize-bn', action='store_true')
    ap.add_argument('--expected-out', help='write the PyTorch logits for --input-out as JSON')
    args = ap.parse_args()

    torch.manual_seed(args.seed)
    model = getattr(torchvision.models, args.model)(weights=None).eval()
    if args.randomize_bn:
        for m in model.modules():
            if isinstance(m, torch.nn.BatchNorm2d):
                m.weight.data.uniform_(0.5, 1.5)
                m.bias.data.uniform_(-0.2, 0.2)
                m.running_mean.uniform_(-0.2, 0.2)
                m.running_var.uniform_(0.5, 1.5)
    save_safetensors(model.state_dict(), args.out, {'format': 'pt', 'model': args.model})
    if args.input_out:
        x = torch.randn(1, 3, args.size, args.size)
        save_safetensors({'input': x}, args.input_out)
        if args.expected_out:
            with torch.no_grad():
                y = model(x)[0]
            with open(args.expected_out, 'w') as f:
                json.dump({'id': args.model, 'logits': y.tolist(), 'argmax': int(y.argmax())}, f)


if __name__ == '__main__':
    main()
