/**
 * Profile aggregation for the FLOPs-vs-time figure: per-layer rows with display kinds and achieved
 * throughput, totals by op kind (time and MACs, as shares), and the summary numbers the text quotes.
 *
 * Pure data in, pure data out: the runtime's ModelProfile is imported as a type only, so this file
 * (and its tests) never load tfjs.
 */
import type { Graph, Node, OpKind } from '../arch/ir';
import { type Roofs, rooflinePoint, stepWork } from '../arch/roofline';
import type { DevicePeaks } from '../runtime/device-peaks';
import type { ModelProfile, TimerKind } from '../runtime/profiler';
import { DISPLAY_OP_KINDS, type DisplayOpKind, opKindOf } from './op-kind';

/** One step of the fused forward pass ("layer" in the lab): a node, or a conv with its BN (and activation). */
export interface ProfileRow {
  readonly name: string;
  readonly op: OpKind;
  readonly kind: DisplayOpKind;
  readonly group: string | null;
  /** Every node the step computed: [name, …BN and activation folded into it]. */
  readonly nodes: readonly string[];
  readonly macs: number;
  /** Every floating-point operation: 2 × MACs + element-wise ops (lib/arch/roofline.ts). */
  readonly flops: number;
  /** Compulsory float32 traffic: inputs + weights + outputs (lib/arch/roofline.ts). */
  readonly bytes: number;
  readonly inputBytes: number;
  readonly weightBytes: number;
  readonly outputBytes: number;
  /** FLOPs per byte. */
  readonly intensity: number;
  /** Median measured time; NaN when the layer was not timed. */
  readonly ms: number;
  /** Achieved GFLOP/s = FLOPs / seconds / 1e9; NaN when there is no positive time. */
  readonly gflops: number;
  /** Achieved GB/s = bytes / seconds / 1e9. */
  readonly gbps: number;
  /** The roofline bound min(peak, intensity × bandwidth) in GFLOP/s; NaN without device peaks or FLOPs. */
  readonly boundGflops: number;
  /** Share of the roofline bound reached (bound time / measured time); NaN without device peaks. */
  readonly rooflineFraction: number;
  /** Which roof bounds the step on this device; null without device peaks. */
  readonly bound: 'compute' | 'memory' | 'none' | null;
  readonly timer: TimerKind;
  readonly samples: readonly number[];
  /** How `ms` was read from the samples: mean over the kept passes (wall time) or median (GPU timers). */
  readonly estimator: 'median' | 'mean';
}

export interface LabProfile {
  readonly graphId: string;
  readonly backend: string;
  /** Square input size the profile ran at. */
  readonly size: number;
  readonly inputShape: readonly number[];
  readonly warmup: number;
  readonly repeats: number;
  readonly rows: readonly ProfileRow[];
  /** A typical plain pass, read by the layers' own rule (`wholeEstimator`; runtime/profiler.ts). */
  readonly wholeMs: number;
  readonly wholeEstimator: ModelProfile['wholeEstimator'];
  readonly wholeSamples: readonly number[];
  readonly wholeSpread: ModelProfile['wholeSpread'];
  /** On wasm: the threads the backend ran on; null elsewhere. */
  readonly threads: number | null;
  readonly sumLayersMs: number;
  readonly relativeGap: number;
  readonly timers: readonly TimerKind[];
  /** The traced passes end to end (median), and what of them lies outside every step. */
  readonly tracePassMs: number;
  readonly overheadMs: number;
  readonly clockResolutionMs: number | null;
  /** The device's measured roofs on this backend, when measured. */
  readonly device: DevicePeaks | null;
}

export interface KindTotal {
  readonly kind: DisplayOpKind;
  readonly layers: number;
  readonly ms: number;
  readonly macs: number;
  /** Share of the sum of layer times (0..1). */
  readonly msShare: number;
  /** Share of the model's MACs (0..1). */
  readonly macsShare: number;
}

export interface ProfileSummary {
  readonly layers: number;
  readonly timedLayers: number;
  readonly totalMacs: number;
  readonly sumLayersMs: number;
  readonly wholeMs: number;
  readonly medianLayerMs: number;
  /** sumLayersMs − wholeMs (positive when per-layer timing adds overhead). */
  readonly gapMs: number;
  readonly relativeGap: number;
  /** Whole-model achieved GFLOP/s (all FLOPs / whole-model time). */
  readonly wholeGflops: number;
  readonly totalFlops: number;
  readonly totalBytes: number;
}

