/**
 * The device's own limits on the active tfjs backend, measured: the two roofs of a roofline.
 *
 * - Peak arithmetic throughput (GFLOP/s): a large square matmul (2·n³ FLOPs) and a large dense
 *   3×3 convolution (2·H·W·C_out·C_in·9 FLOPs, 'same'-size, the shape of a ResNet stage), each the
 *   backend's best kernel for dense arithmetic; the peak is the faster of the two.
 * - Memory bandwidth (GB/s): an element-wise add of two large float32 tensors, which reads two and
 *   writes one value per element and does one FLOP per 12 bytes, far below any ridge point, so its
 *   time is the memory's. The tensors are sized past any CPU cache (≥ 4 M elements, 48 MB moved).
 *
 * Each kernel is timed with the profiler's timer for the backend (wall time on wasm/cpu, whose
 * kernels are synchronous; the GPU timer on webgl/webgpu when it works, else wall time with a
 * read-back), repeated back to back until one sample spans MIN_SAMPLE_MS, and the best of
 * `samples` is kept: a peak is what the device can do, and a busy machine only ever slows it.
 * Problem sizes grow (doubling the work) until a single run takes MIN_SAMPLE_MS / 4, so a slow
 * backend (cpu) is measured on smaller problems than a fast one and no backend waits long.
 *
 * Cancellable between runs (CancelledError, every tensor freed). Results are cached per backend
 * for the page's session: the lab's profile and the "Your device" panel share one measurement.
 * Call inside a tfjs job (lib/runtime/job.ts) on the backend to measure.
 */
import * as tf from '@tensorflow/tfjs';
import { denseDirectHere, denseDirectTakes, directFilterFromHWIO, groupedConvDirect } from './ops/grouped-conv-direct';
import { throwIfCancelled, yieldToPage } from './cancel';
import { gpuTimerWorks } from './backend';
import type { TimerKind } from './profiler';
import { type Clock, defaultClock } from './step-timer';

export interface KernelMeasurement {
  /** What ran, e.g. "matmul 1024×1024×1024". */
  readonly what: string;
  /** Milliseconds of one run (best sample). */
  readonly ms: number;
  readonly flops: number;
  readonly bytes: number;
}

export interface DevicePeaks {
  readonly backend: string;
  /** max(matmul, conv) GFLOP/s. */
  readonly peakGflops: number;
  /** GB/s (1e9 bytes/s) of the element-wise add. */
  readonly peakGBps: number;
  readonly matmulGflops: number;
  readonly convGflops: number;
  readonly timer: TimerKind;
  readonly kernels: readonly KernelMeasurement[];
  /** Date.now() when measured. */
  readonly measuredAt: number;
}

export interface PeakOptions {
  readonly signal?: AbortSignal | null;
  /** Measure again even when this backend has a cached result. */
  readonly refresh?: boolean;
  /** Called after each kernel: (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Smallest problem sizes (tests pass small ones); they grow until a run is long enough. */
  readonly start?: { readonly matmul?: number; readonly conv?: number; readonly elements?: number };
  /** Largest problem sizes. */
  readonly limit?: { readonly matmul?: number; readonly conv?: number; readonly elements?: number };
  readonly samples?: number;
  readonly minSampleMs?: number;
  readonly clock?: Clock;
}

export const MIN_SAMPLE_MS = 40;
/** Samples per kernel; the best counts (more samples, more chances to run undisturbed). */
export const SAMPLES = 5;

const cache = new Map<string, DevicePeaks>();

/** This session's measurement for a backend, if there is one. */
export function cachedPeaks(backend: string): DevicePeaks | null {
  return cache.get(backend) ?? null;
}

/** Forget the cached measurements (tests; a reader asking to measure again uses `refresh`). */
export function clearPeaksCache(): void {
  cache.clear();
}

