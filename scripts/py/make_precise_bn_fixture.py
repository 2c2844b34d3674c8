#!/usr/bin/env python3
"""Make the precise-BN fixture (lib/train/fixtures/precise-bn/): PyTorch's update_bn on known batches.

The model (scripts/py/digits_models.py build(id)) gets the hash-filled state dict of the
training-parity fixtures (make_train_fixture.py init_model: every dropout p = 0), then

    torch.optim.swa_utils.update_bn([x_0, ..., x_{K-1}], model)

recomputes every BatchNorm's running statistics from K batches of B hash images (make_images,
taken in order: batch t is images t*B ... (t+1)*B - 1): running_mean := 0, running_var := 1,
momentum := None (factor 1/num_batches_tracked), num_batches_tracked := 0, then one train-mode
forward per batch; no weight changes. Recorded: every BN's running_mean and running_var after it
(full, float32 values as decimal strings that round-trip) and num_batches_tracked (= K).
lib/train/precise-bn.test.ts replays it with TrainingRun (steps 0, preciseBn K, no shuffle).

Usage (Debian's torch 1.13; about 10 s):
    /usr/bin/python3 scripts/py/make_precise_bn_fixture.py mnasnet_digits --batches 3 --batch 8 \
        --out lib/train/fixtures/precise-bn/precise_bn_mnasnet_digits.json
"""
import argparse
import json
import os
import sys

import numpy as np
import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_train_fixture import IMAGE_SALT, LABEL_SALT, build_model, init_model, make_images  # noqa: E402
from make_parity_fixture import bits_xor  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('model', help='a digits id (e.g. mnasnet_digits)')
    ap.add_argument('--batches', type=int, default=3, help='K: batches update_bn averages over')
    ap.add_argument('--batch', type=int, default=8, help='B: images per batch')
    ap.add_argument('--out', required=True)
    args = ap.parse_args()

    torch.set_num_threads(2)
    probe, constructor = build_model(args.model)
    keys = [{'k': k, 'key': key, 'shape': list(t.shape), 'dtype': str(t.dtype).replace('torch.', '')} for k, (key, t) in enumerate(probe.state_dict().items())]
    model, _, _ = init_model(args.model, keys, torch.float32)
    before = {k: v.detach().clone() for k, v in model.state_dict().items()}
    n = args.batches * args.batch
    images = make_images(n, [1, 28, 28], True)
    loader = [torch.from_numpy(images[t * args.batch : (t + 1) * args.batch]) for t in range(args.batches)]
    torch.optim.swa_utils.update_bn(loader, model)
    after = model.state_dict()

    bns = []
    for name, m in model.named_modules():
        if not isinstance(m, nn.modules.batchnorm._BatchNorm):
            continue
        bns.append(
            {
                'name': name,
                'momentum': m.momentum,  # restored by update_bn
                'running_mean': [repr(float(v)) for v in m.running_mean.numpy()],
                'running_var': [repr(float(v)) for v in m.running_var.numpy()],
                'num_batches_tracked': int(m.num_batches_tracked.item()),
            }
        )
    # update_bn must leave every weight as it was (only running statistics and counters change).
    for k, v in before.items():
        if k.endswith(('running_mean', 'running_var', 'num_batches_tracked')):
            continue
        assert torch.equal(v, after[k]), k

    out = {
        'doc': __doc__.split('\n\n')[1].replace('\n', ' '),
        'name': args.model,
        'constructor': constructor,
        'torch': torch.__version__,
        'salts': {'images': IMAGE_SALT, 'labels': LABEL_SALT},
        'batches': args.batches,
        'batch': args.batch,
        'state_dict': keys,
        'images_checksum': {'bits_xor': bits_xor(images)},
        'bn': bns,
    }
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, 'w') as f:
        json.dump(out, f, separators=(',', ':'))
        f.write('\n')
    print(f'{args.out}: {len(bns)} BatchNorms, K = {args.batches} batches of {args.batch}')


if __name__ == '__main__':
    main()
