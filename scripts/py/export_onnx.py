#!/usr/bin/env python3
"""Export torchvision models to ONNX for the ONNX Runtime Web comparison in `npm run bench -- --ort`.

The models are the same torchvision definitions the site's lib/arch graphs mirror (weights=None:
nothing can be downloaded here). Every parameter and BN buffer is set from a seeded generator so
the file is reproducible; the values do not affect speed. Opset 13, batch 1, NCHW input of the
chosen square size, eval mode (BatchNorm is exported as BatchNormalization and folded by ORT's
graph optimiser at session creation, as our runtime folds it at load time).

Usage (Debian's torch 1.13 / torchvision 0.14 at /usr/bin/python3):
    /usr/bin/python3 scripts/py/export_onnx.py resnet50 resnext50_32x4d --size 224 --out-dir .bench/onnx
writes .bench/onnx/<id>_<size>.onnx (skipped when it already exists, unless --force).
"""
import argparse
import os
import sys

import torch
import torchvision

MODELS = [
    'densenet121', 'densenet161', 'densenet169', 'densenet201',
    'resnext50_32x4d', 'resnext101_32x8d', 'resnext101_64x4d',
    'shufflenet_v2_x0_5', 'shufflenet_v2_x1_0', 'shufflenet_v2_x1_5', 'shufflenet_v2_x2_0',
    'mnasnet0_5', 'mnasnet0_75', 'mnasnet1_0', 'mnasnet1_3',
    'resnet50',
]


def seeded_model(model_id, seed):
    ctor = getattr(torchvision.models, model_id, None)
    if ctor is None:
        raise SystemExit(f'torchvision {torchvision.__version__} has no model {model_id}')
    model = ctor(weights=None)
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, t in model.state_dict().items():
            if not t.is_floating_point():
                continue  # num_batches_tracked
            if name.endswith('running_var'):
                t.copy_(1 + 0.5 * torch.rand(t.shape, generator=g))
            elif name.endswith('running_mean'):
                t.copy_(0.1 * (torch.rand(t.shape, generator=g) - 0.5))
            elif t.dim() >= 2:
                fan_in = t[0].numel()
                bound = (6.0 / fan_in) ** 0.5
                t.copy_((torch.rand(t.shape, generator=g) * 2 - 1) * bound)
            elif name.endswith('weight'):
                t.copy_(1 + 0.1 * (torch.rand(t.shape, generator=g) - 0.5))
            else:
                t.copy_(0.1 * (torch.rand(t.shape, generator=g) - 0.5))
    return model.eval()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('models', nargs='+', help=f'model ids: {", ".join(MODELS)}')
    ap.add_argument('--size', type=int, default=224, help='square input size (default 224)')
    ap.add_argument('--out-dir', default='.bench/onnx')
    ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--opset', type=int, default=13)
    ap.add_argument('--force', action='store_true', help='re-export even if the file exists')
    args = ap.parse_args()

    bad = [m for m in args.models if m not in MODELS]
    if bad:
        print(f'unknown model id(s): {", ".join(bad)}; one of: {", ".join(MODELS)}', file=sys.stderr)
        sys.exit(2)
    if not 32 <= args.size <= 512:
        print(f'--size must be 32..512, got {args.size}', file=sys.stderr)
        sys.exit(2)
    os.makedirs(args.out_dir, exist_ok=True)
    torch.set_num_threads(1)
    for model_id in args.models:
        path = os.path.join(args.out_dir, f'{model_id}_{args.size}.onnx')
        if os.path.exists(path) and not args.force:
            print(f'{path} exists')
            continue
        model = seeded_model(model_id, args.seed)
        x = torch.zeros(1, 3, args.size, args.size)
        tmp = path + '.tmp'
        torch.onnx.export(model, x, tmp, opset_version=args.opset, input_names=['input'], output_names=['logits'],
                          do_constant_folding=True)
        os.replace(tmp, path)
        print(f'{path} ({os.path.getsize(path) / 1e6:.1f} MB)')


if __name__ == '__main__':
    main()
