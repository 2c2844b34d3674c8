/**
 * Builds the lab's graph from its URL state: the registered model with the knobs the URL asks for.
 * Invalid knob combinations (a SpecError from lib/arch) come back as a message, so the page can
 * say what is wrong and keep showing the last valid network.
 */
import { SpecError, buildGraph, graphCost, type Graph, type GraphCost } from '@/lib/arch';
import { knobOverrides, type LabState } from './lab-schema';

export type LabGraph = { ok: true; graph: Graph; cost: GraphCost } | { ok: false; error: string };

export function labGraph(id: string, state: LabState): LabGraph {
  const { knobs, error } = knobOverrides(id, state);
  if (error) return { ok: false, error: `The block code in the link is invalid: ${error}.` };
  try {
    const graph = buildGraph(id, { size: state.size, ...knobs });
    return { ok: true, graph, cost: graphCost(graph) };
  } catch (e) {
    if (e instanceof SpecError) return { ok: false, error: e.message };
    throw e;
  }
}
