/**
 * Parity fixture helpers for tests: read a fixture, rebuild weights and input from its formula,
 * run a Graph and compare logits and stage checkpoints. Node-only (reads files): tests only.
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import type { Graph } from '../../arch/ir';
import { Model, type ModelOptions, inputFromNCHW } from '../executor';
import { nhwcToNchw } from '../layout';
import { hashInit, hashInput } from '../weights/hash-init';
import type { KeySpec } from '../weights/types';

export interface FixtureCheckpoint {
  name: string;
  type?: string;
  shape: number[];
  sum: number;
  l2: number;
  mean?: number;
  abs_max?: number;
  first?: number[];
  probes?: Record<string, number>;
}

export interface Fixture {
  name: string;
  input: { shape: number[]; checksum?: { sum_f64_sequential: number; bits_xor: number; first: number[] } };
  output: { shape: number[]; all_logits: number[]; l2_norm: number; argmax: number };
  suggested_tolerance?: { abs: number; rel_l2: number };
  checkpoints: FixtureCheckpoint[];
  state_dict: { k?: number; key: string; shape: number[]; dtype: string; checksum?: { sum_f64_sequential: number; bits_xor: number; first: number[] } }[];
}

export function readFixture(path: string | URL): Fixture {
  return JSON.parse(readFileSync(path, 'utf8')) as Fixture;
}

export function fixtureKeys(f: Fixture): KeySpec[] {
  return f.state_dict.map((e) => ({ key: e.key, shape: e.shape, dtype: e.dtype === 'int64' ? 'int64' : 'float32' }));
}

/** XOR of the float32 bit patterns, as the fixtures' `bits_xor` checksum. */
export function bitsXor(a: Float32Array): number {
  const u = new Uint32Array(a.buffer, a.byteOffset, a.length);
  let x = 0;
  for (let i = 0; i < u.length; i++) x = (x ^ u[i]) >>> 0;
  return x;
}

export function sumF64(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

export function l2(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return Math.sqrt(s);
}

export function relL2(a: ArrayLike<number>, ref: ArrayLike<number>): number {
  let d = 0;
  let r = 0;
  for (let i = 0; i < ref.length; i++) {
    d += (a[i] - ref[i]) ** 2;
    r += ref[i] ** 2;
  }
  return Math.sqrt(d / r);
}

/**
 * Which node's output is a torchvision module's forward-hook output: the node of that name, or
 * for a container (Sequential, block) the last node inside it in topological order.
 */
export function resolveCheckpoint(graph: Graph, moduleName: string): string | null {
  if (graph.nodes.some((n) => n.name === moduleName)) return moduleName;
  const inside = graph.nodes.filter((n) => n.name.startsWith(`${moduleName}.`) || n.group === moduleName);
  return inside.length ? inside[inside.length - 1].name : null;
}

export interface CheckpointResult {
  name: string;
  node: string | null;
  shapeOk: boolean;
  relL2: number;
  sumErr: number;
  probeErr: number;
}

export interface ParityResult {
  /** Plain forward (conv+BN+act fused where possible). */
  relL2: number;
  /** Forward with fusion off, and the forward that captured the checkpoints. */
  unfusedRelL2: number;
  capturedRelL2: number;
  maxAbs: number;
  argmax: number;
  logits: Float32Array;
  checkpoints: CheckpointResult[];
}

/** Build the model from the fixture formula, run once on the current backend, compare. */
export function runParity(fixture: Fixture, graph: Graph, options: ModelOptions = {}): ParityResult {
  const sd = hashInit(fixtureKeys(fixture));
  const shape = fixture.input.shape as [number, number, number, number];
  const model = Model.create(graph, sd, options);
  const wanted = fixture.checkpoints.map((c) => ({ c, node: resolveCheckpoint(graph, c.name) }));
  const x = inputFromNCHW(hashInput(shape), shape);
  try {
    const { output, captured } = model.execute(x, { capture: wanted.flatMap((w) => (w.node ? [w.node] : [])) });
    const capturedLogits = output.dataSync() as Float32Array;
    const y = model.predict(x);
    const logits = y.dataSync() as Float32Array;
    y.dispose();
    const u = model.execute(x, { fuse: false }).output;
    const unfused = u.dataSync() as Float32Array;
    u.dispose();
    const ref = fixture.output.all_logits;
    let maxAbs = 0;
    for (let i = 0; i < ref.length; i++) maxAbs = Math.max(maxAbs, Math.abs(logits[i] - ref[i]));
    let argmax = 0;
    for (let i = 1; i < logits.length; i++) if (logits[i] > logits[argmax]) argmax = i;
    const checkpoints = wanted.map(({ c, node }): CheckpointResult => {
      const t = node ? captured.get(node) : undefined;
      if (!t) return { name: c.name, node, shapeOk: false, relL2: Infinity, sumErr: Infinity, probeErr: Infinity };
      let data = t.dataSync() as Float32Array;
      let nchw: number[];
      if (t.rank === 4) {
        const [n, h, w, ch] = t.shape;
        data = nhwcToNchw(data, n, h, w, ch);
        nchw = [n, ch, h, w];
      } else nchw = [...t.shape];
      // A [N,1,1,C] module output may be recorded as [N,C,1,1]; compare element counts too.
      const shapeOk = nchw.join() === c.shape.join();
      const got = l2(data);
      let probeErr = 0;
      for (const [idx, v] of Object.entries(c.probes ?? {})) probeErr = Math.max(probeErr, Math.abs(data[Number(idx)] - v) / (c.abs_max ?? 1));
      (c.first ?? []).forEach((v, i) => (probeErr = Math.max(probeErr, Math.abs(data[i] - v) / (c.abs_max ?? 1))));
      return {
        name: c.name,
        node,
        shapeOk,
        relL2: Math.abs(got - c.l2) / c.l2,
        // Sums can be near zero: measure the error against the scale sqrt(n) * l2 / sqrt(n) = l2.
        sumErr: Math.abs(sumF64(data) - c.sum) / c.l2,
        probeErr,
      };
    });
    output.dispose();
    for (const t of captured.values()) t.dispose();
    return { relL2: relL2(logits, ref), unfusedRelL2: relL2(unfused, ref), capturedRelL2: relL2(capturedLogits, ref), maxAbs, argmax, logits, checkpoints };
  } finally {
    x.dispose();
    model.dispose();
  }
}

export async function useBackend(name: 'cpu' | 'wasm'): Promise<void> {
  if (name === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
  if (tf.getBackend() !== name) {
    const ok = await tf.setBackend(name);
    if (!ok) throw new Error(`could not initialise tfjs backend ${name}`);
  }
  await tf.ready();
}
