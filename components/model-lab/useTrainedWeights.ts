'use client';

import { useEffect, useState } from 'react';

/** Where the lab's `trained=<key>` link stands. */
export type TrainedState =
  | { readonly kind: 'none' }
  | { readonly kind: 'loading'; readonly key: string }
  | { readonly kind: 'ready'; readonly key: string; readonly label: string; readonly weights: { readonly name: string; readonly blob: Blob } }
  | { readonly kind: 'missing'; readonly key: string }
  | { readonly kind: 'other-model'; readonly key: string; readonly modelId: string }
  | { readonly kind: 'error'; readonly key: string; readonly message: string };

/**
 * The weights a `trained=<key>` link names, read from this browser's store (lib/train/handoff.ts)
 * as a .safetensors Blob for the Runner's normal weights path, which checks and loads them (or
 * refuses them with its usual message). Weights trained for another model are not loaded.
 */
export function useTrainedWeights(key: string, modelId: string): TrainedState {
  const [state, setState] = useState<TrainedState>({ kind: 'none' });
  const [seen, setSeen] = useState({ key: '', modelId });
  if (seen.key !== key || seen.modelId !== modelId) {
    setSeen({ key, modelId });
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
  }, [key, modelId]);
  return state;
}
