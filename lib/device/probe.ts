/**
 * What this device offers TensorFlow.js: the backend tfjs ends up on, the GPU's renderer string,
 * whether GPU timers exist (so per-layer times are kernel times rather than wall time), and, on
 * request, its measured limits (lib/runtime/device-peaks.ts: peak GFLOP/s and memory GB/s, the
 * roofs of the lab's roofline), cached for the page's session.
 * Browser-only; loaded with import() so pages paint before tfjs arrives. Jobs of the page-wide
 * queue like any other, with the runtime's one backend policy.
 */
import * as tf from '@tensorflow/tfjs';
import { type BackendInfo, wasmThreadPlan, wasmThreadsInUse } from '@/lib/runtime/backend';
import type { BackendName } from '@/lib/runtime/backend-names';
import { type DevicePeaks, cachedPeaks, measurePeaks } from '@/lib/runtime/device-peaks';
import { type JobRequest, runTfjsJob } from '@/lib/runtime/job';

export type { DevicePeaks } from '@/lib/runtime/device-peaks';

/** The WebAssembly backend's threads: in use once it started, else the ones it will start with. */
export interface WasmThreadReport {
  readonly count: number;
  /** Whether the wasm backend has started on this page (else `count` is its plan). */
  readonly started: boolean;
  /** Why one thread (lib/runtime/wasm-threads.ts), or null. */
  readonly notice: string | null;
  /** Whether the count is the reader's own choice for this session (lib/runtime/thread-choice.ts). */
  readonly chosen: boolean;
}

export interface DeviceReport extends BackendInfo {
  readonly tfjsVersion: string;
  readonly wasmThreads: WasmThreadReport;
  /** This session's measured peaks on the backend, if any were measured (here or in the lab). */
  readonly peaks: DevicePeaks | null;
}

export function probeDevice(preferred?: BackendName): Promise<DeviceReport> {
  return runTfjsJob({ backend: preferred ?? 'auto' }, async ({ backend }) => ({
    ...backend,
    tfjsVersion: tf.version.tfjs,
    peaks: cachedPeaks(backend.backend),
    wasmThreads: wasmThreadReport(),
  }));
}

function wasmThreadReport(): WasmThreadReport {
  const used = wasmThreadsInUse();
  if (used) return { count: used.count, started: true, notice: used.notice, chosen: used.reason === 'chosen' };
  const plan = wasmThreadPlan();
  return { count: plan.threads, started: false, notice: plan.notice, chosen: plan.reason === 'chosen' };
}

export interface MeasureRequest extends Pick<JobRequest, 'signal' | 'onStart' | 'onTensors'> {
  readonly backend: BackendName;
  readonly refresh?: boolean;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Measures (or returns the cached) peaks on a backend: a short job, cancellable between kernels. */
export function measureDevice(req: MeasureRequest): Promise<DevicePeaks> {
  return runTfjsJob({ backend: req.backend, signal: req.signal, onStart: req.onStart, onTensors: req.onTensors }, () =>
    measurePeaks({ signal: req.signal, refresh: req.refresh, onProgress: req.onProgress }),
  );
}
