#!/usr/bin/env python3
"""Receptive-field fixture: what PyTorch's gradients say each node of a network sees.

For lib/arch/receptive-field.test.ts (the theoretical fields of lib/arch/receptive-field.ts must
equal these boxes). Recipe (issue 16, "Exactness"): every convolution and linear layer gets
positive weights (1/fan_in) and zero bias, every BatchNorm is the identity in eval mode (mean 0,
var 1, weight 1, bias 0), max pooling becomes average pooling of the same geometry, and the input
is all ones. Then every activation is positive, ReLU passes gradients everywhere, and the input
gradient of one output cell is > 0 exactly on the input pixels that cell depends on (float64, so
the products of ~60 layers of 1/9 do not underflow). Its bounding box is the receptive field
clipped to the image.

For each probed module (a torchvision module name: the IR's `moduleOutput(graph, name)`), three
cells are probed: the centre (H//2, W//2) and the two corners (0, 0) and (H−1, W−1); the corners
pin `start` and `jump` where the centre's box is clipped. A flat output (the classifier) is probed
once, summed over features. The gradient is of the sum over channels of that cell (the node's
field is the union over its channels).

Probed: up to 6 convolutions spread evenly through the network, up to 5 blocks (ResNet
Bottleneck, DenseNet _DenseBlock / _Transition, ShuffleNet InvertedResidual, MnasNet's stacks),
each ShuffleNet v2 stride-1 unit's first branch2 conv after the split (one per stage), and the last
Linear.

Usage (Debian's torch 1.13 / torchvision 0.14; no network, weights=None; ~2 min on 1 core):
    /usr/bin/python3 scripts/py/make_rf_fixture.py --out lib/arch/fixtures/rf_fixture.json
"""
import argparse
import json
import os
import sys

import torch
import torchvision
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from digits_models import DIGITS_IDS, build as build_digits  # noqa: E402

# One model per family at a small ImageNet size, and the five digits models at 28.
MODELS = [
    ('densenet121', 96),
    ('resnext50_32x4d', 112),
    ('resnet50', 112),
    ('shufflenet_v2_x1_0', 128),
    ('mnasnet1_0', 112),
] + [(i, 28) for i in DIGITS_IDS]

BLOCK_CLASSES = ('Bottleneck', '_DenseBlock', '_Transition', 'InvertedResidual', '_InvertedResidual')


def build(model_id):
    if model_id in DIGITS_IDS:
        return build_digits(model_id), 1
    return getattr(torchvision.models, model_id)(weights=None), 3


def positivise(model):
    """Positive conv/linear weights, identity BN, max pool -> avg pool of the same geometry."""
    for name, m in list(model.named_modules()):
        if isinstance(m, nn.Conv2d):
            fan_in = m.in_channels // m.groups * m.kernel_size[0] * m.kernel_size[1]
            nn.init.constant_(m.weight, 1.0 / fan_in)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
        elif isinstance(m, nn.Linear):
            nn.init.constant_(m.weight, 1.0 / m.in_features)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
        elif isinstance(m, nn.BatchNorm2d):
            nn.init.ones_(m.weight)
            nn.init.zeros_(m.bias)
            m.running_mean.zero_()
            m.running_var.fill_(1.0)
        for child_name, child in list(m.named_children()):
            if isinstance(child, nn.MaxPool2d):
                setattr(m, child_name, nn.AvgPool2d(child.kernel_size, child.stride, child.padding, ceil_mode=child.ceil_mode))
    return model


def evenly(items, n):
    if len(items) <= n:
        return list(items)
    return [items[round(i * (len(items) - 1) / (n - 1))] for i in range(n)]


def probes(model):
    mods = list(model.named_modules())
    convs = [n for n, m in mods if isinstance(m, nn.Conv2d)]
    blocks = [n for n, m in mods if type(m).__name__ in BLOCK_CLASSES]
    if not blocks:  # MnasNet's stacks are plain nn.Sequential children of `layers`
        blocks = [n for n, m in mods if isinstance(m, nn.Sequential) and n.count('.') == 1 and n.startswith('layers.')
                  and any(type(c).__name__ == '_InvertedResidual' for c in m.children())]
    splits = []
    for n, m in mods:  # ShuffleNet v2 stride-1 units: channel split, then branch2
        if type(m).__name__ == 'InvertedResidual' and m.stride == 1:
            stage = n.split('.')[0]
            if not any(s.startswith(stage + '.') for s in splits):
                splits.append(n + '.branch2.0')
    linears = [n for n, m in mods if isinstance(m, nn.Linear)]
    names = evenly(convs, 6) + evenly(blocks, 5) + splits + linears[-1:]
    order = {n: i for i, (n, _) in enumerate(mods)}
    return sorted(dict.fromkeys(names), key=lambda n: order[n])


def box(grad):
    g = grad.abs().sum(dim=(0, 1))
    ys = torch.nonzero(g.sum(dim=1) > 0).flatten()
    xs = torch.nonzero(g.sum(dim=0) > 0).flatten()
    return [int(ys.min()), int(xs.min()), int(ys.max()), int(xs.max())]


def measure(model_id, size):
    torch.manual_seed(0)
    model, in_c = build(model_id)
    model = positivise(model).double().eval()
    names = probes(model)
    outs = {}
    modules = dict(model.named_modules())
    hooks = [modules[n].register_forward_hook(lambda _m, _i, o, n=n: outs.__setitem__(n, o)) for n in names]
    x = torch.ones(1, in_c, size, size, dtype=torch.float64, requires_grad=True)
    model(x)
    for h in hooks:
        h.remove()
    layers = []
    for n in names:
        o = outs[n]
        cells = []
        if o.dim() == 4:
            H, W = o.shape[2], o.shape[3]
            for cy, cx in [(H // 2, W // 2), (0, 0), (H - 1, W - 1)]:
                (g,) = torch.autograd.grad(o[0, :, cy, cx].sum(), x, retain_graph=True)
                cells.append({'cell': [cy, cx], 'box': box(g)})
        else:
            (g,) = torch.autograd.grad(o[0].sum(), x, retain_graph=True)
            cells.append({'cell': None, 'box': box(g)})
        layers.append({'module': n, 'outShape': list(o.shape[1:]), 'cells': cells})
        print(f'{model_id} {n} {list(o.shape[1:])} {[c["box"] for c in cells]}', file=sys.stderr)
    return {'id': model_id, 'size': size, 'layers': layers}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--out', required=True)
    ap.add_argument('--only', nargs='*', help='model ids (default: all of MODELS)')
    args = ap.parse_args()
    torch.set_num_threads(1)
    chosen = [(i, s) for i, s in MODELS if not args.only or i in args.only]
    fixture = {
        'generator': 'scripts/py/make_rf_fixture.py',
        'torch': torch.__version__,
        'torchvision': torchvision.__version__,
        'boxes': 'input-gradient bounding box [y0, x0, y1, x1] (inclusive) of one cell, summed over channels',
        'models': [measure(i, s) for i, s in chosen],
    }
    with open(args.out, 'w') as f:
        json.dump(fixture, f, indent=1)
        f.write('\n')


if __name__ == '__main__':
    main()
