/** Plain-text tables for `npm run bench`. */
import type { BenchLayer, RunResult } from '../../components/bench/types';
import { formatPercent, formatRatio, formatSig, formatSignedPercent } from '../../lib/format';
import { threadsLabel } from '../../lib/runtime/wasm-threads';
import type { OrtResult } from './ort';

/** Columns before `leftCols` (and those listed in `alsoLeft`) are left-aligned, the rest right-aligned. */
export function table(head: readonly string[], rows: readonly (readonly string[])[], leftCols = 1, alsoLeft: readonly number[] = []): string {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const left = (i: number) => i < leftCols || alsoLeft.includes(i);
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => (left(i) ? c.padEnd(w[i]) : c.padStart(w[i])))
      .join('  ')
      .trimEnd();
  return [line(head), line(w.map((n) => '-'.repeat(n))), ...rows.map(line)].join('\n');
}

/** Milliseconds in a column headed "ms" (lib/format's three significant digits, no unit). */
export const ms = (x: number | null | undefined): string => formatSig(x);
export const ratio = (x: number): string => formatRatio(x);
const pct = (x: number): string => formatPercent(x);
const signedPct = (x: number): string => formatSignedPercent(x);

/** The whole-model time the layer sum is compared with: the profile's typical pass (the layers' own rule), else the median. */
export const wholeForGap = (r: RunResult): number => r.typical_ms ?? r.median_ms;

export function gap(r: RunResult): number {
  return r.layer_sum_ms == null ? NaN : (r.layer_sum_ms - wholeForGap(r)) / wholeForGap(r);
}

export function header(r: RunResult): string {
  return `${r.model} · ${r.backend} (${r.device}) · ${r.size}x${r.size} · grouped conv: ${r.groupConv} · median of ${r.runs} runs after ${r.warmup} warm-up (fastest ${ms(Math.min(...r.samples_ms))} ms)`;
}

export function layerTable(layers: readonly BenchLayer[]): string {
  const sum = layers.reduce((s, l) => s + l.ms, 0);
  return table(
    ['#', 'step', 'op', 'MMACs', 'ms', 'share', 'FLOP/B', 'of roof', 'timer', 'also computes'],
    layers.map((l, i) => [
      String(i + 1),
      l.name,
      l.op,
      formatSig(l.macs / 1e6),
      ms(l.ms),
      pct(l.ms / sum),
      l.intensity == null ? '—' : formatSig(l.intensity),
      l.rooflineFraction == null ? '—' : pct(l.rooflineFraction),
      l.timer,
      l.nodes.slice(1).join(', '),
    ]),
    3,
    [8, 9],
  );
}

export interface OpKindRow {
  readonly op: string;
  readonly count: number;
  readonly ms: number;
  readonly macs: number;
}

export function byOpKind(layers: readonly BenchLayer[]): OpKindRow[] {
  const m = new Map<string, OpKindRow>();
  for (const l of layers) {
    const p = m.get(l.op) ?? { op: l.op, count: 0, ms: 0, macs: 0 };
    m.set(l.op, { op: l.op, count: p.count + 1, ms: p.ms + l.ms, macs: p.macs + l.macs });
  }
  return [...m.values()].sort((a, b) => b.ms - a.ms);
}

export function opKindTable(layers: readonly BenchLayer[]): string {
  const sum = layers.reduce((s, l) => s + l.ms, 0);
  return table(
    ['op', 'layers', 'ms', 'share', 'GMACs', 'GMAC/s'],
    byOpKind(layers).map((k) => [k.op, String(k.count), ms(k.ms), pct(k.ms / sum), formatSig(k.macs / 1e9), k.macs ? formatSig(k.macs / 1e6 / k.ms) : '—']),
  );
}

export function summaryLine(r: RunResult, ort?: OrtResult): string {
  const parts = [`whole-model median: ${ms(r.median_ms)} ms`];
  if (r.peaks)
    parts.push(
      `device peaks (${r.peaks.timer}): ${formatSig(r.peaks.peakGflops)} GFLOP/s (matmul ${formatSig(r.peaks.matmulGflops)}, conv ${formatSig(r.peaks.convGflops)}), ${formatSig(r.peaks.peakGBps)} GB/s; ridge at ${formatSig(r.peaks.ridgeIntensity)} FLOP/B`,
    );
  if (r.layer_sum_ms != null)
    parts.push(`layer sum: ${ms(r.layer_sum_ms)} ms (${signedPct(gap(r))} vs the typical pass, ${ms(wholeForGap(r))} ms; layer timer: ${r.layer_timer})`);
  if (r.trace_pass_ms != null) parts.push(`traced passes end to end: ${ms(r.trace_pass_ms)} ms`);
  if (ort)
    parts.push(
      `ONNX Runtime Web ${ort.version} (wasm, ${threadsLabel(ort.threads)}): ${ms(ort.median_ms)} ms; ours ÷ ORT = ${ratio(r.median_ms / ort.median_ms)}`,
    );
  return parts.join('\n');
}

