/**
 * Finite-difference gradient checks of every convolution the train-mode forward (forward.ts)
 * runs, on cpu and wasm (where the weight gradients go through lib/train/kernels): dense and
 * depthwise through the runtime's conv() (with bias; multiplier 1 and 2), grouped through
 * grouped.ts's groupedConvTrain in both strategies, with the filter in the training layout
 * (layout.ts convTrainShape: split [kh, kw, cgIn, outC], packed [kh, kw·cgIn, G, cgOut]).
 */
import type * as tf from '@tensorflow/tfjs';
import type { ConvOp } from '../../arch/ir';
import { conv } from '../../runtime/ops/conv';
import { groupedConvTrain } from '../grouped';
import { gradCases, input, type GradCase } from './cases';
import { uniform } from './finite-diff';

function convOp(inC: number, outC: number, groups: number, k: number, s: number, p: number, bias = false): ConvOp {
  return { kind: 'conv', inC, outC, kernel: [k, k], stride: [s, s], padding: [p, p], groups, bias };
}

const x4 = (n: number, h: number, w: number, c: number, seed = 1) => input('x', [n, h, w, c], uniform(seed, n * h * w * c));

function dense(op: ConvOp, n: number, hw: number): GradCase {
  const [k] = op.kernel;
  const inputs = [x4(n, hw, hw, op.inC), input('filter', [k, k, op.inC, op.outC], uniform(2, k * k * op.inC * op.outC))];
  if (op.bias) inputs.push(input('bias', [op.outC], uniform(3, op.outC)));
  return {
    name: `dense conv ${op.inC}→${op.outC} k${k} s${op.stride[0]} p${op.padding[0]}${op.bias ? ' +bias' : ''} on ${n}×${hw}²`,
    f: (x, filter, bias) => conv(x as tf.Tensor4D, op, { kind: 'dense', filter: filter as tf.Tensor4D, bias: (bias as tf.Tensor1D) ?? null }),
    inputs,
  };
}

function depthwise(c: number, mult: number, k: number, s: number, p: number, n: number, hw: number): GradCase {
  const op = convOp(c, c * mult, c, k, s, p);
  return {
    name: `depthwise conv ${c}×${mult} k${k} s${s} p${p} on ${n}×${hw}²`,
    f: (x, filter) => conv(x as tf.Tensor4D, op, { kind: 'depthwise', filter: filter as tf.Tensor4D, bias: null }),
    inputs: [x4(n, hw, hw, c), input('filter', [k, k, c, mult], uniform(4, k * k * c * mult))],
  };
}

function grouped(strategy: 'split' | 'packed', inC: number, outC: number, G: number, k: number, s: number, p: number, n: number, hw: number): GradCase {
  const op = convOp(inC, outC, G, k, s, p);
  const cgIn = inC / G;
  const shape = strategy === 'packed' ? [k, k * cgIn, G, outC / G] : [k, k, cgIn, outC];
  return {
    name: `grouped conv (${strategy}) ${inC}→${outC} g${G} k${k} s${s} p${p} on ${n}×${hw}²`,
    f: (x, filter) => groupedConvTrain(x as tf.Tensor4D, op, filter as tf.Tensor4D, strategy),
    inputs: [
      x4(n, hw, hw, inC),
      input(
        'filter',
        shape,
        uniform(
          5,
          shape.reduce((a, b) => a * b, 1),
        ),
      ),
    ],
  };
}

gradCases('convolution gradients', [
  dense(convOp(3, 4, 1, 3, 2, 1, true), 2, 7),
  dense(convOp(4, 3, 1, 1, 1, 0), 3, 4),
  dense(convOp(1, 2, 1, 7, 2, 3), 2, 8),
  dense(convOp(2, 3, 1, 5, 1, 2, true), 1, 6),
  depthwise(4, 1, 3, 2, 1, 2, 7),
  depthwise(3, 1, 3, 1, 1, 3, 5),
  depthwise(2, 2, 5, 2, 2, 2, 8),
  grouped('split', 8, 12, 4, 3, 1, 1, 2, 5),
  grouped('split', 6, 6, 3, 3, 2, 1, 2, 6),
  grouped('packed', 8, 12, 4, 3, 1, 1, 2, 5),
  grouped('packed', 6, 6, 3, 3, 2, 1, 2, 6),
]);
