/**
 * What one gradient explanation holds in memory, for the run guard (lib/runtime/run-guard.ts),
 * tfjs-free: the forward's own footprint, plus every node output the gradient tape keeps for the
 * backward pass and one gradient of the largest of them (batch 1, float32). Rough and from above,
 * like lib/train/train-footprint.ts, so a network that cannot be explained on a backend is refused
 * with numbers before any pass starts.
 */
import { FLOAT32_BYTES, footprint } from '../arch/footprint';
import type { Graph } from '../arch/ir';
import type { BackendName } from '../runtime/backend-names';
import { memoryRefusal } from '../runtime/run-guard';

const numel = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

/** Bytes the tape and the backward hold beyond the forward pass. */
export function gradientExtraBytes(graph: Graph): number {
  let kept = numel(graph.input);
  let largest = 0;
  for (const n of graph.nodes) {
    const e = numel(n.outShape);
    kept += e;
    largest = Math.max(largest, e);
  }
  return (kept + 2 * largest) * FLOAT32_BYTES;
}

/** The refusal sentence for an explanation of `graph` on `backend`, or null when it fits. */
export function explainRefusal(graph: Graph, backend: BackendName): string | null {
  const fp = footprint(graph);
  const r = memoryRefusal(
    { ...fp, peakActivationBytes: fp.peakActivationBytes + gradientExtraBytes(graph) },
    backend,
    0,
    'Choose a smaller input size or model.',
  );
  return r ? r.message.replace('one pass needs', 'a pass and its gradient need') : null;
}
