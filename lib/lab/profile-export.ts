/**
 * CSV and JSON exports of a profile, so readers can take their measurements elsewhere (a
 * spreadsheet, a notebook) and compare devices. Numbers are written in full precision; a missing
 * measurement is an empty CSV cell / null in JSON, never 0 (0 ms would be a claim).
 */
import { type LabProfile, summarizeProfile, totalsByKind } from './profile-stats';

export const CSV_COLUMNS = [
  'name',
  'op',
  'kind',
  'nodes',
  'macs',
  'flops',
  'bytes',
  'intensity',
  'ms',
  'gflops',
  'gbps',
  'boundGflops',
  'rooflineFraction',
  'bound',
  'timer',
  'estimator',
] as const;

/** RFC 4180 quoting: fields with a comma, quote or line break are quoted, quotes doubled. */
export function csvField(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function profileToCsv(p: LabProfile): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of p.rows) {
    const cells = [
      r.name,
      r.op,
      r.kind,
      r.nodes.join(' '),
      r.macs,
      r.flops,
      r.bytes,
      r.intensity,
      r.ms,
      r.gflops,
      r.gbps,
      r.boundGflops,
      r.rooflineFraction,
      r.bound,
      r.timer,
      r.estimator,
    ];
    lines.push(cells.map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

const num = (x: number): number | null => (Number.isFinite(x) ? x : null);

/**
 * The device's measured roofs as exported (the same object `npm run bench -- --json` prints), or
 * null when they were not measured.
 */
export function deviceJson(p: Pick<LabProfile, 'backend' | 'device' | 'threads'>): Record<string, unknown> | null {
  const d = p.device;
  if (!d) return null;
  return {
    backend: d.backend,
    threads: p.threads,
    peakGflops: d.peakGflops,
    peakGBps: d.peakGBps,
    matmulGflops: d.matmulGflops,
    convGflops: d.convGflops,
    ridgeIntensity: d.peakGflops / d.peakGBps,
    timer: d.timer,
    kernels: d.kernels,
    measuredAt: new Date(d.measuredAt).toISOString(),
  };
}

export function profileToJson(p: LabProfile, extra: Record<string, unknown> = {}): string {
  const s = summarizeProfile(p);
  const doc = {
    format: 'layerwise-profile/2',
    ...extra,
    graphId: p.graphId,
    backend: p.backend,
    inputShape: p.inputShape,
    warmup: p.warmup,
    repeats: p.repeats,
    timers: p.timers,
    threads: p.threads,
    // What a layer is: one step of the fused forward (BN and activation folded into their conv),
    // and what bytes mean: compulsory float32 traffic (lib/arch/roofline.ts).
    layerMeaning: 'one step of the fused forward pass; nodes lists what it computed',
    bytesMeaning: 'float32, inputs + weights + outputs each moved once (no cache reuse modelled)',
    device: deviceJson(p),
    summary: {
      layers: s.layers,
      timedLayers: s.timedLayers,
      totalMacs: s.totalMacs,
      wholeMs: num(s.wholeMs),
      wholeEstimator: p.wholeEstimator,
      wholeSpread: { fastest: num(p.wholeSpread.fastest), q1: num(p.wholeSpread.q1), q3: num(p.wholeSpread.q3), slowest: num(p.wholeSpread.slowest) },
      sumLayersMs: num(s.sumLayersMs),
      medianLayerMs: num(s.medianLayerMs),
      gapMs: num(s.gapMs),
      relativeGap: num(s.relativeGap),
      wholeGflops: num(s.wholeGflops),
      totalFlops: s.totalFlops,
      totalBytes: s.totalBytes,
      tracePassMs: num(p.tracePassMs),
      overheadMs: num(p.overheadMs),
      clockResolutionMs: p.clockResolutionMs === null ? null : num(p.clockResolutionMs),
    },
    wholeSamples: p.wholeSamples,
    byKind: totalsByKind(p.rows),
    layers: p.rows.map((r) => ({
      name: r.name,
      op: r.op,
      kind: r.kind,
      nodes: r.nodes,
      macs: r.macs,
      flops: r.flops,
      bytes: r.bytes,
      bytesByRole: { inputs: r.inputBytes, weights: r.weightBytes, outputs: r.outputBytes },
      intensity: num(r.intensity),
      ms: num(r.ms),
      gflops: num(r.gflops),
      gbps: num(r.gbps),
      boundGflops: num(r.boundGflops),
      rooflineFraction: num(r.rooflineFraction),
      bound: r.bound,
      timer: r.timer,
      estimator: r.estimator,
      samples: r.samples,
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** A file name like `resnet50-webgl-224px-profile.csv` (safe characters only). */
export function exportFileName(p: Pick<LabProfile, 'graphId' | 'backend' | 'size'>, what: string, ext: string): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_');
  return `${safe(p.graphId)}-${safe(p.backend)}-${p.size}px-${safe(what)}.${ext}`;
}
