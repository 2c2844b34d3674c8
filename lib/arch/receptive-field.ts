/**
 * Theoretical receptive fields, from the spec: for every node of a Graph, the size of the input
 * region one output cell depends on, the spacing of neighbouring cells' regions (the jump) and
 * where the first cell's region starts.
 *
 * Recurrences: Araujo, Norris & Sim 2019, "Computing Receptive Fields of Convolutional Neural
 * Networks", Distill (https://distill.pub/2019/computing-receptive-fields). Their Eq. 1
 * (r_{l−1} = s_l·r_l + (k_l − s_l)) runs from the output back to the input; run forwards one layer
 * at a time (their Sec. "Solving the recurrence", Eqs. 2–3) it reads, with the effective kernel
 * k' = d·(k − 1) + 1 of a dilated layer (their "dilated convolution" paragraph):
 *
 *     r_out = r_in + (k' − 1)·j_in       (size of one cell's field, input pixels)
 *     j_out = j_in · s                   (jump: input pixels between neighbouring cells)
 *     u_out = u_in − p·j_in              (start: left/top edge of cell 0's field, may be < 0)
 *
 * so cell i's field is the input interval [u + i·j, u + i·j + r − 1], per axis. Multi-path nodes
 * (concatenation, addition, SE's channel scale) take the union of their inputs' fields (their
 * Sec. "Handling arbitrary computation graphs"): with equal jumps, the bounding box of the union
 * is [min u, max (u + r − 1)], the same for every cell. A channel slice (ShuffleNet v2's split)
 * keeps its input's field: fields here are per node, the bounding box over all its channels.
 *
 * Global pooling mixes every position, so it and everything after it (SE's scale, the classifier)
 * covers the whole image: `global: true`, `rf` = the input size, `start` = [0, 0].
 *
 * Which layer is what comes from `node.op.kind` only. The IR has no dilated op yet (no registered
 * model dilates); `stepField` takes a dilation so a dilated op only has to pass it.
 */
import type { Graph, Node, Pair } from './ir';
import { INPUT } from './ir';

export interface Field {
  /** Receptive-field size [h, w] in input pixels (unclipped: it may exceed the image). */
  readonly rf: Pair;
  /** Input pixels between the fields of neighbouring cells, [h, w] (the product of strides). */
  readonly jump: Pair;
  /** Input coordinate [y, x] of the top-left corner of cell (0, 0)'s field (negative = padding). */
  readonly start: Pair;
  /**
   * True when every cell depends on every input pixel (a global pool or anything after one). Then
   * `rf` is the input size and `start` [0, 0]; `jump` is the input size for a node without a
   * spatial grid (pool output, classifier) and the grid's own jump for a spatial one (SE's scale).
   */
  readonly global: boolean;
}

/** One layer's geometry on one axis: kernel, stride, padding (each side), dilation. */
export interface Geometry {
  readonly kernel: number;
  readonly stride: number;
  readonly padding: number;
  readonly dilation: number;
}

/** The field of the graph input: every pixel sees itself. */
export const INPUT_FIELD: Field = { rf: [1, 1], jump: [1, 1], start: [0, 0], global: false };

/** One axis of the forward recurrence (see the header). */
export function stepAxis(r: number, j: number, u: number, g: Geometry): [r: number, j: number, u: number] {
  const kEff = g.dilation * (g.kernel - 1) + 1;
  return [r + (kEff - 1) * j, j * g.stride, u - g.padding * j];
}

/** A kernel/stride/padding(/dilation) layer applied to a field, both axes. */
export function stepField(f: Field, kernel: Pair, stride: Pair, padding: Pair, dilation: Pair = [1, 1]): Field {
  if (f.global) return f;
  const h = stepAxis(f.rf[0], f.jump[0], f.start[0], { kernel: kernel[0], stride: stride[0], padding: padding[0], dilation: dilation[0] });
  const w = stepAxis(f.rf[1], f.jump[1], f.start[1], { kernel: kernel[1], stride: stride[1], padding: padding[1], dilation: dilation[1] });
  return { rf: [h[0], w[0]], jump: [h[1], w[1]], start: [h[2], w[2]], global: false };
}

/** The field covering the whole input image (size [h, w]); `jump` as documented on Field. */
export function globalField(image: Pair, jump: Pair = image): Field {
  return { rf: image, jump, start: [0, 0], global: true };
}

/**
 * The union of several inputs' fields (concat, add, mul): the bounding box of the union. Any global
 * input makes the union global. Inputs of one multi-path node share a grid, so their jumps agree;
 * if they did not, the union would differ from cell to cell and this throws.
 */