export const TIMER_LABELS: Record<TimerKind, string> = {
  'webgl-timer': 'GPU kernel time (WebGL timer query)',
  'webgpu-timestamp': 'GPU kernel time (WebGPU timestamp query)',
  wall: 'wall-clock time between steps',
};

/** "GPU kernel time (WebGL timer query)", or both labels joined when layers used different timers. */
export function timerLabel(timers: readonly TimerKind[]): string {
  if (timers.length === 0) return TIMER_LABELS.wall;
  return timers.map((t) => TIMER_LABELS[t]).join(' + ');
}

export function median(xs: readonly number[]): number {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return NaN;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/** FLOPs per second, in GFLOP/s (also bytes per ms → GB/s). */
export function perSecondG(amount: number, ms: number): number {
  if (!(ms > 0) || !Number.isFinite(ms)) return NaN;
  return amount / (ms / 1000) / 1e9;
}

/** 2·MACs per second, in GFLOP/s. */
export function achievedGflops(macs: number, ms: number): number {
  return perSecondG(2 * macs, ms);
}

/** The roofs of measured device peaks. */
export function roofsOf(device: DevicePeaks | null): Roofs | null {
  return device && device.peakGflops > 0 && device.peakGBps > 0 ? { peakGflops: device.peakGflops, peakGBps: device.peakGBps } : null;
}

/**
 * Joins a runtime profile with the graph it ran at. `graph` must be the graph at the profiled input
 * size (see resizeGraph): the runtime's MACs come from the Model's own graph, which may have been
 * built for another size, so costs are recomputed here from `graph`'s shapes.
 */
export function toLabProfile(profile: ModelProfile, graph: Graph, device: DevicePeaks | null = null): LabProfile {
  const nodes = new Map(graph.nodes.map((n) => [n.name, n]));
  const roofs = roofsOf(device);
  const nodeOf = (name: string): Node => {
    const node = nodes.get(name);
    if (!node) throw new Error(`profile layer "${name}" is not in graph ${graph.id}`);
    return node;
  };
  const rows: ProfileRow[] = profile.layers.map((l) => {
    const node = nodeOf(l.name);
    const work = stepWork(l.nodes.map(nodeOf));
    const point = roofs ? rooflinePoint(work, l.ms, roofs) : null;
    return {
      name: l.name,
      op: node.op.kind,
      kind: opKindOf(node),
      group: node.group,
      nodes: l.nodes,
      macs: work.macs,
      flops: work.flops,
      bytes: work.bytes.total,
      inputBytes: work.bytes.inputs,
      weightBytes: work.bytes.weights,
      outputBytes: work.bytes.outputs,
      intensity: work.intensity,
      ms: l.ms,
      gflops: perSecondG(work.flops, l.ms),
      gbps: perSecondG(work.bytes.total, l.ms),
      boundGflops: point ? point.boundGflops : NaN,
      rooflineFraction: point ? point.fraction : NaN,
      bound: point ? point.bound : null,
      timer: l.timer,
      samples: l.samples,
      estimator: l.estimator,
    };
  });
  return {
    graphId: profile.graphId,
    backend: profile.backend,
    size: profile.inputShape[1] ?? graph.input[1],
    inputShape: profile.inputShape,
    warmup: profile.warmup,
    repeats: profile.repeats,
    rows,
    wholeMs: profile.wholeMs,
    wholeEstimator: profile.wholeEstimator,
    wholeSamples: profile.wholeSamples,
    wholeSpread: profile.wholeSpread,
    threads: profile.threads,
    sumLayersMs: profile.sumLayersMs,
    relativeGap: profile.relativeGap,
    timers: profile.timers,
    tracePassMs: profile.tracePassMs,
    overheadMs: profile.overheadMs,
    clockResolutionMs: profile.clockResolutionMs,
    device,
  };
}

const finite = (x: number) => (Number.isFinite(x) ? x : 0);

/** Totals per display kind, in DISPLAY_OP_KINDS order; kinds absent from the model are omitted. */
export function totalsByKind(rows: readonly ProfileRow[]): KindTotal[] {
  const sumMs = rows.reduce((s, r) => s + finite(r.ms), 0);
  const sumMacs = rows.reduce((s, r) => s + r.macs, 0);
  const out: KindTotal[] = [];
  for (const kind of DISPLAY_OP_KINDS) {
    const rs = rows.filter((r) => r.kind === kind);
    if (!rs.length) continue;
    const ms = rs.reduce((s, r) => s + finite(r.ms), 0);
    const macs = rs.reduce((s, r) => s + r.macs, 0);
    out.push({ kind, layers: rs.length, ms, macs, msShare: sumMs > 0 ? ms / sumMs : 0, macsShare: sumMacs > 0 ? macs / sumMacs : 0 });
  }
  return out;
}

export function summarizeProfile(p: LabProfile): ProfileSummary {
  const totalMacs = p.rows.reduce((s, r) => s + r.macs, 0);
  const totalFlops = p.rows.reduce((s, r) => s + r.flops, 0);
  const timed = p.rows.filter((r) => Number.isFinite(r.ms));
  const sumLayersMs = timed.reduce((s, r) => s + r.ms, 0);
  return {
    layers: p.rows.length,
    timedLayers: timed.length,
    totalMacs,
    sumLayersMs,
    wholeMs: p.wholeMs,
    medianLayerMs: median(timed.map((r) => r.ms)),
    gapMs: sumLayersMs - p.wholeMs,
    relativeGap: p.wholeMs > 0 ? (sumLayersMs - p.wholeMs) / p.wholeMs : NaN,
    wholeGflops: perSecondG(totalFlops, p.wholeMs),
    totalFlops,
    totalBytes: p.rows.reduce((s, r) => s + r.bytes, 0),
  };
}

/** Rows sorted by a column, for the layer table (stable; NaN last). */
export type RowSortKey = 'order' | 'name' | 'kind' | 'macs' | 'ms' | 'gflops' | 'bytes' | 'intensity' | 'rooflineFraction';

/** Measures sort largest first by default, identifiers in reading order. */
export function defaultDescending(key: RowSortKey): boolean {
  return key !== 'order' && key !== 'name' && key !== 'kind';
}

export function sortRows(rows: readonly ProfileRow[], key: RowSortKey, descending = defaultDescending(key)): ProfileRow[] {
  const idx = new Map(rows.map((r, i) => [r, i]));
  const val = (r: ProfileRow): number | string => {
    switch (key) {
      case 'order':
        return idx.get(r) ?? 0;
      case 'name':
        return r.name;
      case 'kind':
        return DISPLAY_OP_KINDS.indexOf(r.kind);
      default:
        return r[key];
    }
  };
  const sign = descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const va = val(a);
    const vb = val(b);
    if (typeof va === 'number' && typeof vb === 'number') {
      const na = Number.isNaN(va);
      const nb = Number.isNaN(vb);
      if (na || nb) return na === nb ? (idx.get(a) ?? 0) - (idx.get(b) ?? 0) : na ? 1 : -1;
      if (va !== vb) return sign * (va - vb);
    } else if (va !== vb) {
      return sign * String(va).localeCompare(String(vb));
    }
    return (idx.get(a) ?? 0) - (idx.get(b) ?? 0);
  });
}

