#!/usr/bin/python3
"""Reference data for lib/arch tests, generated from the real torchvision models.

Run with Debian's torch 1.13 / torchvision 0.14 (weights=None, nothing is downloaded):

    /usr/bin/python3 scripts/py/reference_data.py

Writes (all committed, so tests never need Python):
  lib/arch/reference/state_dict_keys.json  {model: [[key, shape], ...]} in state_dict order,
                                           num_batches_tracked included (shape [])
  lib/arch/reference/stage_shapes.json     {model: {"224": {module: [C,H,W] or [F]}, "64": {...}}}
                                           output shapes of selected modules (forward hooks)
  lib/arch/reference/torchvision_counts.json {model: {params, macs}} at 224, counted with hooks
                                           (Conv2d: outH*outW*outC*inC/groups*kh*kw, Linear: in*out)
  lib/arch/reference/digits_counts.json    {model: {size: 28, input, params, macs, bn_momentum}} of
                                           the digits models (scripts/py/digits_models.py), the
                                           BatchNorm momenta as the sorted set of the modules' own
The digits models' state_dict keys go in state_dict_keys.json and their module output shapes (at 28
and 64, 1 input channel) in stage_shapes.json, next to the torchvision models'.
"""
import json
import os

import torch
import torchvision
from torchvision.models import resnet

from digits_models import DIGITS_IDS, INPUT_SHAPE, build as build_digits, count

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
OUT = os.path.join(ROOT, "lib", "arch", "reference")

TORCHVISION = [
    "densenet121", "densenet161", "densenet169", "densenet201",
    "resnext50_32x4d", "resnext101_32x8d", "resnext101_64x4d",
    "shufflenet_v2_x0_5", "shufflenet_v2_x1_0", "shufflenet_v2_x1_5", "shufflenet_v2_x2_0",
    "mnasnet0_5", "mnasnet0_75", "mnasnet1_0", "mnasnet1_3",
    "resnet50",
]

# The two small parity models of ../shared/parity (constructor calls copied from those files).
PARITY = {
    "densenet_small": lambda: torchvision.models.DenseNet(
        growth_rate=12, block_config=(2, 2, 2), num_init_features=16, bn_size=4, num_classes=10),
    "resnext_small": lambda: resnet.ResNet(
        resnet.Bottleneck, [1, 1, 1, 1], groups=4, width_per_group=4, num_classes=10),
}


def make(name):
    if name in DIGITS_IDS:
        return build_digits(name)
    if name in PARITY:
        return PARITY[name]()
    return getattr(torchvision.models, name)(weights=None)


def hook_names(name, model):
    """Modules whose outputs the shape test compares (stage boundaries and a few layers)."""
    mods = dict(model.named_modules())
    if name.startswith("densenet"):
        cand = ["features.conv0", "features.pool0"]
        for i in range(1, 5):
            cand += [f"features.denseblock{i}", f"features.transition{i}"]
        cand += ["features.norm5", "classifier"]
    elif name.startswith("res"):
        cand = ["conv1", "maxpool"] + [f"layer{i}" for i in range(1, 5)] + [f"layer{i}.0" for i in range(1, 5)] + ["fc"]
    elif name.startswith("shufflenet"):
        cand = ["conv1", "maxpool", "stage2", "stage3", "stage4", "stage2.0", "conv5", "fc"]
    else:
        cand = ["layers.0", "layers.7"] + [f"layers.{i}" for i in range(8, 17)] + ["classifier"]
    # A module a digits model replaced by nn.Identity (maxpool, layer3, ...) has no node of its own.
    return [c for c in cand if c in mods and not isinstance(mods[c], torch.nn.Identity)]


def stage_shapes(name, model, size):
    model.eval()
    mods = dict(model.named_modules())
    shapes = {}
    handles = []
    for n in hook_names(name, model):
        def hook(_m, _i, out, n=n):
            shapes[n] = list(out.shape[1:])
        handles.append(mods[n].register_forward_hook(hook))
    in_channels = next(m for m in model.modules() if isinstance(m, torch.nn.Conv2d)).in_channels
    with torch.no_grad():
        model(torch.zeros(1, in_channels, size, size))
    for h in handles:
        h.remove()
    return shapes


def main():
    keys, shapes, counts, digits = {}, {}, {}, {}
    for name in TORCHVISION + list(PARITY) + DIGITS_IDS:
        torch.manual_seed(0)
        model = make(name)
        keys[name] = [[k, list(v.shape)] for k, v in model.state_dict().items()]
        sizes = (INPUT_SHAPE[1], 64) if name in DIGITS_IDS else (224, 64)
        shapes[name] = {str(s): stage_shapes(name, model, s) for s in sizes}
        if name in TORCHVISION:
            counts[name] = count(model, size=224, channels=3)
        if name in DIGITS_IDS:
            momenta = sorted({m.momentum for m in model.modules() if isinstance(m, torch.nn.BatchNorm2d)})
            digits[name] = {"size": INPUT_SHAPE[1], "input": list(INPUT_SHAPE), **count(model), "bn_momentum": momenta}
        print(name, len(keys[name]), counts.get(name) or digits.get(name))
    meta = {"generator": "scripts/py/reference_data.py", "torch": torch.__version__,
            "torchvision": torchvision.__version__}
    for fname, data in (("state_dict_keys.json", keys), ("stage_shapes.json", shapes),
                        ("torchvision_counts.json", counts), ("digits_counts.json", digits)):
        with open(os.path.join(OUT, fname), "w") as f:
            json.dump({"_meta": meta, "models": data}, f, separators=(",", ":"))
            f.write("\n")


if __name__ == "__main__":
    main()
