/**
 * Where the depthwise-then-pointwise figure draws things, computed with D3 scales (React draws):
 * the M input channels on top, under each its own k×k depthwise filter and its depthwise output
 * (one strand per channel: nothing mixes), then the N outputs, each joined to all M depthwise
 * outputs by the pointwise 1×1 weights (M·N strands, as thick as |weight|). And the counter bars:
 * every multiply-add count on one linear scale, whose end is the full convolution's total.
 * Pure, tested in Node.
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import { strandPath } from '@/lib/widgets/channel-shuffle/layout';
import { symmetricMax } from '@/lib/widgets/channel-tiles/tiles';
import type { SepCost, SepCounters, SepShape } from './counts';

export const SEP_FIGURE = { W: 400, X0: 6, X1: 394, IN_Y: 16, MAX_TILE: 34, PW_GAP: 70 } as const;

export interface SepSpot {
  readonly channel: number;
  readonly x: number;
  readonly y: number;
}

export interface PointwiseStrand {
  readonly from: number;
  readonly to: number;
  readonly d: string;
  readonly width: number;
  readonly positive: boolean;
}

export interface SepLayout {
  readonly tile: number;
  readonly chip: number;
  readonly inputs: readonly SepSpot[];
  /** The depthwise filter of channel c (a k×k chip) and the depthwise output tile. */
  readonly filters: readonly SepSpot[];
  readonly depthwise: readonly SepSpot[];
  readonly outputs: readonly SepSpot[];
  /** Input tile → filter → depthwise tile, one per channel. */
  readonly depthwiseStrands: readonly string[];
  readonly pointwiseStrands: readonly PointwiseStrand[];
  readonly height: number;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** `pointwise` is the [M, N] weight (P[c·N + o]); strands are as thick as |P| on one scale. */
export function sepLayout(s: Pick<SepShape, 'cin' | 'cout'>, pointwise: ArrayLike<number>): SepLayout {
  const { X0, X1, IN_Y, MAX_TILE, PW_GAP } = SEP_FIGURE;
  const band = (n: number) =>
    scaleBand<number>()
      .domain(range(n))
      .range([X0, X1])
      .paddingInner(0.2)
      .paddingOuter(n < 4 ? 1 : 0);
  const ins = band(s.cin);
  const outs = band(s.cout);
  const tile = Math.min(MAX_TILE, ins.bandwidth(), outs.bandwidth());
  const chip = Math.round(Math.min(tile * 0.6, 18));
  const at = (scale: typeof ins, c: number) => scale(c)! + (scale.bandwidth() - tile) / 2;
  const chipY = IN_Y + tile + 8;
  const dwY = chipY + chip + 10;
  const outY = dwY + tile + PW_GAP;
  const inputs = range(s.cin).map((c) => ({ channel: c, x: at(ins, c), y: IN_Y }));
  const filters = range(s.cin).map((c) => ({ channel: c, x: at(ins, c) + (tile - chip) / 2, y: chipY }));
  const depthwise = range(s.cin).map((c) => ({ channel: c, x: at(ins, c), y: dwY }));
  const outputs = range(s.cout).map((o) => ({ channel: o, x: at(outs, o), y: outY }));
  const width = scaleLinear()
    .domain([0, symmetricMax(pointwise)])
    .range([0.4, 2.8]);
  const pointwiseStrands: PointwiseStrand[] = [];
  for (const d of depthwise)
    for (const o of outputs) {
      const v = pointwise[d.channel * s.cout + o.channel];
      pointwiseStrands.push({
        from: d.channel,
        to: o.channel,
        d: strandPath(d.x + tile / 2, dwY + tile + 2, o.x + tile / 2, outY - 2),
        width: width(Math.abs(v)),
        positive: v >= 0,
      });
    }
  return {
    tile,
    chip,
    inputs,
    filters,
    depthwise,
    outputs,
    depthwiseStrands: inputs.map((p) => `M${p.x + tile / 2},${IN_Y + tile + 1} L${p.x + tile / 2},${dwY - 1}`),
    pointwiseStrands,
    height: outY + tile + 20,
  };
}

export interface CounterBar {
  readonly key: 'depthwise' | 'pointwise' | 'separable' | 'full';
  /** Width of the count so far, and of the layer's whole count, on one scale. */
  readonly done: number;
  readonly total: number;
}

/** Bar widths (in `width` units) of the running counters, on a scale that ends at the full convolution's total. */
export function counterBars(now: SepCounters, c: SepCost, width: number): CounterBar[] {
  const x = scaleLinear().domain([0, c.full.macs]).range([0, width]);
  const sep = c.depthwise.macs + c.pointwise.macs;
  return [
    { key: 'depthwise', done: x(now.depthwise), total: x(c.depthwise.macs) },
    { key: 'pointwise', done: x(now.pointwise), total: x(c.pointwise.macs) },
    { key: 'separable', done: x(now.separable), total: x(sep) },
    { key: 'full', done: x(now.full), total: x(c.full.macs) },
  ];
}
