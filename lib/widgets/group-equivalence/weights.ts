/**
 * One set of weights for all three forms of a ResNeXt block. The grouped form (c) is initialised
 * with the runtime's seeded He init; its BatchNorms get seeded, non-trivial statistics (so BN is
 * not an identity that would hide a wrong channel order); then the tensors are cut into the per-path
 * tensors of forms (a) and (b) (form (c)'s keys carry its module prefix, `block.`):
 *
 *   conv1.weight [C·d, w, 1, 1]  rows g·d..(g+1)·d            -> path g conv1.weight [d, w, 1, 1]
 *   bn1.*        [C·d]           g·d..(g+1)·d                  -> path g bn1.*        [d]
 *   conv2.weight [C·d, d, 3, 3]  rows g·d..(g+1)·d (group g)   -> path g conv2.weight [d, d, 3, 3]
 *   bn2.*        as bn1
 *   conv3.weight [w, C·d, 1, 1]  columns g·d..(g+1)·d          -> (a) path g conv3.weight [w, d, 1, 1]
 *                                                                 (b) conv3.weight unchanged
 *   bn3.*        unchanged (after the sum in (a), after conv3 in (b), (c))
 *
 * Pure: typed arrays in, typed arrays out (tested in Node without tfjs).
 */
import type { StateDict, TensorData } from '@/lib/runtime/weights/types';
import { mulberry32 } from '@/lib/runtime/weights/he-init';
import { FORM_C_BLOCK } from '@/lib/widgets/cardinality-groups/forms';

const BN_KEYS = ['weight', 'bias', 'running_mean', 'running_var'] as const;

function need(sd: StateDict, key: string): TensorData {
  const t = sd.get(key);
  if (!t) throw new Error(`weights for the grouped form lack "${key}"`);
  return t;
}

/** Rows [start, start+count) of a tensor whose first dimension is the row. */
export function sliceRows(t: TensorData, start: number, count: number): TensorData {
  const per = t.shape.slice(1).reduce((a, b) => a * b, 1);
  return { shape: [count, ...t.shape.slice(1)], data: t.data.slice(start * per, (start + count) * per) };
}

/** Columns [start, start+count) of a [rows, cols, kh, kw] conv weight (input channels). */
export function sliceInputs(t: TensorData, start: number, count: number): TensorData {
  const [rows, cols, kh, kw] = t.shape;
  const k = kh * kw;
  const out = new Float32Array(rows * count * k);
  for (let r = 0; r < rows; r++) out.set(t.data.subarray((r * cols + start) * k, (r * cols + start + count) * k), r * count * k);
  return { shape: [rows, count, kh, kw], data: out };
}

/** Replace BN tensors with seeded values: γ ∈ [0.5, 1.5], β ∈ [−0.5, 0.5], mean ∈ [−0.2, 0.2], var ∈ [0.5, 1.5]. */
export function randomizeBatchNorm(sd: StateDict, seed: number, prefixes: readonly string[]): StateDict {
  const out: StateDict = new Map(sd);
  const rand = mulberry32(seed ^ 0x5bd1e995);
  const ranges: Record<(typeof BN_KEYS)[number], [number, number]> = {
    weight: [0.5, 1.5],
    bias: [-0.5, 0.5],
    running_mean: [-0.2, 0.2],
    running_var: [0.5, 1.5],
  };
  for (const p of prefixes) {
    for (const role of BN_KEYS) {
      const t = need(sd, `${p}.${role}`);
      const [lo, hi] = ranges[role];
      const data = new Float32Array(t.data.length);
      for (let i = 0; i < data.length; i++) data[i] = lo + (hi - lo) * rand();
      out.set(`${p}.${role}`, { shape: t.shape, data });
    }
  }
  return out;
}

/** Form (c)'s module prefix (its tensors are `block.conv1.weight`, …). */
const C_ = FORM_C_BLOCK;

/** The weights of forms (a) and (b) from those of (c). */
export function splitGroupedWeights(c: StateDict, C: number, d: number): { a: StateDict; b: StateDict } {
  const a: StateDict = new Map();
  const b: StateDict = new Map();
  for (let g = 0; g < C; g++) {
    for (const sd of [a, b]) {
      sd.set(`path${g}.conv1.weight`, sliceRows(need(c, `${C_}.conv1.weight`), g * d, d));
      sd.set(`path${g}.conv2.weight`, sliceRows(need(c, `${C_}.conv2.weight`), g * d, d));
      for (const role of BN_KEYS) {
        sd.set(`path${g}.bn1.${role}`, sliceRows(need(c, `${C_}.bn1.${role}`), g * d, d));
        sd.set(`path${g}.bn2.${role}`, sliceRows(need(c, `${C_}.bn2.${role}`), g * d, d));
      }
    }
    a.set(`path${g}.conv3.weight`, sliceInputs(need(c, `${C_}.conv3.weight`), g * d, d));
  }
  b.set('conv3.weight', need(c, `${C_}.conv3.weight`));
  for (const sd of [a, b]) for (const role of BN_KEYS) sd.set(`bn3.${role}`, need(c, `${C_}.bn3.${role}`));
  return { a, b };
}

/** A seeded input in NHWC order, values uniform in [−1, 1]. */
export function seededInput(n: number, seed: number): Float32Array {
  const rand = mulberry32(seed ^ 0x9e3779b9);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = 2 * rand() - 1;
  return out;
}

/** Largest |x − y| over two equal-length arrays (NaN if the lengths differ or any value is NaN). */
export function maxAbsDiff(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) return NaN;
  let m = 0;
  for (let i = 0; i < x.length; i++) {
    const d = Math.abs(x[i] - y[i]);
    if (Number.isNaN(d)) return NaN;
    if (d > m) m = d;
  }
  return m;
}

export function maxAbs(x: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]));
  return m;
}
