#!/usr/bin/python3
"""Reference trajectories of torch.optim (PyTorch 1.13) for lib/train's optimizers and schedules.

Writes lib/train/fixtures/optim.json: a few small float32 tensors with given gradients, stepped
~5 times by torch.optim.SGD (plain, momentum, Nesterov, weight decay) and torch.optim.Adam (with
and without L2 weight decay), with the parameters after every step; and the learning rates that
StepLR and CosineAnnealingLR produce when stepped once per optimizer step (their recursive
get_lr, the one training uses) next to their closed forms (_get_closed_form_lr).

Run with Debian's torch: /usr/bin/python3 scripts/py/make_optim_fixture.py
"""
import json
import os
import warnings

import torch

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'lib', 'train', 'fixtures', 'optim.json')
SHAPES = {'a.weight': [2, 3], 'a.bias': [4], 'b.weight': [2, 1, 2, 2]}
STEPS = 5


def floats(t):
    # float32 values printed as the shortest double that round-trips them (exact in JSON).
    return [float(x) for x in t.detach().reshape(-1).tolist()]


def make_case(name, make_opt, lrs, missing=()):
    """missing: (step, key) pairs whose gradient is None at that step (torch skips the param)."""
    g = torch.Generator().manual_seed(1234)
    params = {k: torch.randn(s, generator=g, dtype=torch.float32).requires_grad_(True) for k, s in SHAPES.items()}
    grads = [{k: torch.randn(s, generator=g, dtype=torch.float32) for k, s in SHAPES.items()} for _ in range(STEPS)]
    init = {k: floats(p) for k, p in params.items()}
    opt = make_opt(list(params.values()))
    after = []
    for t in range(STEPS):
        for group in opt.param_groups:
            group['lr'] = lrs[t]
        for k, p in params.items():
            p.grad = None if (t, k) in missing else grads[t][k].clone()
        opt.step()
        after.append({k: floats(p) for k, p in params.items()})
    return {
        'name': name,
        'lrs': lrs,
        'init': init,
        'grads': [{k: (None if (t, k) in missing else floats(v)) for k, v in gt.items()} for t, gt in enumerate(grads)],
        'after': after,
    }


def sgd(momentum=0.0, nesterov=False, weight_decay=0.0):
    return lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=momentum, nesterov=nesterov, weight_decay=weight_decay)


def adam(betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
    return lambda ps: torch.optim.Adam(ps, lr=1e-3, betas=betas, eps=eps, weight_decay=weight_decay)


def sched_lrs(make_sched, base_lr, n):
    """lr used by each of n optimizer steps, scheduler stepped after every optimizer step."""
    p = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([p], lr=base_lr)
    s = make_sched(opt)
    recursive, closed = [], []
    for _ in range(n):
        recursive.append(opt.param_groups[0]['lr'])
        closed.append(s._get_closed_form_lr()[0])
        opt.step()
        s.step()
    return {'recursive': recursive, 'closed': closed}


def main():
    warnings.simplefilter('ignore')
    const = lambda lr: [lr] * STEPS
    cases = [
        dict(config={'kind': 'sgd', 'momentum': 0, 'nesterov': False, 'weightDecay': 0}, **make_case('sgd', sgd(), const(0.1))),
        dict(config={'kind': 'sgd', 'momentum': 0.9, 'nesterov': False, 'weightDecay': 0},
             **make_case('sgd momentum, lr changing every step', sgd(0.9), [0.1, 0.08, 0.05, 0.02, 0.01])),
        dict(config={'kind': 'sgd', 'momentum': 0.9, 'nesterov': True, 'weightDecay': 0}, **make_case('sgd nesterov', sgd(0.9, True), const(0.05))),
        dict(config={'kind': 'sgd', 'momentum': 0, 'nesterov': False, 'weightDecay': 0.01}, **make_case('sgd weight decay', sgd(0, False, 0.01), const(0.1))),
        dict(config={'kind': 'sgd', 'momentum': 0.9, 'nesterov': True, 'weightDecay': 5e-4},
             **make_case('sgd nesterov + weight decay, a missing gradient', sgd(0.9, True, 5e-4), const(0.1), missing={(2, 'a.bias')})),
        dict(config={'kind': 'adam', 'beta1': 0.9, 'beta2': 0.999, 'eps': 1e-8, 'weightDecay': 0}, **make_case('adam', adam(), const(1e-2))),
        dict(config={'kind': 'adam', 'beta1': 0.8, 'beta2': 0.99, 'eps': 1e-6, 'weightDecay': 0.1},
             **make_case('adam weight decay, a missing gradient', adam((0.8, 0.99), 1e-6, 0.1), [0.01, 0.02, 0.03, 0.02, 0.01], missing={(1, 'b.weight')})),
    ]
    for c in cases:
        # lr travels per step; the config's lr is the first one (the optimizer's own lr is unused by step()).
        c['config']['lr'] = c['lrs'][0]
    L = torch.optim.lr_scheduler
    schedules = [
        {'schedule': {'kind': 'step', 'stepSize': 3, 'gamma': 0.1}, 'baseLr': 0.1,
         **sched_lrs(lambda o: L.StepLR(o, step_size=3, gamma=0.1), 0.1, 14)},
        {'schedule': {'kind': 'step', 'stepSize': 1, 'gamma': 0.9}, 'baseLr': 0.05,
         **sched_lrs(lambda o: L.StepLR(o, step_size=1, gamma=0.9), 0.05, 40)},
        {'schedule': {'kind': 'cosine', 'tMax': 5, 'etaMin': 0.001}, 'baseLr': 0.1,
         **sched_lrs(lambda o: L.CosineAnnealingLR(o, T_max=5, eta_min=0.001), 0.1, 23)},
        {'schedule': {'kind': 'cosine', 'tMax': 100, 'etaMin': 0}, 'baseLr': 0.05,
         **sched_lrs(lambda o: L.CosineAnnealingLR(o, T_max=100, eta_min=0), 0.05, 130)},
    ]
    out = {'torch': torch.__version__, 'shapes': SHAPES, 'cases': cases, 'schedules': schedules}
    with open(OUT, 'w') as f:
        json.dump(out, f, separators=(',', ':'))
        f.write('\n')
    print(f'wrote {os.path.normpath(OUT)} ({os.path.getsize(OUT)} bytes)')


if __name__ == '__main__':
    main()