/** Times `k` back-to-back runs of `run`, in ms; every output is freed. */
async function timeRuns(run: () => tf.Tensor, k: number, timer: TimerKind, clock: Clock): Promise<number> {
  const outs: tf.Tensor[] = [];
  try {
    if (timer !== 'wall') {
      const info = await tf.time(() => {
        for (let i = 0; i < k; i++) outs.push(run());
      });
      if (typeof info.kernelMs === 'number') return info.kernelMs;
      throw new Error('GPU timer gave no number');
    }
    const sync = tf.getBackend() === 'wasm' || tf.getBackend() === 'cpu';
    const t0 = clock();
    for (let i = 0; i < k; i++) {
      const y = run();
      // Synchronous backends have finished when the op returns; a GPU one when a value is read.
      if (sync) y.dispose();
      else outs.push(y);
    }
    if (outs.length) await tf.tidy(() => tf.slice(outs[outs.length - 1].reshape([-1]), 0, 1)).data();
    return clock() - t0;
  } finally {
    tf.dispose(outs);
  }
}

interface Problem {
  readonly what: string;
  readonly flops: number;
  readonly bytes: number;
  readonly run: () => tf.Tensor;
  readonly dispose: () => void;
}

/** Best per-run ms of a problem over `samples` samples of enough back-to-back runs. */
async function bestMs(
  p: Problem,
  o: Required<Pick<PeakOptions, 'samples' | 'minSampleMs'>>,
  timer: TimerKind,
  clock: Clock,
  signal: AbortSignal | null | undefined,
): Promise<number> {
  let k = 1;
  let best = Infinity;
  for (let s = 0; s < o.samples;) {
    throwIfCancelled(signal);
    await yieldToPage();
    const ms = await timeRuns(p.run, k, timer, clock);
    if (ms < o.minSampleMs && k < 1024) {
      k = Math.min(1024, k * Math.max(2, Math.ceil(o.minSampleMs / Math.max(ms, 1e-3))));
      continue;
    }
    best = Math.min(best, ms / k);
    s++;
  }
  return best;
}

/**
 * Grows a problem (doubling its size parameter up to `limit`) until one run takes at least
 * `minMs` (after a warm-up run, which compiles shaders and allocates), then returns it.
 */
async function sized(
  make: (n: number) => Problem,
  start: number,
  limit: number,
  grow: (n: number) => number,
  minMs: number,
  timer: TimerKind,
  clock: Clock,
  signal: AbortSignal | null | undefined,
): Promise<Problem> {
  let n = start;
  for (;;) {
    throwIfCancelled(signal);
    const p = make(n);
    try {
      await timeRuns(p.run, 1, timer, clock); // warm-up
      const ms = await timeRuns(p.run, 1, timer, clock);
      if (ms >= minMs || grow(n) > limit) return p;
    } catch (e) {
      p.dispose();
      throw e;
    }
    p.dispose();
    n = grow(n);
    await yieldToPage();
  }
}

function matmulProblem(n: number): Problem {
  const a = tf.randomUniform([n, n], -1, 1, 'float32', 1) as tf.Tensor2D;
  const b = tf.randomUniform([n, n], -1, 1, 'float32', 2) as tf.Tensor2D;
  return { what: `matmul ${n}×${n}×${n}`, flops: 2 * n ** 3, bytes: 3 * n * n * 4, run: () => tf.matMul(a, b), dispose: () => tf.dispose([a, b]) };
}

/**
 * A 3×3 conv, stride 1, pad 1, `c` → `c` channels on an s×s map (s = 56, ResNet's stage 1), run
 * the way the executor runs a dense conv here: on wasm with one thread that is Layerwise's SIMD
 * kernel, faster than XNNPACK (ops/grouped-conv-direct.ts), so the roof stays above its layers.
 */
