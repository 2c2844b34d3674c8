/**
 * The typed API the benchmark harness page (/bench) puts on `window.layerwiseBench`. tfjs-free, so
 * Node scripts (scripts/bench) and Playwright tests can import the types without the runtime.
 */

import type { GroupConvStrategy } from '../../lib/runtime/groupconv';

export type BenchBackend = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type BenchGroupConv = 'auto' | GroupConvStrategy;
export type BenchTimer = 'webgl-timer' | 'webgpu-timestamp' | 'wall';

/** Model ids: every lib/arch MODEL_ID, plus the two parity configs 'densenet_small' / 'resnext_small'. */
export const EXTRA_BENCH_MODELS = ['densenet_small', 'resnext_small'] as const;

export interface RunOptions {
  readonly model: string;
  readonly backend: BenchBackend;
  /** Square input size (default: the model's own size, 224 for ImageNet models). */
  readonly size?: number;
  /** Timed repeats (median reported). Default 5. */
  readonly runs?: number;
  /** Untimed passes first. Default 2. */
  readonly warmup?: number;
  /** Grouped-conv strategy; 'auto' = the runtime's default for the backend. */
  readonly groupConv?: BenchGroupConv;
  /** Per-layer profile as well (default true); false = whole-model timing only. */
  readonly layers?: boolean;
  /** Weight seed (default 0). */
  readonly seed?: number;
}

/** One step of the fused forward pass, as the site's profiler (lib/runtime/profiler.ts) reports it. */
export interface BenchLayer {
  readonly name: string;
  readonly op: string;
  /** Every node the step computed: [name, …BN and activation folded into it]. */
  readonly nodes: readonly string[];
  readonly macs: number;
  readonly ms: number;
  readonly timer: BenchTimer;
  /** How `ms` was read from its samples: mean over the kept passes (wall time) or median (GPU timers). */
  readonly estimator: 'median' | 'mean';
  /** FLOPs per byte (lib/arch/roofline.ts). */
  readonly intensity: number | null;
  /** Share of the roofline bound reached; null without device peaks. */
  readonly rooflineFraction: number | null;
}

/** The device's measured roofs (lib/runtime/device-peaks.ts), as the lab's JSON export writes them. */
export interface BenchPeaks {
  readonly backend: string;
  readonly peakGflops: number;
  readonly peakGBps: number;
  readonly matmulGflops: number;
  readonly convGflops: number;
  readonly ridgeIntensity: number;
  readonly timer: string;
  readonly kernels: ReadonlyArray<{ what: string; ms: number; flops: number; bytes: number }>;
  readonly measuredAt: string;
}

export interface RunResult {
  readonly model: string;
  readonly backend: BenchBackend;
  readonly size: number;
  /** GPU renderer, or a description of the CPU path (e.g. "WebAssembly (SIMD, single thread)"). */
  readonly device: string;
  /** On wasm: the threads XNNPACK ran on (tfjs' getThreadsCount(); /bench?threads=N sets it); null on the other backends. */
  readonly threads?: number | null;
  /** The grouped-conv strategy the model actually used. */
  readonly groupConv: string;
  readonly runs: number;
  readonly warmup: number;
  /** Whole-model forward incl. reading the logits back, median of `runs`. */
  readonly median_ms: number;
  readonly samples_ms: readonly number[];
  /**
   * With layers: the profile's typical whole-model pass, read by the layers' own rule (the mean of
   * the middle half of the plain passes on wasm and cpu; lib/runtime/step-timer.ts typicalOf), the
   * number the layer sum is compared with; null without layers.
   */
  readonly typical_ms?: number | null;
  /** Sum of the per-step times (means over the middle half of the traced passes); null when layers were not profiled. */
  readonly layer_sum_ms: number | null;
  /** The timer the profiler used for the steps; null without layers. */
  readonly layer_timer: BenchTimer | null;
  /**
   * Median end-to-end time of the traced passes: the same forward as median_ms with a timestamp
   * (or a GPU timer scope) per step. Against layer_sum_ms it separates the timing method from
   * noise.
   */
  readonly trace_pass_ms: number | null;
  readonly layers: readonly BenchLayer[];
  /** The device's measured roofs on this backend; null without layers. */
  readonly peaks: BenchPeaks | null;
  /** The lab's JSON export of the same profile (lib/lab/profile-export.ts profileToJson), parsed; null without layers. */
  readonly profile: Record<string, unknown> | null;
  readonly numTensorsBefore: number;
  readonly numTensorsAfter: number;
}

export interface LogitsOptions {
  readonly model: string;
  readonly backend: BenchBackend;
  readonly size?: number;
  readonly seed?: number;
  readonly groupConv?: BenchGroupConv;
}

export interface LayerwiseBench {
  /** Resolves once the runtime is loaded (rejects if it cannot load). */
  readonly ready: Promise<void>;
  /** Build a seeded model, time it, dispose everything. Calls are queued, never concurrent. */
  run(options: RunOptions): Promise<RunResult>;
  /** Logits of a seeded model on the fixtures' deterministic input (NCHW hash input). */
  logits(options: LogitsOptions): Promise<number[]>;
  /** tf.memory().numTensors right now. */
  numTensors(): Promise<number>;
}

declare global {
  interface Window {
    layerwiseBench?: LayerwiseBench;
  }
}
