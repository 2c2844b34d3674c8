'use client';

/**
 * The two weight sets of the reuse widget's digits network and their Fig. 5 numbers: the trained
 * weights shipped with the site (fetched once when the widget mounts; no tfjs) and random ones (He
 * init with the widget's seed, computed in place). A failed fetch is reported, never thrown: the
 * widget then offers random weights only.
 */
import { useEffect, useMemo, useState } from 'react';
import type { StateDict } from '@/lib/runtime/weights/types';
import { reuseView } from '@/lib/widgets/dense-reuse/block';
import { networkReuse, type BlockReuse } from '@/lib/widgets/dense-reuse/weight-reuse';
import { heInit } from '@/lib/runtime/weights/he-init';
import { hasTrainedWeights, trainedWeights } from '@/lib/widgets/dense-reuse/weights';

export interface WeightSet {
  readonly sd: StateDict;
  readonly reuse: readonly BlockReuse[];
}

export type TrainedState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly set: WeightSet }
  | { readonly kind: 'missing'; readonly message: string }
  | { readonly kind: 'error'; readonly message: string };

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function useReuseWeights(enabled: boolean, seed: number): { trained: TrainedState; random: WeightSet | null } {
  const [trained, setTrained] = useState<TrainedState>(() =>
    hasTrainedWeights() ? { kind: 'loading' } : { kind: 'missing', message: 'this site ships no trained weights for densenet_digits' },
  );
  const graph = reuseView('digits').graph;

  useEffect(() => {
    if (!enabled || !hasTrainedWeights()) return;
    const ctrl = new AbortController();
    trainedWeights({ signal: ctrl.signal }).then(
      (sd) => setTrained({ kind: 'ready', set: { sd, reuse: networkReuse(graph, sd) } }),
      (e: unknown) => {
        if (!ctrl.signal.aborted) setTrained({ kind: 'error', message: message(e) });
      },
    );
    return () => ctrl.abort();
  }, [enabled, graph]);

  // He init of 0.1 M parameters takes a few milliseconds: computed in place, per seed.
  const random = useMemo<WeightSet | null>(() => {
    if (!enabled) return null;
    const sd = heInit(graph, seed);
    return { sd, reuse: networkReuse(graph, sd) };
  }, [enabled, graph, seed]);

  return { trained, random };
}
