/**
 * Which layers an explanation can be computed on, read from the spec's structure and op kinds
 * (never from names): a layer is any node with a spatial output [C, H, W] larger than one cell.
 * Framework-free.
 */
import { type Graph, INPUT, type Node } from '../arch/ir';

/** A node whose output is a feature map [C, H, W] with more than one cell (not an SE vector [C, 1, 1]). */
export function isSpatial(node: Node): boolean {
  const s = node.outShape;
  return s.length === 3 && s[1] * s[2] > 1;
}

/** Every spatial node, in graph order: the layers Grad-CAM can use. */
export function spatialLayers(graph: Graph): Node[] {
  return graph.nodes.filter(isSpatial);
}

/**
 * Grad-CAM's default layer: "the last convolutional layer" of Selvaraju et al. 2017 (§3: the
 * last layer's feature maps keep the spatial information the fully-connected head discards), i.e.
 * the map the classifier's global pool averages. Found by walking from the graph's output back
 * along first inputs: the input of the first global pool (`gap`) met, else (a head that flattens
 * a map without pooling it) the first spatial node met, else the last spatial node of the graph.
 */
export function defaultCamLayer(graph: Graph): string {
  const byName = new Map(graph.nodes.map((n) => [n.name, n] as const));
  let firstSpatial: string | null = null;
  for (let node = byName.get(graph.output); node;) {
    const from = node.inputs[0];
    if (node.op.kind === 'gap' && from !== INPUT) {
      const pooled = byName.get(from);
      if (pooled && isSpatial(pooled)) return pooled.name;
    }
    if (!firstSpatial && isSpatial(node)) firstSpatial = node.name;
    node = from === undefined || from === INPUT ? undefined : byName.get(from);
  }
  if (firstSpatial) return firstSpatial;
  const all = spatialLayers(graph);
  if (!all.length) throw new Error(`${graph.id} has no layer with a spatial output`);
  return all[all.length - 1].name;
}
