/**
 * Finite-difference gradient checks of every non-conv op of the train-mode forward, on cpu and
 * wasm: BatchNorm with batch statistics, the activations, max pooling (−∞ padding, ceil_mode),
 * average pooling (count_include_pad, ceil_mode), global average pooling, flatten, linear,
 * concat, add, the SE channel scale, channel slice, channel shuffle and cross-entropy.
 *
 * The graph ops run through the runtime's applyNode, the dispatch the train-mode forward
 * (forward.ts) uses for them; BN, linear and the loss through the functions it calls
 * (batchnorm.ts batchNormTrain, with its closed-form custom gradient; the runtime's linear();
 * loss.ts crossEntropy).
 *
 * Kinks are kept out of reach of the ±h step: ReLU inputs stay ≥ 0.1 from 0 (ReLU6: also from
 * 6), max-pool inputs are distinct and 0.05 apart (no ties; h = 0.01).
 */
import * as tf from '@tensorflow/tfjs';
import type { Node, Op } from '../../arch/ir';
import { linear } from '../../runtime/ops/dense';
import { applyNode } from '../../runtime/ops';
import { batchNormTrain } from '../batchnorm';
import { crossEntropy } from '../loss';
import type { BnVars } from '../variables';
import { gradCases, input, type GradCase } from './cases';
import { awayFrom, distinct, uniform } from './finite-diff';

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

function node(op: Op): Node {
  return { name: `test.${op.kind}`, op, inputs: [], inShapes: [], outShape: [], group: null } as unknown as Node;
}

/** One graph op through applyNode on `shapes.length` inputs. */
function graphOp(name: string, op: Op, shapes: readonly number[][], data?: (k: number, n: number) => Float32Array): GradCase {
  return {
    name,
    f: (...xs) => applyNode(node(op), xs, undefined),
    inputs: shapes.map((s, k) => input(`x${k}`, s, data ? data(k, size(s)) : uniform(20 + k, size(s)))),
  };
}

/** torchvision's BatchNorm2d defaults (eps 1e-5; momentum only touches the running stats). */
const BN = { kind: 'bn', channels: 0, eps: 1e-5, momentum: 0.1 } as const;

function bn(shape: number[]): GradCase {
  const c = shape[shape.length - 1];
  return {
    name: `BatchNorm, train mode (batch statistics) on [${shape}]`,
    f: (x, weight, bias) => batchNormTrain(x, { weight, bias } as unknown as BnVars, BN, 'test.bn').y,
    inputs: [input('x', shape, uniform(30, size(shape), -2, 2)), input('weight', [c], uniform(31, c, 0.5, 1.5)), input('bias', [c], uniform(32, c))],
  };
}

const pool = (kind: 'maxpool' | 'avgpool', k: number, s: number, p: number, ceilMode: boolean): Op => ({
  kind,
  kernel: [k, k],
  stride: [s, s],
  padding: [p, p],
  ceilMode,
});

gradCases('op gradients', [
  bn([3, 3, 3, 4]),
  bn([6, 5]),
  graphOp('ReLU', { kind: 'act', fn: 'relu' }, [[2, 3, 3, 4]], (_, n) => awayFrom(40, n, -2, 2, [0])),
  graphOp('ReLU6', { kind: 'act', fn: 'relu6' }, [[2, 3, 3, 4]], (_, n) => awayFrom(41, n, -2, 8, [0, 6])),
  graphOp('sigmoid', { kind: 'act', fn: 'sigmoid' }, [[2, 3, 3, 4]], (_, n) => uniform(42, n, -3, 3)),
  graphOp('max pool k3 s2 p1 (−∞ padding)', pool('maxpool', 3, 2, 1, false), [[2, 7, 7, 3]], (_, n) => distinct(43, n)),
  graphOp('max pool k3 s2 p0 ceil_mode (window past the edge)', pool('maxpool', 3, 2, 0, true), [[2, 8, 8, 2]], (_, n) => distinct(44, n)),
  graphOp('max pool k2 s2 p1 ceil_mode', pool('maxpool', 2, 2, 1, true), [[1, 5, 6, 3]], (_, n) => distinct(45, n)),
  graphOp('avg pool k2 s2 p0', pool('avgpool', 2, 2, 0, false), [[2, 6, 6, 3]]),
  graphOp('avg pool k3 s2 p1 count_include_pad ceil_mode (clipped window)', pool('avgpool', 3, 2, 1, true), [[2, 6, 6, 2]]),
  graphOp('avg pool k3 s1 p1 count_include_pad', pool('avgpool', 3, 1, 1, false), [[1, 5, 5, 3]]),
  graphOp('global average pool', { kind: 'gap', keepDims: false }, [[2, 4, 4, 3]]),
  graphOp('global average pool, keepDims', { kind: 'gap', keepDims: true }, [[2, 3, 5, 3]]),
  graphOp('flatten [N,H,W,C] in CHW order', { kind: 'flatten' }, [[2, 3, 2, 4]]),
  graphOp('flatten [N,1,1,C]', { kind: 'flatten' }, [[3, 1, 1, 5]]),
  {
    name: 'linear with bias on [N, F]',
    f: (x, w, b) => linear(x, w as tf.Tensor2D, b as tf.Tensor1D),
    inputs: [input('x', [3, 6], uniform(50, 18)), input('weight', [6, 4], uniform(51, 24)), input('bias', [4], uniform(52, 4))],
  },
  {
    name: 'linear on [N,1,1,C] (flattened inside)',
    f: (x, w) => linear(x, w as tf.Tensor2D, null),
    inputs: [input('x', [2, 1, 1, 5], uniform(53, 10)), input('weight', [5, 3], uniform(54, 15))],
  },
  graphOp('concat of three', { kind: 'concat' }, [
    [2, 3, 3, 2],
    [2, 3, 3, 3],
    [2, 3, 3, 1],
  ]),
  graphOp('add of two', { kind: 'add' }, [
    [2, 3, 3, 4],
    [2, 3, 3, 4],
  ]),
  graphOp('add of three', { kind: 'add' }, [
    [2, 3, 3, 2],
    [2, 3, 3, 2],
    [2, 3, 3, 2],
  ]),
  graphOp('SE channel scale by [N,1,1,C]', { kind: 'mul' }, [
    [2, 3, 3, 4],
    [2, 1, 1, 4],
  ]),
  graphOp('SE channel scale by [N,C]', { kind: 'mul' }, [
    [2, 3, 3, 4],
    [2, 4],
  ]),
  graphOp('channel slice [2, 5) of 6', { kind: 'slice', start: 2, size: 3 }, [[2, 3, 3, 6]]),
  graphOp('channel shuffle, 2 groups', { kind: 'shuffle', groups: 2 }, [[2, 3, 3, 6]]),
  graphOp('channel shuffle, 3 groups', { kind: 'shuffle', groups: 3 }, [[1, 2, 3, 6]]),
  {
    name: 'cross-entropy (mean over the batch)',
    f: (z) => crossEntropy(z, tf.tensor1d([0, 3, 4, 1], 'int32')),
    inputs: [input('logits', [4, 5], uniform(60, 20, -3, 3))],
  },
]);
