/**
 * Training-parity fixtures (lib/train/fixtures/train-parity/, made by scripts/py/make_train_fixture.py):
 * read one, rebuild its training set from the hash formula, and compare a run's losses and
 * state-dict updates with PyTorch's. Node-only (reads files): tests only.
 *
 * A fixture stores each update d = after − before as its whole-tensor L2 norm, d at evenly spaced
 * flat indices floor(j·n/S), and P random projections Σ_i d_i·√12·u(PROJ_SALT + p, i) (see the
 * fixture's `doc`). The relative L2 of (ours − torch) is estimated three ways and the largest is
 * reported: over the samples, from the projections (E[(r·e)²] = ‖e‖², so √(mean_p Δp²) ≈ ‖e‖),
 * and |‖ours‖ − ‖torch‖| / ‖torch‖, a lower bound of the true value over all n elements.
 */
import { readFileSync } from 'node:fs';
import { hashU } from '../../runtime/weights/hash-init';
import type { KeySpec, StateDict } from '../../runtime/weights/types';
import type { LabelledImages, TrainConfig } from '../types';

export interface TrainFixtureTensor {
  readonly key: string;
  /** Float tensors: the update's record. */
  readonly l2?: number;
  readonly samples?: number[];
  readonly proj?: number[];
  readonly rel_l2_f32_vs_f64?: number;
  /** PyTorch against itself: the largest rel. L2 of this update over float32 reruns from weights moved by ~1 ulp. */
  readonly rel_l2_ulp_reruns?: number;
  /** num_batches_tracked after the steps. */
  readonly after?: number;
}

export interface TrainFixture {
  readonly name: string;
  readonly size: number;
  readonly input_shape: [number, number, number];
  readonly num_classes: number;
  readonly salts: { images: number; labels: number; projections: number };
  readonly data: { n: number; digits_range: boolean; labels: number[]; images_checksum: { bits_xor: number; sum_f64_sequential: number } };
  readonly config: TrainConfig;
  readonly sample_count: number;
  readonly projection_count: number;
  readonly losses: number[];
  readonly float64_losses: number[];
  /** PyTorch's own spread (float32 vs float64; float32 reruns from weights moved by ~1 ulp). */
  readonly torch_floors: Record<string, unknown>;
  readonly state_dict: { k: number; key: string; shape: number[]; dtype: string }[];
  readonly tensors: TrainFixtureTensor[];
}

export function readTrainFixture(path: string | URL): TrainFixture {
  return JSON.parse(readFileSync(path, 'utf8')) as TrainFixture;
}

export function trainFixtureKeys(f: TrainFixture): KeySpec[] {
  return f.state_dict.map((e) => ({ key: e.key, shape: e.shape, dtype: e.dtype === 'int64' ? 'int64' : 'float32' }));
}

/**
 * The fixture's training set: images[i] = 2·u(images salt, i) over the flat [N, C, H, W] array
 * (u + 0.5, in [0, 1), for digits inputs), labels[i] = floor((u(labels salt, i) + 0.5)·classes).
 * Both are exact in float64 and rounded once, as numpy does.
 */
export function trainFixtureData(f: TrainFixture): LabelledImages {
  const [c, h, w] = f.input_shape;
  const n = f.data.n;
  const images = new Float32Array(n * c * h * w);
  const salt = f.salts.images;
  if (f.data.digits_range) for (let i = 0; i < images.length; i++) images[i] = hashU(salt, i) + 0.5;
  else for (let i = 0; i < images.length; i++) images[i] = 2 * hashU(salt, i);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) labels[i] = Math.floor((hashU(f.salts.labels, i) + 0.5) * f.num_classes);
  return { images, shape: [n, c, h, w], labels };
}

/** The flat indices a fixture samples in a tensor of n elements: floor(j·n/S), j < S = min(n, S). */
export function sampleIndices(n: number, sampleCount: number): number[] {
  const s = Math.min(n, sampleCount);
  const out: number[] = [];
  for (let j = 0; j < s; j++) out.push(Math.floor((j * n) / s));
  return out;
}

export interface DeltaComparison {
  readonly key: string;
  /** Largest of the three estimates of rel. L2 (ours − torch). */
  readonly relL2: number;
  readonly sampledRelL2: number;
  readonly projectedRelL2: number;
  readonly normRelDiff: number;
  /** PyTorch's own float32-vs-float64 error on this update. */
  readonly torchF32VsF64: number;
  /** PyTorch against itself from weights moved by ~1 ulp (the fixture's rel_l2_ulp_reruns). */
  readonly torchUlpSpread: number;
  /** ‖torch update‖ (the fixture's l2). */
  readonly refL2: number;
}