/** One cell per (model, column): rows are models, columns the backend/strategy configurations. */
export interface Grid {
  readonly rows: readonly string[];
  readonly cols: readonly string[];
  readonly cell: (row: number, col: number) => RunResult | undefined;
  readonly ort?: (row: number) => OrtResult | undefined;
  /** WebAssembly threads on both sides (--threads). */
  readonly threads?: number;
}

/** ResNeXt-50 ÷ ResNet-50 on each side, when both are rows (ORT's is about 1.0: the two have about the same FLOPs). */
export function resnextOverResnet(g: Grid): string | null {
  const x = g.rows.indexOf('resnext50_32x4d');
  const r = g.rows.indexOf('resnet50');
  if (x < 0 || r < 0) return null;
  const val = (row: number, c: number) => g.cell(row, c)?.median_ms ?? NaN;
  const cells = g.cols.map((label, c) => `${label} ${ratio(val(x, c) / val(r, c))}`);
  if (g.ort) cells.push(`ORT ${ratio((g.ort(x)?.median_ms ?? NaN) / (g.ort(r)?.median_ms ?? NaN))}`);
  return `ResNeXt-50 ÷ ResNet-50: ${cells.join(', ')}`;
}

export function sideBySide(g: Grid): string {
  const out: string[] = [];
  const val = (r: number, c: number) => g.cell(r, c)?.median_ms ?? NaN;
  const threads = g.threads ?? 1;
  const ortCol = g.ort ? [`ORT wasm ${threads}T`] : [];
  out.push(
    'whole-model median, ms',
    table(
      ['model', ...g.cols, ...ortCol],
      g.rows.map((m, r) => [m, ...g.cols.map((_, c) => ms(val(r, c))), ...(g.ort ? [ms(g.ort(r)?.median_ms)] : [])]),
    ),
  );
  out.push(
    '',
    'fastest run, ms (less sensitive to load from other processes)',
    table(
      ['model', ...g.cols, ...ortCol],
      g.rows.map((m, r) => [
        m,
        ...g.cols.map((_, c) => ms(Math.min(...(g.cell(r, c)?.samples_ms ?? [NaN])))),
        ...(g.ort ? [ms(Math.min(...(g.ort(r)?.samples_ms ?? [NaN])))] : []),
      ]),
    ),
  );
  if (g.cols.length > 1)
    out.push(
      '',
      `÷ first column (${g.cols[0]})`,
      table(
        ['model', ...g.cols],
        g.rows.map((m, r) => [m, ...g.cols.map((_, c) => ratio(val(r, c) / val(r, 0)))]),
      ),
    );
  if (g.rows.length > 1)
    out.push(
      '',
      `÷ first row (${g.rows[0]})`,
      table(
        ['model', ...g.cols, ...ortCol],
        g.rows.map((m, r) => [
          m,
          ...g.cols.map((_, c) => ratio(val(r, c) / val(0, c))),
          ...(g.ort ? [ratio((g.ort(r)?.median_ms ?? NaN) / (g.ort(0)?.median_ms ?? NaN))] : []),
        ]),
      ),
    );
  if (g.ort)
    out.push(
      '',
      `ours ÷ ONNX Runtime Web (wasm, ${threadsLabel(threads)} on both sides)`,
      table(
        ['model', ...g.cols],
        g.rows.map((m, r) => [m, ...g.cols.map((_, c) => ratio(val(r, c) / (g.ort!(r)?.median_ms ?? NaN)))]),
      ),
    );
  const rr = resnextOverResnet(g);
  if (rr) out.push('', rr);
  const withLayers = g.rows.some((_, r) => g.cols.some((_, c) => g.cell(r, c)?.layer_sum_ms != null));
  if (withLayers)
    out.push(
      '',
      'per-layer sum, ms (gap vs the typical whole-model pass, the mean of the middle half of the plain passes) / traced passes end to end (median), ms',
      table(
        ['model', ...g.cols],
        g.rows.map((m, r) => [
          m,
          ...g.cols.map((_, c) => {
            const x = g.cell(r, c);
            if (!x || x.layer_sum_ms == null) return '—';
            return `${ms(x.layer_sum_ms)} (${signedPct(gap(x))})${x.trace_pass_ms != null ? ` / traced ${ms(x.trace_pass_ms)}` : ''}`;
          }),
        ]),
      ),
    );
  return out.join('\n');
}

/** Per op kind, one column per run: where the time goes, side by side. */
export function opKindSideBySide(results: readonly { label: string; r: RunResult }[]): string {
  const kinds = new Map<string, number>();
  const per = results.map(({ r }) => new Map(byOpKind(r.layers).map((k) => [k.op, k.ms])));
  for (const p of per) for (const [k, v] of p) kinds.set(k, (kinds.get(k) ?? 0) + v);
  const order = [...kinds.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);
  return table(
    ['op', ...results.map((x) => x.label)],
    [
      ...order.map((k) => [k, ...per.map((p) => ms(p.get(k) ?? 0))]),
      ['sum', ...results.map(({ r }) => ms(r.layer_sum_ms))],
      ['whole (typical pass)', ...results.map(({ r }) => ms(wholeForGap(r)))],
    ],
  );
}
