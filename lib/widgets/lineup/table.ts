/**
 * The closing lesson's numbers: the line-up's parameters and MACs from the spec, the reader's
 * measured milliseconds beside them, the two rankings (by MACs, by time) and the pairs they order
 * differently; and for the digits models, test accuracy per parameter and per millisecond. Pure:
 * the milliseconds come in as a map (the widget measures them with lib/compare/measure.ts).
 */
import { buildGraph, getModel, type Graph } from '@/lib/arch';
import { FLOAT32_BYTES, footprint } from '@/lib/arch/footprint';
import { inversions, kendallTau, ranks } from '@/lib/compare/ranking';
import { formatSig } from '@/lib/format';
import { SHIPPED_DIGITS } from '@/lib/weights/shipped-digits-index';
import { specCost } from '@/lib/widgets/cost-compare/summary';
import { LINEUP, type LineupEntry } from './lineup';

export interface LineupRow extends LineupEntry {
  /** From the spec, at 224×224 (what the papers quote; parameters do not depend on the size). */
  readonly params: number;
  readonly macs224: number;
  /** From the spec, at the size the reader times. */
  readonly macs: number;
  /** Inference at 224×224, batch 1: the most float32 activation bytes alive at once (lib/arch/footprint.ts). */
  readonly peakBytes224: number;
  /**
   * Training at 224×224, batch 1: every node's output, in float32 bytes: what a naive training step
   * keeps for the backward pass (an upper bound; in-place ops and recomputation keep less).
   */
  readonly outputBytes224: number;
  /** Measured median on this device, or null before a run. */
  readonly ms: number | null;
}

/** The float32 bytes of every node's output (one image). */
export function outputBytes(graph: Graph): number {
  return graph.nodes.reduce((sum, n) => sum + n.outShape.reduce((a, b) => a * b, 1), 0) * FLOAT32_BYTES;
}

export type MsById = Readonly<Record<string, number>>;

/** The line-up at input size `size`, with the milliseconds measured so far. */
export function lineupRows(size: number, ms: MsById = {}): LineupRow[] {
  return LINEUP.map((e) => {
    const c = specCost(e.id, size);
    const g224 = buildGraph(e.id, { size: 224 });
    return {
      ...e,
      params: c.at224.params,
      macs224: c.at224.macs,
      macs: c.atSize.macs,
      peakBytes224: footprint(g224).peakActivationBytes,
      outputBytes224: outputBytes(g224),
      ms: ms[e.id] ?? null,
    };
  });
}

export interface RankedName {
  readonly id: string;
  readonly name: string;
  readonly rank: number;
  readonly value: number;
}

/** Two models that the MAC count orders one way and the clock the other. */
export interface SwappedPair {
  /** Fewer MACs… */
  readonly fewer: { readonly id: string; readonly name: string; readonly macs: number; readonly ms: number };
  /** …than this one, yet slower than it. */
  readonly more: { readonly id: string; readonly name: string; readonly macs: number; readonly ms: number };
  /** ms(fewer) / ms(more): how much longer the cheaper model took. */
  readonly slowdown: number;
}

export interface Rankings {
  readonly byMacs: readonly RankedName[];
  readonly byTime: readonly RankedName[];
  readonly swapped: readonly SwappedPair[];
  /** Kendall's τ between the two orders (1: the same order). */
  readonly tau: number;
}

function ranked(rows: readonly { id: string; name: string }[], values: readonly number[]): RankedName[] {
  const r = ranks(values);
  return rows.map((row, i) => ({ id: row.id, name: row.name, rank: r[i], value: values[i] })).sort((a, b) => a.rank - b.rank || a.value - b.value);
}

/**
 * Rankings of the measured rows (rows without a time are left out): cheapest first by MACs at the
 * timed size, fastest first by time, and every pair the two orders disagree on, the largest
 * disagreement (the cheaper model's slowdown) first.
 */
export function rankings(rows: readonly LineupRow[]): Rankings | null {
  const timed = rows.filter((r): r is LineupRow & { ms: number } => r.ms !== null);
  if (timed.length < 2) return null;
  const measured = timed.map((r) => ({ id: r.id, macs: r.macs, ms: r.ms }));
  const name = (id: string) => timed.find((r) => r.id === id)!.name;
  const swapped = inversions(measured)
    .map(([a, b]) => ({
      fewer: { id: a.id, name: name(a.id), macs: a.macs, ms: a.ms },
      more: { id: b.id, name: name(b.id), macs: b.macs, ms: b.ms },
      slowdown: a.ms / b.ms,
    }))
    .sort((x, y) => y.slowdown - x.slowdown);
  return {
    byMacs: ranked(
      timed,
      timed.map((r) => r.macs),
    ),
    byTime: ranked(
      timed,
      timed.map((r) => r.ms),
    ),
    swapped,
    tau: kendallTau(
      timed.map((r) => r.macs),
      timed.map((r) => r.ms),
    ),
  };
}

/** "DenseNet-121 does 0.7× the MACs of ResNet-50 but took 1.25× its time". */
export function describeSwap(p: SwappedPair): string {
  return `${p.fewer.name} does ${formatSig(p.fewer.macs / p.more.macs, 2)}× the MACs of ${p.more.name} but took ${formatSig(p.slowdown, 3)}× its time`;
}

export interface DigitsRow {
  readonly id: string;
  /** The ImageNet model of the same family in the line-up. */
  readonly family: string;
  /** Fraction right on the 2,000 held-out test digits (the shipped record). */
  readonly accuracy: number;
  /** From the spec (28×28×1). */
  readonly params: number;
  readonly macs: number;
  readonly ms: number | null;
  /** Test accuracy in percentage points per 100k parameters. */
  readonly accPer100kParams: number;
  /** Test accuracy in percentage points per measured millisecond, or null before a run. */
  readonly accPerMs: number | null;
}

/** The digits counterpart of every line-up model, with its shipped test accuracy. */
export function digitsRows(ms: MsById = {}): DigitsRow[] {
  return LINEUP.map((e) => {
    const shipped = SHIPPED_DIGITS[e.digits];
    if (!shipped) throw new Error(`no shipped digits weights for ${e.digits}`);
    const c = specCost(e.digits, getModel(e.digits).defaultSize).atSize;
    const t = ms[e.digits] ?? null;
    const pts = shipped.testAccuracy * 100;
    return {
      id: e.digits,
      family: e.name,
      accuracy: shipped.testAccuracy,
      params: c.params,
      macs: c.macs,
      ms: t,
      accPer100kParams: pts / (c.params / 1e5),
      accPerMs: t !== null && t > 0 ? pts / t : null,
    };
  });
}

/** The ids whose value is the largest (ties share first place); empty when nothing is known. */
export function leaders(rows: readonly DigitsRow[], key: 'accPer100kParams' | 'accPerMs' | 'accuracy'): string[] {
  const vals = rows.map((r) => r[key]).filter((v): v is number => v !== null);
  if (vals.length === 0) return [];
  const best = Math.max(...vals);
  return rows.filter((r) => r[key] === best).map((r) => r.id);
}
