/**
 * The dense-connectivity figure as data: which layer reads which, how many connections a block has,
 * and the stacked channel bands of each layer's input. Pure arithmetic, no drawing.
 *
 * Indexing: node 0 is the block input x0, nodes 1..L are the layers H1..HL (node ℓ outputs x_ℓ),
 * and node L+1 is the transition layer that reads the block's whole output.
 */

/** A direct connection: x_from is part of the input of node `to`. */
export interface Edge {
  readonly from: number;
  readonly to: number;
}

/** L(L+1)/2: layer ℓ reads ℓ inputs x0..x_{ℓ−1}. */
export function connectionCount(L: number): number {
  return (L * (L + 1)) / 2;
}

/** Every connection into H1..HL, ordered by target then source. */
export function denseEdges(L: number): Edge[] {
  const out: Edge[] = [];
  for (let to = 1; to <= L; to++) for (let from = 0; from < to; from++) out.push({ from, to });
  return out;
}

/** The L+1 connections from x0..xL into the transition layer (node L+1): the block's output. */
export function transitionEdges(L: number): Edge[] {
  return Array.from({ length: L + 1 }, (_, from) => ({ from, to: L + 1 }));
}

/** A plain chain of the same depth: each layer reads only its predecessor. */
export function chainEdges(L: number): Edge[] {
  return Array.from({ length: L }, (_, i) => ({ from: i, to: i + 1 }));
}

/** Channels entering layer ℓ (1-based; ℓ = L+1 is the transition): k0 + k(ℓ−1). */
export function inputChannels(layer: number, k0: number, k: number): number {
  return k0 + k * (layer - 1);
}

/** One source's slice of a concatenated input: channels [start, start + size). */
export interface Band {
  readonly source: number;
  readonly start: number;
  readonly size: number;
}

/** The input of node `layer` (1..L+1) as bands in concatenation order: x0 first, then x1, x2, … */
export function inputBands(layer: number, k0: number, k: number): Band[] {
  const bands: Band[] = [{ source: 0, start: 0, size: k0 }];
  for (let s = 1; s < layer; s++) bands.push({ source: s, start: k0 + k * (s - 1), size: k });
  return bands;
}

/** The plain chain's input of layer ℓ: x_{ℓ−1} only (k0 channels for ℓ = 1, else k). */
export function chainBands(layer: number, k0: number, k: number): Band[] {
  return [{ source: layer - 1, start: 0, size: layer === 1 ? k0 : k }];
}

/** Sources node `node` reads (0..node−1). */
export function readsOf(node: number): number[] {
  return Array.from({ length: node }, (_, i) => i);
}

/** Nodes that read x_node: every later layer and the transition. */
export function readersOf(node: number, L: number): number[] {
  const out: number[] = [];
  for (let t = node + 1; t <= L + 1; t++) out.push(t);
  return out;
}

/** Short node label: x0, H1…HL, T. */
export function nodeLabel(node: number, L: number): string {
  if (node === 0) return 'x₀';
  if (node === L + 1) return 'T';
  return `H${node}`;
}

/** A sentence naming a list of nodes: "x₀, H1 and H2". */
export function listNodes(nodes: readonly number[], L: number): string {
  const names = nodes.map((n) => (n === L + 1 ? 'the transition' : n === 0 ? 'x₀' : `H${n}`));
  if (names.length === 0) return 'nothing';
  if (names.length === 1) return names[0];
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/**
 * Height of a connection arc in the drawing: grows with the distance it spans so nested arcs do not
 * overlap, capped at `max`.
 */
export function arcHeight(span: number, max: number, base = 10, perStep = 10): number {
  return Math.min(max, base + perStep * (span - 1));
}