export function unionFields(fields: readonly Field[], image: Pair, where = 'node'): Field {
  if (fields.length === 0) throw new Error(`receptive field of ${where}: no inputs`);
  const spatial = fields.find((f) => !f.global) ?? fields[0];
  if (fields.some((f) => f.global)) return globalField(image, spatial.jump);
  const axis = (a: 0 | 1): [number, number, number] => {
    const j = fields[0].jump[a];
    if (fields.some((f) => f.jump[a] !== j)) {
      throw new Error(`receptive field of ${where}: inputs have different jumps (${fields.map((f) => f.jump[a]).join(', ')})`);
    }
    const lo = Math.min(...fields.map((f) => f.start[a]));
    const hi = Math.max(...fields.map((f) => f.start[a] + f.rf[a] - 1));
    return [hi - lo + 1, j, lo];
  };
  const h = axis(0);
  const w = axis(1);
  return { rf: [h[0], w[0]], jump: [h[1], w[1]], start: [h[2], w[2]], global: false };
}

/** The field of one node's output from its inputs' fields; dispatches on `node.op.kind`. */
export function nodeField(node: Node, inputs: readonly Field[], image: Pair): Field {
  const op = node.op;
  const only = () => {
    if (inputs.length !== 1) throw new Error(`receptive field of ${node.name}: expected one input, got ${inputs.length}`);
    return inputs[0];
  };
  switch (op.kind) {
    case 'conv':
      return stepField(only(), op.kernel, op.stride, op.padding);
    // ceil_mode only adds a last, partial window: it changes how many cells there are, not the
    // field of a cell (PyTorch's pooling output-size formula; the window geometry is the same).
    case 'maxpool':
    case 'avgpool':
      return stepField(only(), op.kernel, op.stride, op.padding);
    case 'gap':
      return globalField(image);
    case 'linear':
      // Every output reads every input feature: after a flatten of a spatial map as after a pool.
      return globalField(image);
    case 'flatten': {
      const f = only();
      const s = node.inShapes[0];
      // [C, 1, 1] (after a global pool) is a view; flattening a spatial map mixes its cells.
      return f.global || (s.length === 3 && s[1] * s[2] === 1) ? f : globalField(image);
    }
    case 'bn':
    case 'act':
    case 'dropout':
    case 'slice':
    case 'shuffle':
      return only();
    case 'concat':
    case 'add':
    case 'mul':
      return unionFields(inputs, image, node.name);
    default: {
      const never: never = op;
      throw new Error(`receptive field: unhandled op ${JSON.stringify(never)}`);
    }
  }
}

/** Fields of every node (and `input`), in graph order. */
export function receptiveFields(graph: Graph): Map<string, Field> {
  const image: Pair = [graph.input[1], graph.input[2]];
  const fields = new Map<string, Field>([[INPUT, INPUT_FIELD]]);
  for (const node of graph.nodes) {
    const ins = node.inputs.map((i) => {
      const f = fields.get(i);
      if (!f) throw new Error(`receptive field of ${node.name}: unknown input ${i}`);
      return f;
    });
    fields.set(node.name, nodeField(node, ins, image));
  }
  return fields;
}

/** One row of `arch rf --json`. */
export interface FieldRow {
  readonly name: string;
  readonly rf: Pair;
  readonly jump: Pair;
  readonly start: Pair;
  readonly global: boolean;
}

/** Per-node rows in graph order (the CLI's and the tables' view). */
export function fieldRows(graph: Graph): FieldRow[] {
  const fields = receptiveFields(graph);
  return graph.nodes.map((n) => {
    const f = fields.get(n.name)!;
    return { name: n.name, rf: f.rf, jump: f.jump, start: f.start, global: f.global };
  });
}

/**
 * The field of cell (y, x) as an input box clipped to the image: [y0, x0, y1, x1], inclusive. This
 * is what a gradient shows (padding has no pixels) and what a drawing over the image needs.
 */
export function cellBox(f: Field, cell: Pair, image: Pair): [number, number, number, number] {
  if (f.global) return [0, 0, image[0] - 1, image[1] - 1];
  const lo = (a: 0 | 1) => Math.max(0, f.start[a] + cell[a] * f.jump[a]);
  const hi = (a: 0 | 1) => Math.min(image[a] - 1, f.start[a] + cell[a] * f.jump[a] + f.rf[a] - 1);
  return [lo(0), lo(1), hi(0), hi(1)];
}

/** "35×35 · jump 8", or "whole image" for a global field (tables, cards). */
export function formatField(f: Pick<Field, 'rf' | 'jump' | 'global'>): string {
  if (f.global) return 'whole image';
  const pair = (p: Pair) => (p[0] === p[1] ? `${p[0]}` : `${p[0]}×${p[1]}`);
  return `${f.rf[0]}×${f.rf[1]} · jump ${pair(f.jump)}`;
}
