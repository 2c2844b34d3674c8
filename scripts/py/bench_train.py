#!/usr/bin/python3
"""PyTorch's training throughput for the digits models, the reference column of scripts/bench-train.ts.

Same step as the site's trainer (lib/train/trainer.ts): model.train(), forward, mean cross-entropy,
zero_grad, backward, SGD (momentum 0.9) step, and the loss read back (.item()), on a [B, 1, 28, 28]
batch in [0, 1]. One CPU thread (torch.set_num_threads(1)), as tfjs's wasm backend runs here
(SIMD on, threads off), so the ratio compares kernels, not core counts.

    /usr/bin/python3 scripts/py/bench_train.py [--batch 64] [--warmup 2] [--steps 10] [ids...]

Prints one JSON object: {id: {"wall_ms": median wall time of a step, "cpu_ms": median CPU time
of this process in a step, "steps": n}}; on a shared machine the CPU time is the fairer figure
(other processes do not inflate it).
The models come from scripts/py/digits_models.py (torchvision's classes with documented stems).
"""
import argparse
import json
import os
import statistics
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from digits_models import DIGITS_IDS, build  # noqa: E402


def bench(model_id, batch, warmup, steps):
    torch.manual_seed(0)
    model = build(model_id)
    model.train()
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    x = torch.rand(batch, 1, 28, 28)
    y = torch.randint(0, 10, (batch,))
    wall, cpu = [], []
    for i in range(warmup + steps):
        t0, c0 = time.perf_counter(), time.process_time()
        loss = F.cross_entropy(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        loss.item()
        if i >= warmup:
            wall.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
    return {'wall_ms': statistics.median(wall), 'cpu_ms': statistics.median(cpu), 'steps': steps}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--batch', type=int, default=64)
    ap.add_argument('--warmup', type=int, default=2)
    ap.add_argument('--steps', type=int, default=10)
    ap.add_argument('ids', nargs='*')
    a = ap.parse_args()
    ids = a.ids or DIGITS_IDS
    unknown = [i for i in ids if i not in DIGITS_IDS]
    if unknown:
        ap.error(f'unknown digits model {", ".join(unknown)}; known: {", ".join(DIGITS_IDS)}')
    torch.set_num_threads(1)
    out = {i: bench(i, a.batch, a.warmup, a.steps) for i in ids}
    out['_meta'] = {'torch': torch.__version__, 'threads': torch.get_num_threads(), 'batch': a.batch}
    print(json.dumps(out))


if __name__ == '__main__':
    main()
