#!/usr/bin/python3
"""The digits members of each family (lib/arch/registry.ts), in PyTorch, from torchvision's own classes.

Each model takes a [N, 1, 28, 28] float32 batch with values in [0, 1] (white digit on black, as in
MNIST, no normalisation) and returns 10 logits. Each is built by torchvision's class for its family
and then a few documented modules are replaced, nothing else, so its state_dict keys, shapes,
parameter count and MACs equal the site's spec (lib/arch/reference/digits_counts.json, checked by
lib/arch/reference.test.ts) and a practitioner can train it in PyTorch and load the site's
.safetensors (or the reverse) with `model.load_state_dict(...)`.

Replacements (all of them; every other module is torchvision's):

  densenet_digits       torchvision.models.DenseNet(growth_rate=12, block_config=(4, 4, 4),
                        num_init_features=24, bn_size=4, num_classes=10): DenseNet-BC (bottleneck,
                        compression 0.5 as torchvision's _Transition always does), k = 12, L = 28.
                        features.conv0 -> Conv2d(1, 24, 3, stride 1, padding 1);
                        features.pool0 -> nn.Identity. (norm0 and relu0 stay.)
  resnext_digits        torchvision.models.ResNet(Bottleneck, [1, 1, 1, 1], groups=32,
                        width_per_group=4, num_classes=10), the 32x4d of the ResNeXt paper's Table 1.
  resnet_digits         the same with groups=1, width_per_group=64 (ResNet's 1x64d).
                        Both: conv1 -> Conv2d(1, 64, 3, stride 2, padding 1); maxpool -> nn.Identity;
                        layer3, layer4 -> nn.Identity (torchvision fixes planes 64·2^i, so fewer
                        stages is how the network fits 500k parameters); fc -> Linear(512, 10).
  shufflenet_v2_digits  torchvision.models.ShuffleNetV2([4, 8, 4], [24, 48, 96, 192, 1024],
                        num_classes=10), the 0.5x widths of the paper's Table 5.
                        conv1.0 -> Conv2d(1, 24, 3, stride 1, padding 1); maxpool -> nn.Identity.
  mnasnet_digits        torchvision.models.MNASNet(0.35, num_classes=10) (MnasNet-B1, alpha 0.35).
                        layers.0 -> Conv2d(1, 16, 3, stride 1, padding 1);
                        layers.14 -> Conv2d(112, 512, 1) and layers.15 -> BatchNorm2d(512, momentum
                        1 - 0.9997) (the 1280-channel head alone would put it over 500k parameters);
                        classifier.1 -> Linear(512, 10).

A replaced module is initialised the way its class initialises that kind of module (e.g.
kaiming_normal_ fan_out for ResNet's convs), so training from scratch starts as torchvision would.

    from digits_models import build, DIGITS_IDS, load_state_dict   # (scripts/py on sys.path)
    model = build('densenet_digits')                # nn.Module, train mode, seeded by the caller
    load_state_dict(model, safetensors.torch.load_file('densenet_digits.safetensors'))

Use load_state_dict (below) rather than model.load_state_dict for a plain dict of tensors (a
.safetensors file): torchvision's MNASNet refuses a state_dict without its `_metadata` version
("version shluld be set to 1 or 2 instead of None", torchvision 0.14 mnasnet.py
_load_from_state_dict); the helper carries over the model's own metadata.

CLI (Debian's torch 1.13 / torchvision 0.14, no network):

    /usr/bin/python3 scripts/py/digits_models.py          # table: id, params, MACs at 28x28
    /usr/bin/python3 scripts/py/digits_models.py --json   # {id: {params, macs}}
"""
import argparse
import json
from collections import OrderedDict

import torch
import torchvision
from torch import nn
from torchvision.models import resnet
from torchvision.models.mnasnet import _BN_MOMENTUM

DIGITS_IDS = ["densenet_digits", "resnext_digits", "resnet_digits", "shufflenet_v2_digits", "mnasnet_digits"]
INPUT_SHAPE = (1, 28, 28)
NUM_CLASSES = 10


def _init_densenet(m):
    # torchvision/models/densenet.py, DenseNet.__init__ "Official init from torch repo".
    if isinstance(m, nn.Conv2d):
        nn.init.kaiming_normal_(m.weight)


def _init_resnet(m):
    # torchvision/models/resnet.py, ResNet.__init__ (Linear keeps PyTorch's default init there too).
    if isinstance(m, nn.Conv2d):
        nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")


def _init_mnasnet(m):
    # torchvision/models/mnasnet.py, MNASNet._initialize_weights.
    if isinstance(m, nn.Conv2d):
        nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
    elif isinstance(m, nn.BatchNorm2d):
        nn.init.ones_(m.weight)
        nn.init.zeros_(m.bias)
    elif isinstance(m, nn.Linear):
        nn.init.kaiming_uniform_(m.weight, mode="fan_out", nonlinearity="sigmoid")
        nn.init.zeros_(m.bias)


def _replaced(init, module):
    init(module)
    return module


