/**
 * Where the lab's weights come from, and reading them into a validated StateDict (plain arrays,
 * nothing on the GPU yet): seeded He init, a torchvision .safetensors file, or a digits model's
 * trained weights shipped with the site (lib/weights/shipped-digits.ts: downloaded once, size and
 * SHA-256 checked), the files read through the one validated path
 * (lib/runtime/weights/read-weights.ts: the format's rules, every key and shape against the
 * graph, then NaN/Inf and negative running variances). Which of them a model starts with is
 * lib/weights/sources.ts's rule.
 */
import type { Graph } from '../arch/ir';
import type { WeightIssue } from '../runtime/weights/load-state-dict';
import type { StateDict } from '../runtime/weights/types';
import type { ValueFinding } from '../runtime/weights/value-scan';
import type { ImagenetEntry } from '../weights/imagenet/manifest';
import type { Runtime } from './runtime-loader';

/**
 * A file is kept as a Blob (cheap: no copy) so it can be re-read on another backend.
 * allowValueIssues: the reader chose to load a file with NaN/Inf or negative variances anyway.
 * imagenet: the host's torchvision weights (lib/weights/imagenet), already checked against the
 * manifest's size and SHA-256 when they get here.
 */
export type WeightsSource =
  | { readonly kind: 'seeded'; readonly seed: number }
  | { readonly kind: 'file'; readonly name: string; readonly blob: Blob; readonly allowValueIssues?: boolean }
  | { readonly kind: 'imagenet'; readonly entry: ImagenetEntry; readonly bytes: Uint8Array }
  | { readonly kind: 'shipped-digits'; readonly id: string };

/** Not ok with `findings`: a well-formed file whose values need the reader's word (load anyway, or keep). */
export type LoadOutcome = { readonly ok: true } | { readonly ok: false; readonly issues: readonly WeightIssue[]; readonly findings?: readonly ValueFinding[] };

export type StateDictOutcome = { ok: true; sd: StateDict } | { ok: false; issues: readonly WeightIssue[]; findings?: readonly ValueFinding[] };

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The weights for `graph`, or the issues that keep them from fitting. `progress` gets 0, 0.5, 1. */
export async function readStateDict(rt: Runtime, graph: Graph, weights: WeightsSource, progress?: (fraction: number) => void): Promise<StateDictOutcome> {
  progress?.(0);
  if (weights.kind === 'seeded') {
    const sd = rt.heInit.heInit(graph, weights.seed);
    progress?.(1);
    return { ok: true, sd };
  }
  if (weights.kind === 'imagenet') {
    progress?.(0.5);
    const r = rt.weightsFile.readWeightsFile(weights.bytes, graph);
    if (!r.ok) return r;
    progress?.(1);
    return { ok: true, sd: r.sd };
  }
  if (weights.kind === 'shipped-digits') {
    // Loaded when first chosen (the index is static; the loader and its hashing are not).
    const { shippedDigitsBytes } = await import('../weights/shipped-digits');
    let shipped: Uint8Array;
    try {
      shipped = await shippedDigitsBytes(weights.id, { onProgress: (p) => progress?.(p.total ? (0.9 * p.loaded) / p.total : 0) });
    } catch (e) {
      return { ok: false, issues: [{ kind: 'parse', key: '', message: errorText(e) }] };
    }
    const r = rt.weightsFile.readWeightsFile(shipped, graph);
    if (!r.ok) return r;
    progress?.(1);
    return { ok: true, sd: r.sd };
  }
  let bytes: ArrayBuffer;
  try {
    bytes = await weights.blob.arrayBuffer();
  } catch (e) {
    return { ok: false, issues: [{ kind: 'parse', key: '', message: `could not read ${weights.name}: ${errorText(e)}` }] };
  }
  progress?.(0.5);
  // Nothing of the session changes before this says yes.
  const r = rt.weightsFile.readWeightsFile(bytes, graph, { allowValueIssues: weights.allowValueIssues });
  if (!r.ok) return r;
  progress?.(1);
  return { ok: true, sd: r.sd };
}
