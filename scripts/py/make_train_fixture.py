#!/usr/bin/env python3
"""Make a training-parity fixture (lib/train/fixtures/train-parity/): K optimizer steps in PyTorch.

The model (torchvision.models.<id>(weights=None), or scripts/py/digits_models.py build(id) for the
digits members) gets every state_dict tensor from the shared integer-hash formula of
make_parity_fixture.py (its JS twin is lib/runtime/weights/hash-init.ts), so no weights are
stored. The training set is made from the same hash (formula below, twin in
lib/train/testing/train-fixture.node.ts), taken in order (shuffle off, drop_last on), every
dropout is the identity (p = 0, our --no-dropout), and the model trains as

    model.train(); opt = torch.optim.SGD(model.parameters(), lr, momentum, weight_decay, nesterov)
    (or torch.optim.Adam(model.parameters(), lr, (beta1, beta2), eps, weight_decay))
    for each batch: opt.zero_grad(); loss = CrossEntropyLoss()(model(x), y); loss.backward(); opt.step()

with a constant learning rate. Recorded: the loss of each step (before its update) and, for EVERY
state_dict tensor (weights, biases, running_mean, running_var), the update d = after - before in
a compact, checkable form (full deltas of ResNeXt-50 would be 100 MB):
  - l2: ||d||_2 over the whole tensor;
  - samples: d at the indices floor(j * n / S), j = 0..S-1 (S = min(n, --samples)), flat
    row-major index in PyTorch layout; rounded to 6 significant digits;
  - proj: P random projections of the whole tensor, sum_i d_i * sqrt(12) * u(PROJ_SALT + p, i),
    whose differences estimate the L2 of the difference over all n elements (E[(r . e)^2] = ||e||^2).
and num_batches_tracked after the steps. A float64 run of the same steps gives the float32 noise
floor of PyTorch itself (`float64_reference`).

Usage (Debian's torch 1.13 / torchvision 0.14; no network):
    /usr/bin/python3 scripts/py/make_train_fixture.py shufflenet_v2_x0_5 --size 64 --steps 2 --batch 4 \
        --lr 0.05 --momentum 0.9 --weight-decay 1e-3 --out lib/train/fixtures/train-parity/train_shufflenet_v2_x0_5.json
"""
import argparse
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torchvision

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import digits_models  # noqa: E402
from make_parity_fixture import bits_xor, fill, hash_u  # noqa: E402  (the shared hash formula)

# Salts of the training data and the projections; any integers work (u(s, i) for s >= 0), they only
# have to differ from the state_dict salts 1..len(state_dict) and the inference input's 0.
IMAGE_SALT = 1_000_003
LABEL_SALT = 1_000_033
PROJ_SALT = 2_000_003


def is_digits(model_id):
    """The digits members (scripts/py/digits_models.py) take [N, 1, 28, 28] in [0, 1]; the rest are torchvision's."""
    return model_id in digits_models.DIGITS_IDS


def build_model(model_id):
    if is_digits(model_id):
        return digits_models.build(model_id), f'scripts/py/digits_models.py build({model_id!r})'
    return getattr(torchvision.models, model_id)(weights=None), f'torchvision.models.{model_id}(weights=None)'


def make_images(n_images, chw, digits, salt=IMAGE_SALT):
    """images[i] (flat NCHW index i): 2 u(salt, i) in [-1, 1); digits: u + 0.5 in [0, 1) as MNIST."""
    u = hash_u(salt, n_images * int(np.prod(chw)))
    v = u + 0.5 if digits else 2 * u
    return v.astype(np.float32).reshape([n_images, *chw])


def make_labels(n_images, num_classes):
    """labels[i] = floor((u(LABEL_SALT, i) + 0.5) * classes): exact in float64 (u + 0.5 = h / 2^32)."""
    return np.floor((hash_u(LABEL_SALT, n_images) + 0.5) * num_classes).astype(np.int64)


