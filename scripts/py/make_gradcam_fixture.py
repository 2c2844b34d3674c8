#!/usr/bin/env python3
"""Grad-CAM and saliency fixture: what PyTorch computes, for lib/explain/gradcam-parity.test.ts.

For one small model of every family at 64x64 (the four shared parity models of
lib/runtime/fixtures/parity/: their constructors, their state_dict keys), every state_dict tensor
and the input are filled with the parity fixtures' hash formula (make_parity_fixture.py's `fill`,
salt k + 1 for entry k; input 2*u with salt 0), so no weights are stored: the test rebuilds them
from the keys of parity_<model>.json with lib/runtime/weights/hash-init.ts.

Grad-CAM (Selvaraju et al. 2017, eq. 1-2), the usual PyTorch way (as pytorch-grad-cam does): a
forward hook on the layer's module keeps its output A and `retain_grad()`s it; y[0, c].backward()
gives dA; alpha_k = dA.mean((2, 3)); cam = ReLU(sum_k alpha_k A_k), at the layer's resolution,
before any normalisation or upsampling. y is the logit (before the softmax). Layers: two or three
per model, the last being the map the global pool reads (Grad-CAM's default layer). DenseNet's
last map is F.relu(features(x)) in DenseNet.forward, not a module: it is hooked as the output of
that call (`features.relu5` in the IR). ReLUs are made out of place everywhere (nn.ReLU(inplace=
True) and F.relu(..., inplace=True) would overwrite A, or a tensor autograd saved, after the hook).

Vanilla saliency (Simonyan et al. 2014): max over channels of |d y[0, c] / d x|, c the top-1.

Float32 on the CPU, model.eval(); each map also computed in float64, whose difference is recorded
as the float32 round-off floor.

Usage (Debian's torch 1.13 / torchvision 0.14; no network, weights=None; a few seconds):
    /usr/bin/python3 scripts/py/make_gradcam_fixture.py --out lib/explain/fixtures/gradcam.json
"""
import argparse
import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F
import torchvision
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from digits_models import load_state_dict  # noqa: E402
from make_parity_fixture import bits_xor, fill, hash_u  # noqa: E402

SIZE = 64

# name -> (constructor text, builder, [layer module names]); the last layer is the pooled map.
MODELS = {
    'resnext_small': (
        'torchvision.models.resnet.ResNet(Bottleneck, [1, 1, 1, 1], groups=4, width_per_group=4, num_classes=10)',
        lambda: torchvision.models.resnet.ResNet(torchvision.models.resnet.Bottleneck, [1, 1, 1, 1], groups=4, width_per_group=4, num_classes=10),
        ['layer1', 'layer2.0.conv2', 'layer4'],
    ),
    'densenet_small': (
        'torchvision.models.DenseNet(growth_rate=12, block_config=(2, 2, 2), num_init_features=16, bn_size=4, num_classes=10)',
        lambda: torchvision.models.DenseNet(growth_rate=12, block_config=(2, 2, 2), num_init_features=16, bn_size=4, num_classes=10),
        ['features.denseblock1', 'features.transition2', 'features.relu5'],
    ),
    'shufflenet_v2_x0_5': (
        'torchvision.models.shufflenet_v2_x0_5(weights=None)',
        lambda: torchvision.models.shufflenet_v2_x0_5(weights=None),
        ['stage2', 'stage3.0', 'conv5'],
    ),
    'mnasnet0_5': (
        'torchvision.models.mnasnet0_5(weights=None)',
        lambda: torchvision.models.mnasnet0_5(weights=None),
        ['layers.8', 'layers.11', 'layers.16'],
    ),
}

_relu = F.relu


def relu_out_of_place(input, inplace=False):  # noqa: A002 (torch's argument name)
    return _relu(input, inplace=False)


F.relu = relu_out_of_place  # nn.ReLU and DenseNet.forward both call F.relu


def hash_model(build):
    model = build().eval()
    for m in model.modules():
        if hasattr(m, 'inplace'):
            m.inplace = False
    new_sd = {}
    for k, (key, t) in enumerate(model.state_dict().items()):
        new_sd[key] = torch.zeros_like(t) if t.dtype == torch.int64 else torch.from_numpy(fill(k, key, list(t.shape)))
    load_state_dict(model, new_sd)
    return model


def densenet_relu5(model, x, store):
    """DenseNet.forward (torchvision 0.14) with its final F.relu output kept for Grad-CAM."""
    a = F.relu(model.features(x))
    a.retain_grad()
    store['A'] = a
    out = torch.flatten(F.adaptive_avg_pool2d(a, (1, 1)), 1)
    return model.classifier(out)


