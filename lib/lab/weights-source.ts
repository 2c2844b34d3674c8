/**
 * Where the lab's weights come from, and reading them into a validated StateDict (plain arrays,
 * nothing on the GPU yet): seeded He init, or a torchvision .safetensors file checked key by key
 * and shape by shape against the graph.
 */
import type { Graph } from '../arch/ir';
import type { WeightIssue } from '../runtime/weights/load-state-dict';
import type { StateDict } from '../runtime/weights/types';
import type { Runtime } from './runtime-loader';

/** A file is kept as a Blob (cheap: no copy) so it can be re-read on another backend. */
export type WeightsSource = { readonly kind: 'seeded'; readonly seed: number } | { readonly kind: 'file'; readonly name: string; readonly blob: Blob };

export type LoadOutcome = { readonly ok: true } | { readonly ok: false; readonly issues: readonly WeightIssue[] };

export type StateDictOutcome = { ok: true; sd: StateDict } | { ok: false; issues: WeightIssue[] };

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The weights for `graph`, or the issues that keep them from fitting. `progress` gets 0, 0.5, 1. */
export async function readStateDict(rt: Runtime, graph: Graph, weights: WeightsSource, progress?: (fraction: number) => void): Promise<StateDictOutcome> {
  progress?.(0);
  if (weights.kind === 'seeded') {
    const sd = rt.heInit.heInit(graph, weights.seed);
    progress?.(1);
    return { ok: true, sd };
  }
  let bytes: ArrayBuffer;
  try {
    bytes = await weights.blob.arrayBuffer();
  } catch (e) {
    return { ok: false, issues: [{ kind: 'parse', key: '', message: `could not read ${weights.name}: ${errorText(e)}` }] };
  }
  progress?.(0.5);
  const { parseSafetensors, SafetensorsError } = rt.safetensors;
  let file;
  try {
    file = parseSafetensors(bytes);
  } catch (e) {
    const msg = e instanceof SafetensorsError ? `${weights.name} is not a valid .safetensors file (${e.code}): ${e.message}` : `${weights.name}: ${errorText(e)}`;
    return { ok: false, issues: [{ kind: 'parse', key: e instanceof SafetensorsError ? (e.key ?? '') : '', message: msg }] };
  }
  const issues = rt.stateDict.validateStateDict(graph, file.tensors);
  if (issues.length) return { ok: false, issues };
  progress?.(1);
  return { ok: true, sd: rt.stateDict.stateDictFromSafetensors(file) };
}