function projections(d: Float64Array, count: number, salt: number): number[] {
  const out: number[] = [];
  const s12 = Math.sqrt(12);
  for (let p = 0; p < count; p++) {
    let acc = 0;
    for (let i = 0; i < d.length; i++) acc += d[i] * (s12 * hashU(salt + p, i));
    out.push(acc);
  }
  return out;
}

/** Compare one float tensor's update (after − before, both PyTorch layout) with the fixture. */
export function compareDelta(f: TrainFixture, t: TrainFixtureTensor, before: Float32Array, after: Float32Array): DeltaComparison {
  if (before.length !== after.length) throw new Error(`${t.key}: ${before.length} elements before, ${after.length} after`);
  const d = new Float64Array(before.length);
  let l2 = 0;
  for (let i = 0; i < d.length; i++) {
    d[i] = after[i] - before[i];
    l2 += d[i] * d[i];
  }
  l2 = Math.sqrt(l2);
  const ref = t.l2!;
  const idx = sampleIndices(d.length, f.sample_count);
  if (idx.length !== t.samples!.length) throw new Error(`${t.key}: ${idx.length} sample indices, fixture has ${t.samples!.length}`);
  let num = 0;
  let den = 0;
  idx.forEach((i, j) => {
    num += (d[i] - t.samples![j]) ** 2;
    den += t.samples![j] ** 2;
  });
  const proj = projections(d, f.projection_count, f.salts.projections);
  let pe = 0;
  proj.forEach((p, j) => (pe += (p - t.proj![j]) ** 2));
  // A zero reference update (never the case with weight decay on) must be matched by zero.
  const rel = (x: number, r: number) => (r > 0 ? x / r : x === 0 ? 0 : Infinity);
  const sampledRelL2 = rel(Math.sqrt(num), Math.sqrt(den));
  const projectedRelL2 = rel(Math.sqrt(pe / proj.length), ref);
  const normRelDiff = rel(Math.abs(l2 - ref), ref);
  return {
    key: t.key,
    relL2: Math.max(sampledRelL2, projectedRelL2, normRelDiff),
    sampledRelL2,
    projectedRelL2,
    normRelDiff,
    torchF32VsF64: t.rel_l2_f32_vs_f64 ?? NaN,
    torchUlpSpread: t.rel_l2_ulp_reruns ?? 0,
    refL2: ref,
  };
}

export interface TrainParityResult {
  readonly lossRelErr: number[];
  readonly deltas: DeltaComparison[];
  readonly worstDelta: DeltaComparison;
  /** Rel. L2 of the whole update (every float tensor as one vector), from the per-tensor estimates. */
  readonly wholeRelL2: number;
  /** num_batches_tracked expected by the fixture (one value: every BN counts the same steps). */
  readonly numBatchesTracked: number[];
}

/** Compare a run's losses and its state dict before/after with the fixture. */
export function compareTrainRun(f: TrainFixture, losses: readonly number[], before: StateDict, after: StateDict): TrainParityResult {
  if (losses.length !== f.losses.length) throw new Error(`${f.name}: ${losses.length} losses, fixture has ${f.losses.length}`);
  const lossRelErr = losses.map((l, i) => Math.abs(l - f.losses[i]) / Math.abs(f.losses[i]));
  const deltas: DeltaComparison[] = [];
  const nbt = new Set<number>();
  for (const t of f.tensors) {
    if (t.after !== undefined) {
      nbt.add(t.after);
      continue;
    }
    const b = before.get(t.key);
    const a = after.get(t.key);
    if (!b || !a) throw new Error(`${f.name}: ${t.key} missing from the ${b ? 'trained' : 'initial'} state dict`);
    deltas.push(compareDelta(f, t, b.data, a.data));
  }
  const worstDelta = deltas.reduce((w, d) => (d.relL2 > w.relL2 ? d : w));
  let err = 0;
  let ref = 0;
  for (const d of deltas) {
    err += (d.relL2 * d.refL2) ** 2;
    ref += d.refL2 ** 2;
  }
  return { lossRelErr, deltas, worstDelta, wholeRelL2: Math.sqrt(err / ref), numBatchesTracked: [...nbt] };
}
