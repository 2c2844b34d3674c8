/**
 * Where the grouped convolution figure draws things, computed with D3 scales (React draws them):
 *
 * - the layer: input channels in a row on top, output channels in a row below, both split into
 *   G bands (one per group); a strand joins input c to output o exactly when the two share a group,
 *   so a group's strands never leave its band (cin·cout/G strands, against cin·cout for G = 1);
 * - the weight: the dense cout × cin matrix, one cell per k×k kernel, with the G diagonal blocks
 *   that the grouped weight fills and zeros (empty cells) everywhere else.
 *
 * Pure, tested in Node.
 */
import { scaleBand } from 'd3-scale';
import { strandPath } from '@/lib/widgets/channel-shuffle/layout';
import { groupOfChannel, groupRanges, type GroupedShape } from './groups';

/** The layer drawing's geometry, in its viewBox units. */
export const LAYER_FIGURE = { W: 400, X0: 6, X1: 394, IN_Y: 16, MAX_TILE: 34, GAP: 74 } as const;

export interface ChannelSpot {
  readonly channel: number;
  readonly group: number;
  /** Top-left corner of the channel's tile. */
  readonly x: number;
  readonly y: number;
}

export interface Strand {
  readonly group: number;
  readonly from: number;
  readonly to: number;
  readonly d: string;
}

export interface LayerLayout {
  readonly tile: number;
  readonly inputs: readonly ChannelSpot[];
  readonly outputs: readonly ChannelSpot[];
  /** The x extent of each group's band (its bracket). */
  readonly bands: readonly { readonly group: number; readonly x0: number; readonly x1: number }[];
  readonly strands: readonly Strand[];
  /** y of the output row, and the drawing's height. */
  readonly outY: number;
  readonly height: number;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

export function layerLayout(s: Pick<GroupedShape, 'cin' | 'cout' | 'G'>): LayerLayout {
  const { X0, X1, IN_Y, MAX_TILE, GAP } = LAYER_FIGURE;
  const groups = scaleBand<number>()
    .domain(range(s.G))
    .range([X0, X1])
    .paddingInner(s.G > 1 ? 0.14 : 0);
  const inner = (channels: number, g: number) =>
    scaleBand<number>()
      .domain(range(channels / s.G))
      .range([groups(g)!, groups(g)! + groups.bandwidth()])
      .paddingInner(0.18);
  const tile = Math.min(MAX_TILE, inner(s.cin, 0).bandwidth(), inner(s.cout, 0).bandwidth());
  const spots = (channels: number, y: number): ChannelSpot[] =>
    range(channels).map((c) => {
      const g = groupOfChannel(c, channels, s.G);
      const band = inner(channels, g);
      const j = c - g * (channels / s.G);
      return { channel: c, group: g, x: band(j)! + (band.bandwidth() - tile) / 2, y };
    });
  const outY = IN_Y + tile + GAP;
  const inputs = spots(s.cin, IN_Y);
  const outputs = spots(s.cout, outY);
  const strands: Strand[] = [];
  for (const r of groupRanges(s))
    for (let c = r.inStart; c < r.inEnd; c++)
      for (let o = r.outStart; o < r.outEnd; o++)
        strands.push({ group: r.group, from: c, to: o, d: strandPath(inputs[c].x + tile / 2, IN_Y + tile + 9, outputs[o].x + tile / 2, outY - 2) });
  return {
    tile,
    inputs,
    outputs,
    bands: range(s.G).map((g) => ({ group: g, x0: groups(g)!, x1: groups(g)! + groups.bandwidth() })),
    strands,
    outY,
    height: outY + tile + 20,
  };
}

export interface MatrixCell {
  readonly out: number;
  readonly in: number;
  readonly x: number;
  readonly y: number;
  /** The group whose filter owns this kernel, or null: a zero of the block-diagonal weight. */
  readonly group: number | null;
}

export interface MatrixLayout {
  readonly cell: number;
  readonly cells: readonly MatrixCell[];
  readonly blocks: readonly { readonly group: number; readonly x: number; readonly y: number; readonly w: number; readonly h: number }[];
  readonly width: number;
  readonly height: number;
  /** Left and top margins (for the axis labels). */
  readonly left: number;
  readonly top: number;
}

/** The dense cout × cin weight matrix (rows: output channels, columns: input channels) in a `side`-wide box. */
export function matrixLayout(s: Pick<GroupedShape, 'cin' | 'cout' | 'G'>, side = 216, margin = { left: 16, top: 16 }): MatrixLayout {
  const cell = Math.floor((side - margin.left) / Math.max(s.cin, s.cout));
  const cols = scaleBand<number>()
    .domain(range(s.cin))
    .range([margin.left, margin.left + cell * s.cin]);
  const rows = scaleBand<number>()
    .domain(range(s.cout))
    .range([margin.top, margin.top + cell * s.cout]);
  const cells: MatrixCell[] = [];
  for (let o = 0; o < s.cout; o++)
    for (let c = 0; c < s.cin; c++) {
      const g = groupOfChannel(o, s.cout, s.G);
      cells.push({ out: o, in: c, x: cols(c)!, y: rows(o)!, group: groupOfChannel(c, s.cin, s.G) === g ? g : null });
    }
  const blocks = groupRanges(s).map((r) => ({
    group: r.group,
    x: cols(r.inStart)!,
    y: rows(r.outStart)!,
    w: cell * (r.inEnd - r.inStart),
    h: cell * (r.outEnd - r.outStart),
  }));
  return { cell, cells, blocks, width: margin.left + cell * s.cin + 2, height: margin.top + cell * s.cout + 2, left: margin.left, top: margin.top };
}
