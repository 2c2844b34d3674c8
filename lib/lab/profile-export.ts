/**
 * CSV and JSON exports of a profile, so readers can take their measurements elsewhere (a
 * spreadsheet, a notebook) and compare devices. Numbers are written in full precision; a missing
 * measurement is an empty CSV cell / null in JSON, never 0 (0 ms would be a claim).
 */
import { type LabProfile, summarizeProfile, totalsByKind } from './profile-stats';

export const CSV_COLUMNS = ['name', 'op', 'kind', 'macs', 'flops', 'bytes', 'ms', 'gflops', 'timer'] as const;

/** RFC 4180 quoting: fields with a comma, quote or line break are quoted, quotes doubled. */
export function csvField(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function profileToCsv(p: LabProfile): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of p.rows) {
    lines.push([r.name, r.op, r.kind, r.macs, r.flops, r.bytes, r.ms, r.gflops, r.timer].map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

const num = (x: number): number | null => (Number.isFinite(x) ? x : null);

export function profileToJson(p: LabProfile, extra: Record<string, unknown> = {}): string {
  const s = summarizeProfile(p);
  const doc = {
    format: 'layerwise-profile/1',
    ...extra,
    graphId: p.graphId,
    backend: p.backend,
    inputShape: p.inputShape,
    warmup: p.warmup,
    repeats: p.repeats,
    timers: p.timers,
    summary: {
      layers: s.layers,
      timedLayers: s.timedLayers,
      totalMacs: s.totalMacs,
      wholeMs: num(s.wholeMs),
      sumLayersMs: num(s.sumLayersMs),
      medianLayerMs: num(s.medianLayerMs),
      gapMs: num(s.gapMs),
      relativeGap: num(s.relativeGap),
      wholeGflops: num(s.wholeGflops),
    },
    wholeSamples: p.wholeSamples,
    byKind: totalsByKind(p.rows),
    layers: p.rows.map((r) => ({
      name: r.name,
      op: r.op,
      kind: r.kind,
      macs: r.macs,
      flops: r.flops,
      bytes: r.bytes,
      ms: num(r.ms),
      gflops: num(r.gflops),
      timer: r.timer,
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