def sample_indices(n, s):
    s = min(n, s)
    return [(j * n) // s for j in range(s)]


def projections(d, n_proj):
    """sum_i d_i * sqrt(12) * u(PROJ_SALT + p, i), float64; sqrt(12) makes E[r_i^2] = 1."""
    flat = d.reshape(-1)
    return [float(np.dot(flat, math.sqrt(12) * hash_u(PROJ_SALT + p, flat.size))) for p in range(n_proj)]


def g6(x):
    return float(f'{x:.6g}')


def init_model(model_id, keys, dtype):
    """A fresh model with every dropout at p = 0 and the hash-filled state dict, in `dtype`."""
    model, constructor = build_model(model_id)
    dropouts = [name for name, m in model.named_modules() if isinstance(m, nn.Dropout)]
    for name, m in model.named_modules():
        if isinstance(m, nn.Dropout):
            m.p = 0.0  # our --no-dropout
        # torchvision's _DenseLayer applies F.dropout(p=drop_rate) itself; 0 for every torchvision DenseNet.
        if getattr(m, 'drop_rate', 0) != 0:
            raise SystemExit(f'{name}: drop_rate {m.drop_rate} != 0')
    # Copy into the module's own tensors (state_dict() shares their storage), which keeps the
    # state_dict metadata that MNASNet's _load_from_state_dict insists on.
    with torch.no_grad():
        for e, t in zip(keys, model.state_dict().values()):
            t.copy_(torch.from_numpy(fill(e['k'], e['key'], e['shape'])) if e['dtype'] != 'int64' else torch.zeros_like(t))
    return model.to(dtype), constructor, dropouts


def train(model, images, labels, args, dtype):
    model.train()
    params = list(model.parameters())
    if args.optimizer == 'sgd':
        opt = torch.optim.SGD(params, lr=args.lr, momentum=args.momentum, weight_decay=args.weight_decay, nesterov=args.nesterov)
    else:
        opt = torch.optim.Adam(params, lr=args.lr, betas=(args.beta1, args.beta2), eps=args.eps, weight_decay=args.weight_decay)
    loss_fn = nn.CrossEntropyLoss()
    losses, accs = [], []
    for t in range(args.steps):
        x = torch.from_numpy(images[t * args.batch : (t + 1) * args.batch]).to(dtype)
        y = torch.from_numpy(labels[t * args.batch : (t + 1) * args.batch])
        opt.zero_grad()
        out = model(x)
        loss = loss_fn(out, y)
        loss.backward()
        opt.step()
        losses.append(float(loss.item()))
        accs.append(float((out.argmax(1) == y).double().mean()))
    return {k: v.detach().clone() for k, v in model.state_dict().items()}, losses, accs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('model', help='torchvision.models builder (e.g. resnext50_32x4d) or a digits id (e.g. resnet_digits)')
    ap.add_argument('--size', type=int, default=None, help='input height = width (default 64; 28 for digits ids)')
    ap.add_argument('--steps', type=int, default=2)
    ap.add_argument('--batch', type=int, default=8)
    ap.add_argument('--optimizer', choices=['sgd', 'adam'], default='sgd')
    ap.add_argument('--lr', type=float, default=1e-3)
    ap.add_argument('--momentum', type=float, default=0.9)
    ap.add_argument('--nesterov', action='store_true')
    ap.add_argument('--beta1', type=float, default=0.9)
    ap.add_argument('--beta2', type=float, default=0.999)
    ap.add_argument('--eps', type=float, default=1e-8)
    ap.add_argument('--weight-decay', type=float, default=5e-2)
    ap.add_argument('--samples', type=int, default=256, help='delta samples per tensor (evenly spaced)')
    ap.add_argument('--projections', type=int, default=4)
    ap.add_argument('--perturb', type=int, default=2, help='float32 reruns from weights moved by ~1 ulp (sensitivity check)')
    ap.add_argument('--image-salt', type=int, default=IMAGE_SALT, help='salt of the training images (a screened choice, see README)')
    ap.add_argument('--out', required=True)
    args = ap.parse_args()

    torch.set_num_threads(2)
    torch.manual_seed(0)  # nothing random is used (no dropout, data from the hash); for safety only
    digits = is_digits(args.model)
    size = args.size or (28 if digits else 64)
    probe, _ = build_model(args.model)
    keys = [{'k': k, 'key': key, 'shape': list(t.shape), 'dtype': str(t.dtype).replace('torch.', '')} for k, (key, t) in enumerate(probe.state_dict().items())]
    model, constructor, dropouts = init_model(args.model, keys, torch.float32)
    sd0 = {k: v.detach().clone() for k, v in model.state_dict().items()}
    in_ch = 1 if digits else 3
    with torch.no_grad():
        num_classes = int(model.eval()(torch.zeros(1, in_ch, size, size)).shape[1])
    n_images = args.steps * args.batch
    images = make_images(n_images, [in_ch, size, size], digits, args.image_salt)
    labels = make_labels(n_images, num_classes)

    t0 = time.time()
    sd32, losses, accs = train(model, images, labels, args, torch.float32)
    ms = (time.time() - t0) * 1000
    sd64, losses64, _ = train(init_model(args.model, keys, torch.float64)[0], images, labels, args, torch.float64)
    # Sensitivity: the same float32 run from weights moved by about one ulp (x (1 + 1e-7 N(0, 1)),
    # seeded). This is the spread PyTorch has against itself: a ReLU whose input is ~0 in a deep,
    # 2x2 layer flips, and BatchNorm biases whose gradients nearly cancel move by a percent. No other
    # float32 implementation can be asked to agree with PyTorch better than that, per tensor.
    perturbed = []
    for p in range(args.perturb):
        mp = init_model(args.model, keys, torch.float32)[0]
        gen = torch.Generator().manual_seed(p + 1)
        with torch.no_grad():
            for t in mp.state_dict().values():
                if t.is_floating_point():
                    t.mul_(1 + 1e-7 * torch.randn(t.shape, generator=gen))
        perturbed.append(train(mp, images, labels, args, torch.float32))

    def delta(sd, key):
        return sd[key].double().numpy().reshape(-1) - sd0[key].double().numpy().reshape(-1)

    tensors = []
    sq_ref = sq_64 = 0.0
    sq_p = [0.0] * len(perturbed)
    for e in keys:
        key = e['key']
        if e['dtype'] == 'int64':
            tensors.append({'key': key, 'after': int(sd32[key].item())})
            continue
        flat = delta(sd32, key)
        l2 = float(np.linalg.norm(flat))
        e64 = float(np.linalg.norm(flat - delta(sd64, key)))
        ep = [float(np.linalg.norm(flat - delta(sdp, key))) for sdp, _, _ in perturbed]
        sq_ref += l2 * l2
        sq_64 += e64 * e64
        sq_p = [a + b * b for a, b in zip(sq_p, ep)]
        rel = lambda x: x / l2 if l2 > 0 else 0.0
        tensors.append(
            {
                'key': key,
                'l2': l2,
                'samples': [g6(flat[i]) for i in sample_indices(flat.size, args.samples)],
                'proj': projections(flat, args.projections),
                'rel_l2_f32_vs_f64': float(f'{rel(e64):.3g}'),
                'rel_l2_ulp_reruns': float(f'{max([rel(x) for x in ep], default=0.0):.3g}'),
            }
        )
    worst = lambda field: max((t for t in tensors if field in t), key=lambda t: t[field])
    w64, wp = worst('rel_l2_f32_vs_f64'), worst('rel_l2_ulp_reruns')
    floors = {
        'whole_update_rel_l2_f32_vs_f64': float(f'{math.sqrt(sq_64 / sq_ref):.3g}'),
        'whole_update_rel_l2_ulp_reruns': float(f'{max([math.sqrt(x / sq_ref) for x in sq_p], default=0.0):.3g}'),
        'worst_tensor_f32_vs_f64': {'key': w64['key'], 'rel_l2': w64['rel_l2_f32_vs_f64']},
        'worst_tensor_ulp_reruns': {'key': wp['key'], 'rel_l2': wp['rel_l2_ulp_reruns']},
        'loss_rel_f32_vs_f64': float(f'{max(abs(a - b) / abs(b) for a, b in zip(losses, losses64)):.3g}'),
        'loss_rel_ulp_reruns': float(f'{max([abs(a - b) / abs(b) for _, lp, _ in perturbed for a, b in zip(losses, lp)], default=0.0):.3g}'),
        'ulp_reruns': args.perturb,
    }

    opt_cfg = (
        {'kind': 'sgd', 'lr': args.lr, 'momentum': args.momentum, 'nesterov': args.nesterov, 'weightDecay': args.weight_decay}
        if args.optimizer == 'sgd'
        else {'kind': 'adam', 'lr': args.lr, 'beta1': args.beta1, 'beta2': args.beta2, 'eps': args.eps, 'weightDecay': args.weight_decay}
    )
    out = {
        'name': args.model,
        'doc': (
            'Training parity fixture made by scripts/py/make_train_fixture.py (see its docstring and this folder\'s README). '
            'Weights: the hash formula of lib/runtime/weights/hash-init.ts over `state_dict` (salt k+1, num_batches_tracked 0). '
            f'Data: images[i] = {"u(IMAGE_SALT, i) + 0.5" if digits else "2 u(IMAGE_SALT, i)"} over the flat [N, C, H, W] array, '
            'labels[i] = floor((u(LABEL_SALT, i) + 0.5) * num_classes); step t uses images t*batch..(t+1)*batch-1 (no shuffle). '
            'Every dropout p = 0. `config` is the lib/train TrainConfig of the run (constant lr). '
            '`losses[t]`: the mean cross-entropy of step t before its update. '
            '`tensors[i]` (state_dict order): for float tensors the update d = after - before as its whole-tensor L2 `l2`, '
            '`samples` = d at flat indices floor(j*n/S), j < S = min(n, sample_count), 6 significant digits, '
            'and `proj[p]` = sum_i d_i * sqrt(12) * u(PROJ_SALT + p, i) over all n elements; '
            'a check estimates rel. L2 of (ours - torch) from the samples (sqrt(sum (a-b)^2 / sum b^2)), '
            'from the projections (sqrt(mean_p (pa-pb)^2) / l2) and bounds it below by |l2_ours - l2| / l2: '
            'sampled, not the full deltas (ResNeXt-50\'s would be 100 MB). For num_batches_tracked: `after`.'
        ),
        'constructor': constructor,
        'torch_version': torch.__version__,
        'torchvision_version': torchvision.__version__,
        'mode': 'model.train(), float32, CPU, nn.CrossEntropyLoss() (mean), no dropout',
        'size': size,
        'input_shape': [in_ch, size, size],
        'num_classes': num_classes,
        'dropout_modules_zeroed': dropouts,
        'salts': {'images': args.image_salt, 'labels': LABEL_SALT, 'projections': PROJ_SALT},
        'data': {
            'n': n_images,
            'digits_range': digits,
            'labels': labels.tolist(),
            'images_checksum': {'bits_xor': bits_xor(images), 'sum_f64_sequential': float(np.sum(images.astype(np.float64)))},
        },
        'config': {
            'optimizer': opt_cfg,
            'schedule': {'kind': 'constant'},
            'batchSize': args.batch,
            'steps': args.steps,
            'seed': 0,
            'shuffle': False,
            'dropout': False,
        },
        'sample_count': args.samples,
        'projection_count': args.projections,
        'losses': losses,
        'accuracies': accs,
        'torch_ms': round(ms),
        'float64_losses': losses64,
        'torch_floors': floors,
        'suggested_tolerance': {'loss_rel': 1e-3, 'delta_rel_l2': 1e-2},
        'state_dict': keys,
        'tensors': tensors,
    }
    with open(args.out, 'w') as f:
        json.dump(out, f, separators=(',', ':'))
    kb = os.path.getsize(args.out) / 1024
    print(
        f'{args.model} @{size} batch {args.batch} x {args.steps} steps ({args.optimizer}{" nesterov" if args.nesterov else ""}): '
        f'losses {[f"{x:.5f}" for x in losses]}, {len(keys)} keys, {kb:.0f} KiB -> {args.out}\n  torch floors: {json.dumps(floors)}'
    )


if __name__ == '__main__':
    main()
