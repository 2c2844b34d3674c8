/**
 * Seeded "random" weights for the site's default (untrained) models: torchvision's own init
 * scheme, reproducible from a seed. Each tensor's stream is keyed by hash(seed, key), so a tensor
 * does not depend on the order of keys or on which other layers exist: changing one knob of a
 * model leaves the weights of unchanged layers identical.
 *
 * - conv weight: kaiming_normal_(mode='fan_out', nonlinearity='relu'): N(0, 2 / fan_out) with
 *   fan_out = outC * kh * kw (PyTorch computes it from dim 0 regardless of groups)
 * - BatchNorm: gamma 1, beta 0, running mean 0, running var 1
 * - linear: N(0, 0.01^2), bias 0 (small, so untrained logits stay near uniform)
 */
import type { Graph } from '../../arch/ir';
import { expectedTensors } from './expected';
import { fmix32 } from './hash-init';
import type { StateDict } from './types';
import { numel } from './types';

/** FNV-1a of a string, mixed with the seed. */
function keySeed(seed: number, key: string): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return fmix32(h >>> 0);
}

/** mulberry32: small, fast, good enough for initial weights; uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fillNormal(out: Float32Array, std: number, rand: () => number): void {
  // Box-Muller, two values per pair of uniforms; 1 - u keeps log() finite.
  for (let i = 0; i < out.length; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - rand()));
    const th = 2 * Math.PI * rand();
    out[i] = std * r * Math.cos(th);
    if (i + 1 < out.length) out[i + 1] = std * r * Math.sin(th);
  }
}

/** Seeded torchvision-style init for every tensor `graph` owns. Same seed -> same weights. */
export function heInit(graph: Graph, seed = 0): StateDict {
  const sd: StateDict = new Map();
  const nodes = new Map(graph.nodes.map((n) => [n.name, n]));
  for (const e of expectedTensors(graph)) {
    if (e.role === 'num_batches_tracked') continue;
    const node = nodes.get(e.node);
    const data = new Float32Array(numel(e.shape));
    const rand = mulberry32(keySeed(seed, e.key));
    if (node?.op.kind === 'conv' && e.role === 'weight') {
      const fanOut = e.shape[0] * e.shape[2] * e.shape[3];
      fillNormal(data, Math.sqrt(2 / fanOut), rand);
    } else if (node?.op.kind === 'linear' && e.role === 'weight') {
      fillNormal(data, 0.01, rand);
    } else if (node?.op.kind === 'bn' && (e.role === 'weight' || e.role === 'running_var')) {
      data.fill(1);
    } // biases, beta, running_mean: 0
    sd.set(e.key, { shape: e.shape, data });
  }
  return sd;
}
