/**
 * Builds the lab's graph from its URL state: the registered model with the knobs the URL asks for.
 * Invalid knob combinations (a SpecError from lib/arch) come back as a message, so the page can
 * say what is wrong and keep showing the last valid network.
 */
import { SpecError, buildGraph, graphCost, modelKnobs, type Graph, type GraphCost } from '@/lib/arch';
import { knobOverrides, type LabState } from './lab-schema';

export type LabGraph = { ok: true; graph: Graph; cost: GraphCost } | { ok: false; error: string };

export function labGraph(id: string, state: LabState): LabGraph {
  const { knobs, error } = knobOverrides(id, state);
  if (error) return { ok: false, error: `The block code in the link is invalid: ${error}.` };
  try {
    // The URL always states every knob (the schema fills in the model's own); when they resolve to
    // the model's own, build the registered model itself, so the graph is named by its registered
    // id (buildGraph names any overridden network by its knobs) in the runner, captions and exports.
    const own = JSON.stringify(modelKnobs(id, knobs)) === JSON.stringify(modelKnobs(id));
    const graph = buildGraph(id, own ? { size: state.size } : { size: state.size, ...knobs });
    return { ok: true, graph, cost: graphCost(graph) };
  } catch (e) {
    if (e instanceof SpecError) return { ok: false, error: e.message };
    throw e;
  }
}
