/**
 * How fast each backend runs networks on this device, from the runs that completed on this page:
 * MACs per millisecond, kept in memory only (a page load starts again from the defaults). The run
 * guard (run-guard.ts) turns a network's MACs into an expected time with it.
 *
 * tfjs-free: the UI reads it statically; the runtime's run paths (lib/lab/session.ts,
 * lib/compare/measure.ts) record into it.
 */
import type { BackendName } from './backend-names';

/**
 * Until a backend has completed a run: a slow-end guess in MACs per ms. Measured here (2 CPU
 * cores, no GPU; shared/platform-notes.md), a 3×3 conv 224×224×32→64 (925 M MACs) took 127 ms on
 * wasm (7.3 M MACs/ms), 1.0 s on cpu (0.9), 1.8 s on webgl (0.5) and 4.2 s on webgpu (0.2), both
 * GPU backends on SwiftShader, a CPU. A real GPU is 10-100× faster; the first measured run
 * replaces the guess, so a fast device is asked at most once.
 */
export const DEFAULT_MACS_PER_MS: Readonly<Record<BackendName, number>> = {
  wasm: 5e6,
  cpu: 0.5e6,
  webgl: 1e6,
  webgpu: 0.5e6,
};

/** Runs shorter than this say more about per-run overhead than about speed: not recorded. */
const MIN_MS = 20;
/** Pooled over the latest runs of a backend, so a long run weighs more than a short one. */
const KEEP = 8;

const runs = new Map<BackendName, { macs: number; ms: number }[]>();

/** Records one completed forward pass (or the median of several) of `macs` MACs in `ms`. */
export function recordThroughput(backend: BackendName, macs: number, ms: number): void {
  if (!(macs > 0) || !(ms >= MIN_MS) || !Number.isFinite(ms)) return;
  const list = runs.get(backend) ?? [];
  list.push({ macs, ms });
  if (list.length > KEEP) list.shift();
  runs.set(backend, list);
}

export interface Throughput {
  readonly macsPerMs: number;
  /** False while it is DEFAULT_MACS_PER_MS's guess. */
  readonly measured: boolean;
}

export function throughputOf(backend: BackendName): Throughput {
  const list = runs.get(backend);
  if (!list?.length) return { macsPerMs: DEFAULT_MACS_PER_MS[backend], measured: false };
  const macs = list.reduce((a, r) => a + r.macs, 0);
  const ms = list.reduce((a, r) => a + r.ms, 0);
  return { macsPerMs: macs / ms, measured: true };
}

/** Forgets every measurement (tests). */
export function resetThroughput(): void {
  runs.clear();
}
