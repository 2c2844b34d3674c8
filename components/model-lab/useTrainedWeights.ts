'use client';

import { useEffect, useState } from 'react';
import { canonicalKnobQuery } from '@/lib/models/lab-schema';

/** Where the lab's `trained=<key>` link stands. */
export type TrainedState =
  | { readonly kind: 'none' }
  | { readonly kind: 'loading'; readonly key: string }
  | { readonly kind: 'ready'; readonly key: string; readonly label: string; readonly weights: { readonly name: string; readonly blob: Blob } }
  | { readonly kind: 'missing'; readonly key: string }
  | { readonly kind: 'other-model'; readonly key: string; readonly modelId: string }
  /** Trained for this model with other knobs (`knobs`: theirs, the lab's query form): another network. */
  | { readonly kind: 'other-knobs'; readonly key: string; readonly label: string; readonly knobs: string }
  | { readonly kind: 'error'; readonly key: string; readonly message: string };

/**
 * The weights a `trained=<key>` link names, read from this browser's store (lib/train/handoff.ts)
 * as a .safetensors Blob for the Runner's normal weights path, which checks and loads them (or
 * refuses them with its usual message). Weights trained for another model, or for this model with
 * other knobs (another network: `knobs` is the lab's, in lab-schema.ts labKnobQuery's form), are not
 * loaded; the notice links to the network they were trained for.
 */
export function useTrainedWeights(key: string, modelId: string, knobs: string): TrainedState {
  const [state, setState] = useState<TrainedState>({ kind: 'none' });
  const [seen, setSeen] = useState({ key: '', modelId, knobs });
  if (seen.key !== key || seen.modelId !== modelId || seen.knobs !== knobs) {
    setSeen({ key, modelId, knobs });
    setState(key ? { kind: 'loading', key } : { kind: 'none' });
  }
  useEffect(() => {
    if (!key) return;
    let live = true;
    import('@/lib/train/handoff')
      .then(({ loadTrainedWeights }) => loadTrainedWeights(key))
      .then(
        (t) => {
          if (!live) return;
          if (!t) setState({ kind: 'missing', key });
          else if (t.modelId !== modelId) setState({ kind: 'other-model', key, modelId: t.modelId });
          else if (canonicalKnobQuery(modelId, t.knobs) !== knobs)
            setState({ kind: 'other-knobs', key, label: t.label, knobs: canonicalKnobQuery(modelId, t.knobs) });
          else
            setState({
              kind: 'ready',
              key,
              label: t.label,
              weights: {
                name: `${t.label || t.modelId} (trained).safetensors`,
                blob: new Blob([t.bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }),
              },
            });
        },
        (e: unknown) => live && setState({ kind: 'error', key, message: e instanceof Error ? e.message : String(e) }),
      );
    return () => {
      live = false;
    };
  }, [key, modelId, knobs]);
  return state;
}