/** Passes spread "widely" when the slowest is this many times the typical one, or the quartiles this far apart. */
export const WIDE_SPREAD = { slowestOverTypical: 1.5, q3OverQ1: 1.25 } as const;

/**
 * A sentence for the reader when the plain passes spread widely, saying why and what the profile
 * did about it; null when they did not. With WASM threads a pass now and then waits for a thread of
 * XNNPACK's pool that the system has not yet woken (most on machines with few cores, where the
 * pool's threads share the cores with the page itself).
 */
export function spreadNote(p: Pick<LabProfile, 'wholeMs' | 'wholeSpread' | 'threads' | 'wholeEstimator'>, fmt: (ms: number) => string): string | null {
  const { fastest, q1, q3, slowest } = p.wholeSpread;
  if (!(p.wholeMs > 0) || !(q1 > 0)) return null;
  const wide = slowest / p.wholeMs >= WIDE_SPREAD.slowestOverTypical || q3 / q1 >= WIDE_SPREAD.q3OverQ1;
  if (!wide) return null;
  const range = `from ${fmt(fastest)} to ${fmt(slowest)}`;
  const settled = p.wholeEstimator === 'median' ? '' : ' The profile ran extra passes until the typical one settled, or its time budget ran out.';
  return p.threads !== null && p.threads > 1
    ? `On ${p.threads} WebAssembly threads the passes spread ${range} on this device: now and then a pass waits for a thread of the pool that the system has not yet woken, most on machines with few cores.${settled}`
    : `The passes spread ${range}: something else on this device (another tab, a background task) took the processor now and then.${settled}`;
}
