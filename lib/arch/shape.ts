/**
 * Shape inference for one op, with PyTorch's formulas (channels-first, no batch dimension).
 *
 * Conv / pooling output size: floor((H + 2p - k) / s) + 1, or with ceil_mode the PyTorch rule
 * ceil((H + 2p - k) / s) + 1, minus one if the last window would start inside the right padding.
 * (torchvision's ResNet, DenseNet and ShuffleNet v2 max pools all use ceil_mode=False.)
 */
import type { Op, Shape } from './ir';
import { SpecError } from './errors';

/** PyTorch's output length of a sliding window along one axis. */
export function windowOut(size: number, k: number, s: number, p: number, ceilMode = false): number {
  const span = size + 2 * p - k;
  if (span < 0) return 0;
  if (!ceilMode) return Math.floor(span / s) + 1;
  let out = Math.ceil(span / s) + 1;
  if ((out - 1) * s >= size + p) out -= 1;
  return out;
}

function fail(name: string, msg: string): never {
  // Inconsistent wiring is a bug in a family spec, not a user error: a plain Error.
  throw new Error(`${name}: ${msg}`);
}

function spatial(
  name: string,
  op: { kernel: readonly number[]; stride: readonly number[]; padding: readonly number[] },
  x: Shape,
  ceilMode: boolean,
): [number, number] {
  const h = windowOut(x[1], op.kernel[0], op.stride[0], op.padding[0], ceilMode);
  const w = windowOut(x[2], op.kernel[1], op.stride[1], op.padding[1], ceilMode);
  if (h < 1 || w < 1) {
    throw new SpecError(
      'size_vanishes',
      'size',
      [x[1], x[2]],
      'a larger input size (or fewer stride-2 layers)',
      `layer ${name} (kernel ${op.kernel[0]}, stride ${op.stride[0]}, padding ${op.padding[0]}) gets a ${x[1]}x${x[2]} input and its output would be ${h}x${w}`,
    );
  }
  return [h, w];
}

export function inferShape(name: string, op: Op, ins: readonly Shape[]): Shape {
  const x = ins[0];
  if (!x) fail(name, 'no input');
  const need = (n: number) => {
    if (ins.length !== n) fail(name, `expects ${n} input(s), got ${ins.length}`);
  };
  const need3 = (s: Shape) => {
    if (s.length !== 3) fail(name, `expects a [C,H,W] input, got [${s.join(',')}]`);
  };
  switch (op.kind) {
    case 'conv': {
      need(1);
      need3(x);
      if (x[0] !== op.inC) fail(name, `conv expects ${op.inC} input channels, got ${x[0]}`);
      if (op.inC % op.groups !== 0 || op.outC % op.groups !== 0) {
        throw new SpecError(
          'groups_not_dividing',
          name,
          op.groups,
          `a divisor of both ${op.inC} and ${op.outC}`,
          `conv groups must divide input and output channels`,
        );
      }
      const [h, w] = spatial(name, op, x, false);
      return [op.outC, h, w];
    }
    case 'bn':
      need(1);
      if (x[0] !== op.channels) fail(name, `bn expects ${op.channels} channels, got ${x[0]}`);
      return x;
    case 'act':
    case 'dropout':
      need(1);
      return x;
    case 'maxpool':
    case 'avgpool': {
      need(1);
      need3(x);
      const [h, w] = spatial(name, op, x, op.ceilMode);
      return [x[0], h, w];
    }
    case 'gap':
      need(1);
      need3(x);
      return op.keepDims ? [x[0], 1, 1] : [x[0]];
    case 'flatten':
      need(1);
      return [x.reduce((a, b) => a * b, 1)];
    case 'linear': {
      need(1);
      if (x.length !== 1 || x[0] !== op.inF) fail(name, `linear expects [${op.inF}], got [${x.join(',')}]`);
      return [op.outF];
    }
    case 'concat': {
      if (ins.length < 1) fail(name, 'concat needs inputs');
      let c = 0;
      for (const s of ins) {
        need3(s);
        if (s[1] !== x[1] || s[2] !== x[2]) fail(name, `concat of different spatial sizes`);
        c += s[0];
      }
      return [c, x[1], x[2]];
    }
    case 'add':
      if (ins.length < 2) fail(name, 'add needs two or more inputs');
      for (const s of ins) if (s.join(',') !== x.join(',')) fail(name, `add of shapes [${x.join(',')}] and [${s.join(',')}]`);
      return x;
    case 'mul': {
      need(2);
      const g = ins[1];
      if (g[0] !== x[0] || g.length !== 3 || g[1] !== 1 || g[2] !== 1) fail(name, `mul expects a [${x[0]},1,1] gate`);
      return x;
    }
    case 'slice':
      need(1);
      need3(x);
      if (op.start < 0 || op.size < 1 || op.start + op.size > x[0]) fail(name, `slice out of range`);
      return [op.size, x[1], x[2]];
    case 'shuffle':
      need(1);
      need3(x);
      if (x[0] % op.groups !== 0) {
        throw new SpecError('groups_not_dividing', name, op.groups, `a divisor of ${x[0]}`, `channel shuffle groups must divide the channels`);
      }
      return x;
  }
}