def forward_keeping(model, name, x):
    store = {}
    if name == 'features.relu5':
        return densenet_relu5(model, x, store), store
    module = dict(model.named_modules())[name]

    def hook(_m, _i, out):
        out.retain_grad()
        store['A'] = out

    h = module.register_forward_hook(hook)
    try:
        y = model(x)
    finally:
        h.remove()
    return y, store


def grad_cam(model, name, x, c):
    model.zero_grad()
    y, store = forward_keeping(model, name, x)
    y[0, c].backward()
    a, g = store['A'], store['A'].grad
    alpha = g.mean(dim=(2, 3))  # eq. 1
    cam = torch.relu((alpha[:, :, None, None] * a).sum(dim=1))  # eq. 2
    return cam[0].detach(), alpha[0].detach(), float(y[0, c])


def saliency(model, x, c):
    x = x.clone().requires_grad_(True)
    model(x)[0, c].backward()
    return x.grad.abs().amax(dim=1)[0]


def rel_l2(a, ref):
    return float((a.double() - ref.double()).norm() / ref.double().norm()) if float(ref.double().norm()) > 0 else 0.0


def rounded(t):
    return [float(f'{v:.7g}') for v in t.reshape(-1).tolist()]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', required=True)
    args = ap.parse_args()
    torch.set_num_threads(2)
    shape = [1, 3, SIZE, SIZE]
    x_np = (2 * hash_u(0, int(np.prod(shape)))).astype(np.float32).reshape(shape)
    x = torch.from_numpy(x_np)
    models = []
    for mid, (constructor, build, layers) in MODELS.items():
        model = hash_model(build)
        m64 = hash_model(build).double()
        with torch.no_grad():
            logits = model(x)[0]
        order = torch.argsort(logits, descending=True).tolist()
        top1, second = order[0], order[1]
        cases = []
        for layer in layers:
            for c in (top1, second):
                cam, alpha, score = grad_cam(model, layer, x, c)
                cam64, alpha64, _ = grad_cam(m64, layer, x.double(), c)
                cases.append({
                    'layer': layer,
                    'class': c,
                    'score': score,
                    'shape': list(cam.shape),
                    'cam': rounded(cam),
                    'alpha_l2': float(alpha.double().norm()),
                    'alpha_sum': float(alpha.double().sum()),
                    'alpha_first': rounded(alpha[:8]),
                    'rel_l2_f32_vs_f64': rel_l2(cam, cam64),
                })
                print(f'{mid} {layer} class {c}: {list(cam.shape)}, max {float(cam.max()):.3g}, f32 vs f64 {cases[-1]["rel_l2_f32_vs_f64"]:.1e}')
        sal = saliency(model, x, top1)
        sal64 = saliency(m64, x.double(), top1)
        models.append({
            'name': mid,
            'constructor': constructor,
            'keys_from': f'lib/runtime/fixtures/parity/parity_{mid}.json',
            'top1': top1,
            'cases': cases,
            'saliency': {'class': top1, 'shape': list(sal.shape), 'map': rounded(sal), 'rel_l2_f32_vs_f64': rel_l2(sal, sal64)},
        })
        print(f'{mid} saliency class {top1}: f32 vs f64 {models[-1]["saliency"]["rel_l2_f32_vs_f64"]:.1e}')
    out = {
        'description': 'Grad-CAM (Selvaraju et al. 2017, eq. 1-2) and vanilla saliency computed by PyTorch on hash-initialised models; see scripts/py/make_gradcam_fixture.py',
        'torch_version': torch.__version__,
        'torchvision_version': torchvision.__version__,
        'mode': 'model.eval(), float32, CPU; ReLUs out of place',
        'formula': 'weights: the parity fixtures\' hash fill (make_parity_fixture.py fill, salt k+1 over the state_dict of keys_from); input: 2*u, salt 0, NCHW',
        'input': {'shape': shape, 'layout': 'NCHW', 'salt': 0, 'checksum': {'bits_xor': bits_xor(x_np)}},
        'layout': 'cam: [H, W] row-major (batch item 0); saliency: [H, W] row-major',
        'suggested_tolerance': {'rel_l2': 1e-4},
        'models': models,
    }
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, 'w') as f:
        json.dump(out, f, separators=(',', ':'))
    print(f'-> {args.out} ({os.path.getsize(args.out)} bytes)')


if __name__ == '__main__':
    main()