function convProblem(c: number): Problem {
  const s = 56;
  const x = tf.randomUniform([1, s, s, c], -1, 1, 'float32', 3) as tf.Tensor4D;
  const w = tf.randomUniform([3, 3, c, c], -0.1, 0.1, 'float32', 4) as tf.Tensor4D;
  const macs = s * s * c * c * 9;
  const direct = denseDirectHere() && denseDirectTakes(c, null);
  const what = `conv 3×3 ${s}×${s}×${c}→${c}`;
  const base = { flops: 2 * macs, bytes: (2 * s * s * c + 9 * c * c) * 4 };
  if (!direct) return { ...base, what, run: () => tf.conv2d(x, w, 1, 'same'), dispose: () => tf.dispose([x, w]) };
  const f = tf.tensor1d(directFilterFromHWIO(w.dataSync() as Float32Array, 3, 3, c, c));
  const bias = tf.zeros([c]) as tf.Tensor1D;
  w.dispose();
  const geom = { inC: c, outC: c, groups: 1, kernel: [3, 3], stride: [1, 1], padding: [1, 1] } as const;
  return {
    ...base,
    what: `${what} (Layerwise's SIMD kernel)`,
    run: () => groupedConvDirect(x, f, bias, geom, null),
    dispose: () => tf.dispose([x, f, bias]),
  };
}

function addProblem(elements: number): Problem {
  const a = tf.randomUniform([elements], -1, 1, 'float32', 5);
  const b = tf.randomUniform([elements], -1, 1, 'float32', 6);
  return {
    what: `add ${elements.toLocaleString('en-US')} floats`,
    flops: elements,
    bytes: 3 * elements * 4,
    run: () => tf.add(a, b),
    dispose: () => tf.dispose([a, b]),
  };
}

/** Measures (or returns this session's cached) peaks of the current backend. */
export async function measurePeaks(options: PeakOptions = {}): Promise<DevicePeaks> {
  const backend = tf.getBackend();
  const hit = cache.get(backend);
  if (hit && !options.refresh) return hit;
  const clock = options.clock ?? defaultClock;
  const o = { samples: options.samples ?? SAMPLES, minSampleMs: options.minSampleMs ?? MIN_SAMPLE_MS };
  const timer: TimerKind = gpuTimerWorks(backend) ? (backend === 'webgl' ? 'webgl-timer' : 'webgpu-timestamp') : 'wall';
  const signal = options.signal;
  const start = { matmul: 256, conv: 32, elements: 1 << 22, ...options.start };
  const limit = { matmul: 2048, conv: 256, elements: 1 << 24, ...options.limit };
  const minRun = o.minSampleMs / 4;
  const kernels: KernelMeasurement[] = [];
  const plan: Array<() => Problem | Promise<Problem>> = [
    () => sized(matmulProblem, start.matmul, limit.matmul, (n) => n * 2, minRun, timer, clock, signal),
    // Channel counts stay multiples of 8 (the SIMD kernel's blocks): 32, 48, 64, 88, 128, 184.
    () => sized(convProblem, start.conv, limit.conv, (c) => Math.max(c + 8, 8 * Math.round((c * Math.SQRT2) / 8)), minRun, timer, clock, signal),
    () => sized(addProblem, start.elements, limit.elements, (n) => n * 2, minRun, timer, clock, signal),
  ];
  for (const [i, make] of plan.entries()) {
    const p = await make();
    try {
      const ms = await bestMs(p, o, timer, clock, signal);
      kernels.push({ what: p.what, ms, flops: p.flops, bytes: p.bytes });
    } finally {
      p.dispose();
    }
    options.onProgress?.(i + 1, plan.length);
  }
  throwIfCancelled(signal);
  const [mm, conv, add] = kernels;
  const gflops = (k: KernelMeasurement) => k.flops / (k.ms / 1000) / 1e9;
  const peaks: DevicePeaks = {
    backend,
    matmulGflops: gflops(mm),
    convGflops: gflops(conv),
    peakGflops: Math.max(gflops(mm), gflops(conv)),
    peakGBps: add.bytes / (add.ms / 1000) / 1e9,
    timer,
    kernels,
    measuredAt: Date.now(),
  };
  cache.set(backend, peaks);
  return peaks;
}