def densenet_digits():
    model = torchvision.models.DenseNet(growth_rate=12, block_config=(4, 4, 4), num_init_features=24, bn_size=4, num_classes=NUM_CLASSES)
    model.features.conv0 = _replaced(_init_densenet, nn.Conv2d(1, 24, kernel_size=3, stride=1, padding=1, bias=False))
    model.features.pool0 = nn.Identity()
    return model


def _resnet_digits(groups, width_per_group):
    model = resnet.ResNet(resnet.Bottleneck, [1, 1, 1, 1], groups=groups, width_per_group=width_per_group, num_classes=NUM_CLASSES)
    # Stride 2: stage 1 is 256 channels wide, and at 28x28 it would cost 4x the MACs.
    model.conv1 = _replaced(_init_resnet, nn.Conv2d(1, 64, kernel_size=3, stride=2, padding=1, bias=False))
    model.maxpool = nn.Identity()
    model.layer3 = nn.Identity()
    model.layer4 = nn.Identity()
    model.fc = nn.Linear(128 * resnet.Bottleneck.expansion, NUM_CLASSES)
    return model


def resnext_digits():
    return _resnet_digits(groups=32, width_per_group=4)


def resnet_digits():
    return _resnet_digits(groups=1, width_per_group=64)


def shufflenet_v2_digits():
    model = torchvision.models.ShuffleNetV2([4, 8, 4], [24, 48, 96, 192, 1024], num_classes=NUM_CLASSES)
    # ShuffleNetV2 has no init of its own: PyTorch's default, as for the module it replaces.
    model.conv1[0] = nn.Conv2d(1, 24, kernel_size=3, stride=1, padding=1, bias=False)
    model.maxpool = nn.Identity()
    return model


MNASNET_DIGITS_HEAD = 512


def mnasnet_digits():
    model = torchvision.models.MNASNet(0.35, num_classes=NUM_CLASSES)
    stem = model.layers[0]
    model.layers[0] = _replaced(_init_mnasnet, nn.Conv2d(1, stem.out_channels, 3, padding=1, stride=1, bias=False))
    head_in = model.layers[14].in_channels
    model.layers[14] = _replaced(_init_mnasnet, nn.Conv2d(head_in, MNASNET_DIGITS_HEAD, 1, padding=0, stride=1, bias=False))
    model.layers[15] = _replaced(_init_mnasnet, nn.BatchNorm2d(MNASNET_DIGITS_HEAD, momentum=_BN_MOMENTUM))
    model.classifier[1] = _replaced(_init_mnasnet, nn.Linear(MNASNET_DIGITS_HEAD, NUM_CLASSES))
    return model


_BUILDERS = {
    "densenet_digits": densenet_digits,
    "resnext_digits": resnext_digits,
    "resnet_digits": resnet_digits,
    "shufflenet_v2_digits": shufflenet_v2_digits,
    "mnasnet_digits": mnasnet_digits,
}


def build(model_id):
    """The digits model `model_id` (one of DIGITS_IDS) as an nn.Module in train mode."""
    if model_id not in _BUILDERS:
        raise ValueError(f"unknown digits model {model_id!r}: one of {', '.join(DIGITS_IDS)}")
    return _BUILDERS[model_id]()


def load_state_dict(model, tensors, strict=True):
    """model.load_state_dict(tensors) for a plain {key: tensor} dict, with the model's own `_metadata`
    (module versions) attached, which torchvision's MNASNet requires."""
    sd = OrderedDict(tensors)
    sd._metadata = model.state_dict()._metadata  # pylint: disable=protected-access
    return model.load_state_dict(sd, strict=strict)


def count(model, size=INPUT_SHAPE[1], channels=INPUT_SHAPE[0]):
    """Parameters and MACs of any model on a channels×size×size input (torchvision convention:
    Conv2d out_h·out_w·out_c·in_c/groups·kh·kw, Linear in·out); reference_data.py uses it too."""
    macs = [0]

    def conv_hook(m, _i, out):
        kh, kw = m.kernel_size
        macs[0] += out.shape[2] * out.shape[3] * m.out_channels * (m.in_channels // m.groups) * kh * kw

    def lin_hook(m, _i, _out):
        macs[0] += m.in_features * m.out_features

    hooks = []
    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            hooks.append(m.register_forward_hook(conv_hook))
        elif isinstance(m, nn.Linear):
            hooks.append(m.register_forward_hook(lin_hook))
    was_training = model.training
    model.eval()
    with torch.no_grad():
        model(torch.zeros(1, channels, size, size))
    model.train(was_training)
    for h in hooks:
        h.remove()
    return {"params": sum(p.numel() for p in model.parameters()), "macs": macs[0]}


def main():
    ap = argparse.ArgumentParser(description="Params and MACs of the digits models at 28x28x1.")
    ap.add_argument("--json", action="store_true", help="print {id: {params, macs}}")
    args = ap.parse_args()
    counts = {}
    for model_id in DIGITS_IDS:
        torch.manual_seed(0)
        counts[model_id] = count(build(model_id))
    if args.json:
        print(json.dumps(counts))
        return
    print(f"{'model':<22} {'params':>10} {'MACs':>14}")
    for model_id, c in counts.items():
        print(f"{model_id:<22} {c['params']:>10,} {c['macs']:>14,}")


if __name__ == "__main__":
    main()
