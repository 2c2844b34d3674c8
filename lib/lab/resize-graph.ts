/**
 * The same network at another input size. Every op in the IR is size-agnostic (convolutions,
 * pooling, global pooling), so only the shapes change; re-running shape inference node by node
 * gives the graph whose cost model matches a profile taken at that size. The tfjs Model built for
 * the original graph runs such inputs unchanged (the executor reads ops, not shapes), so the
 * profiler can measure at 64 px with the weights already loaded and report the 64-px MACs.
 */
import type { Graph, Node, Shape } from '../arch/ir';
import { INPUT } from '../arch/ir';
import { inferShape } from '../arch/shape';

/** `graph` with a square `size`×`size` input; throws SpecError('size_vanishes') when too small. */
export function resizeGraph(graph: Graph, size: number): Graph {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`input size must be a positive integer, got ${size}`);
  if (graph.input[1] === size && graph.input[2] === size) return graph;
  const input: Shape = [graph.input[0], size, size];
  const shapes = new Map<string, Shape>([[INPUT, input]]);
  const nodes: Node[] = graph.nodes.map((n) => {
    const inShapes = n.inputs.map((i) => {
      const s = shapes.get(i);
      if (!s) throw new Error(`${graph.id}: node "${n.name}" reads "${i}" before it is computed`);
      return s;
    });
    const outShape = inferShape(n.name, n.op, inShapes);
    shapes.set(n.name, outShape);
    return { ...n, inShapes, outShape };
  });
  return { ...graph, input, nodes };
}

/** The square input size a graph was built for (its height). */
export function graphSize(graph: Graph): number {
  return graph.input[1];
}
