/**
 * The parity fixtures' deterministic weight formula (see lib/runtime/fixtures/parity/*.json,
 * field `formula`). It is an integer hash, not an RNG, so Python/numpy and JavaScript produce
 * bit-identical float32 tensors: Math.imul and `>>> 0` reproduce uint32 arithmetic, every
 * expression is evaluated in float64 in the written order, and the result is rounded once
 * (Float32Array assignment == Math.fround).
 */
import { type KeySpec, type StateDict, isIgnoredKey, numel } from './types';

/** murmur3's 32-bit finaliser: uint32 -> uint32 with good avalanche. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** u(s, i) in [-0.5, 0.5): the hash of flat index i under salt s, as a float64. */
export function hashU(salt: number, i: number): number {
  const h0 = (Math.imul(i, 0x9e3779b1) + Math.imul(salt, 0x85ebca77)) >>> 0;
  return fmix32(h0) / 4294967296 - 0.5;
}

/** Fill one tensor with the fixture rule that its key and rank select. Salt = k + 1. */
export function hashFillTensor(k: number, key: string, shape: readonly number[]): Float32Array {
  const n = numel(shape);
  const out = new Float32Array(n);
  const s = k + 1;
  if (key.endsWith('running_var')) {
    for (let i = 0; i < n; i++) out[i] = 1 + 0.5 * Math.abs(hashU(s, i));
  } else if (key.endsWith('running_mean')) {
    for (let i = 0; i < n; i++) out[i] = 0.1 * hashU(s, i);
  } else if (shape.length >= 2) {
    // Written order matters for bit-exactness: s6 = 6 / fan_in; r = sqrt(s6); g = 2 * r; v = u * g.
    const fanIn = n / shape[0];
    const g = 2 * Math.sqrt(6 / fanIn);
    for (let i = 0; i < n; i++) out[i] = hashU(s, i) * g;
  } else if (key.endsWith('.weight')) {
    for (let i = 0; i < n; i++) out[i] = 1 + 0.1 * hashU(s, i);
  } else {
    for (let i = 0; i < n; i++) out[i] = 0.1 * hashU(s, i);
  }
  return out;
}

/**
 * A whole state dict from the formula. `keys` must be the full torchvision key list in
 * state_dict order INCLUDING num_batches_tracked (it consumes a salt although it stays 0 and is
 * left out of the result).
 */
export function hashInit(keys: readonly KeySpec[]): StateDict {
  const sd: StateDict = new Map();
  keys.forEach((spec, k) => {
    if (spec.dtype === 'int64' || isIgnoredKey(spec.key)) return;
    sd.set(spec.key, { shape: [...spec.shape], data: hashFillTensor(k, spec.key, spec.shape) });
  });
  return sd;
}

/** The fixtures' input tensor: x[i] = 2 * u(0, i), NCHW order. */
export function hashInput(shape: readonly number[]): Float32Array {
  const n = numel(shape);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = 2 * hashU(0, i);
  return out;
}
