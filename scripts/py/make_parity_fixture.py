#!/usr/bin/env python3
"""Make a numeric parity fixture for a full-size torchvision model (lib/runtime/fixtures/parity/).

Fills every state_dict tensor and the input with the shared integer-hash formula (the `formula` of
lib/runtime/fixtures/parity/parity_*.json: fmix32 of a salted index, float64 arithmetic in the
written order, rounded once to float32), runs the model in eval mode on the CPU, and writes only
what a test needs: the key list (order + shapes), the logits, a float64 reference error, and a few
per-stage statistics. The JavaScript test rebuilds weights and input from the same formula, so no
weights are stored and the test needs no Python.

Usage (Debian's torch 1.13 / torchvision 0.14; no network, weights=None):
    /usr/bin/python3 scripts/py/make_parity_fixture.py resnext50_32x4d --size 64 \
        --out lib/runtime/fixtures/parity/parity_resnext50_32x4d.json

The digits models (scripts/py/digits_models.py: torchvision's classes with documented
replacements, 1 input channel) are made the same way, at 28x28x1, with the logits only (no stage
checkpoints, so the fixture stays small):
    /usr/bin/python3 scripts/py/make_parity_fixture.py densenet_digits --size 28 --logits-only \
        --out lib/runtime/fixtures/parity/parity_densenet_digits.json
"""
import argparse
import json
import math

import numpy as np
import torch
import torchvision

from digits_models import DIGITS_IDS, build as build_digits, load_state_dict

M32 = 0xFFFFFFFF


def fmix32(h):
    h = h & M32
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & M32
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & M32
    h ^= h >> 16
    return h


def hash_u(salt, n):
    """u(s, i) for i in [0, n): float64 in [-0.5, 0.5). uint64 keeps the products exact before masking."""
    i = np.arange(n, dtype=np.uint64)
    h0 = (i * np.uint64(0x9E3779B1) + np.uint64((salt * 0x85EBCA77) & M32)) & np.uint64(M32)
    return fmix32(h0).astype(np.float64) / 4294967296.0 - 0.5


def fill(k, key, shape):
    n = int(np.prod(shape)) if len(shape) else 1
    u = hash_u(k + 1, n)
    if key.endswith('running_var'):
        v = 1 + 0.5 * np.abs(u)
    elif key.endswith('running_mean'):
        v = 0.1 * u
    elif len(shape) >= 2:
        fan_in = n / shape[0]
        s6 = 6 / fan_in
        r = math.sqrt(s6)
        g = 2 * r
        v = u * g
    elif key.endswith('.weight'):
        v = 1 + 0.1 * u
    else:
        v = 0.1 * u
    return v.astype(np.float32).reshape(shape)


def stats(t):
    a = t.detach().double().reshape(-1)
    n = a.numel()
    probes = sorted({0, n // 7, n // 3, n // 2, (2 * n) // 3, n - 1})
    return {
        'shape': list(t.shape),
        'sum': float(a.sum()),
        'l2': float(a.norm()),
        'mean': float(a.mean()),
        'abs_max': float(a.abs().max()),
        'first': [float(x) for x in a[:8]],
        'probes': {str(p): float(a[p]) for p in probes},
    }


def bits_xor(arr):
    return int(np.bitwise_xor.reduce(arr.reshape(-1).view(np.uint32))) if arr.size else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('model', help='torchvision.models builder name, e.g. resnext50_32x4d, or a digits model id (digits_models.py)')
    ap.add_argument('--size', type=int, default=64)
    ap.add_argument('--out', required=True)
    ap.add_argument('--logits-only', action='store_true', help='no stage checkpoints (a small fixture)')
    args = ap.parse_args()

    torch.set_num_threads(2)
    digits = args.model in DIGITS_IDS
    if digits:
        model = build_digits(args.model).eval()
        constructor = f'scripts/py/digits_models.py build({args.model!r})'
    else:
        model = getattr(torchvision.models, args.model)(weights=None).eval()
        constructor = f'torchvision.models.{args.model}(weights=None)'
    sd = model.state_dict()
    keys = []
    new_sd = {}
    for k, (key, t) in enumerate(sd.items()):
        entry = {'k': k, 'key': key, 'shape': list(t.shape), 'dtype': str(t.dtype).replace('torch.', '')}
        if t.dtype == torch.int64:
            new_sd[key] = torch.zeros_like(t)  # num_batches_tracked: left at 0
        else:
            arr = fill(k, key, list(t.shape))
            new_sd[key] = torch.from_numpy(arr)
            if k < 6:  # a few checksums prove the formula is bit-identical in JS
                entry['checksum'] = {'bits_xor': bits_xor(arr), 'sum_f64_sequential': float(np.sum(arr.astype(np.float64)))}
        keys.append(entry)
    load_state_dict(model, new_sd)  # with the model's _metadata: MNASNet needs its version

    in_channels = next(m for m in model.modules() if isinstance(m, torch.nn.Conv2d)).in_channels
    shape = [1, in_channels, args.size, args.size]
    x = (2 * hash_u(0, int(np.prod(shape)))).astype(np.float32).reshape(shape)
    xt = torch.from_numpy(x)

    # Stage checkpoints: outputs of the top-level modules (features.* for DenseNet), recorded in
    # the hook itself, before any in-place ReLU downstream can modify them.
    checkpoints = []
    root = model.features if hasattr(model, 'features') and args.model.startswith('densenet') else model
    prefix = 'features.' if root is not model else ''
    hooks = []
    for name, mod in ([] if args.logits_only else root.named_children()):
        def hook(_m, _i, out, name=prefix + name, typ=type(mod).__name__):
            checkpoints.append({'name': name, 'type': typ, **stats(out)})
        hooks.append(mod.register_forward_hook(hook))
    if root is not model and not args.logits_only:
        hooks.append(model.classifier.register_forward_hook(lambda _m, _i, out: checkpoints.append({'name': 'classifier', 'type': 'Linear', **stats(out)})))
    with torch.no_grad():
        y = model(xt)
    for h in hooks:
        h.remove()
    with torch.no_grad():
        y64 = model.double()(xt.double())
    logits = y[0].tolist()
    rel = float((y.double() - y64).norm() / y64.norm())

    out = {
        'name': args.model,
        'constructor': constructor,
        'torch_version': torch.__version__,
        'torchvision_version': torchvision.__version__,
        'mode': 'model.eval(), float32, CPU',
        'formula': 'same as parity_resnext_small.json `formula` (hash fill of every state_dict entry, salt k+1; input salt 0, 2*u)',
        'input': {'shape': shape, 'layout': 'NCHW', 'salt': 0, 'checksum': {'bits_xor': bits_xor(x), 'sum_f64_sequential': float(np.sum(x.astype(np.float64)))}},
        'output': {
            'shape': list(y.shape),
            'all_logits': logits,
            'l2_norm': float(y.double().norm()),
            'argmax': int(y.argmax()),
        },
        'float64_reference': {'rel_l2_diff_f32_vs_f64': rel},
        'suggested_tolerance': {'rel_l2': 1e-4},
        'checkpoints': checkpoints,
        'state_dict': keys,
    }
    with open(args.out, 'w') as f:
        json.dump(out, f, separators=(',', ':'))
    print(f'{args.model} @{args.size}: {len(keys)} keys, argmax {out["output"]["argmax"]}, f32 vs f64 rel L2 {rel:.2e} -> {args.out}')


if __name__ == '__main__':
    main()
