'use client';

/**
 * The weight sets of the reuse widget's digits network and their Fig. 5 numbers: the trained
 * weights shipped with the site (fetched once when the widget mounts; no tfjs), the He init they
 * were trained from (the record's seed), and He init with the widget's own seed (the random
 * choice), the last two computed in place. A failed fetch is reported, never thrown: the widget
 * then offers random weights only.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Graph } from '@/lib/arch';
import type { StateDict } from '@/lib/runtime/weights/types';
import { reuseView } from '@/lib/widgets/dense-reuse/block';
import { networkReuse, type BlockReuse } from '@/lib/widgets/dense-reuse/weight-reuse';
import { heInit } from '@/lib/runtime/weights/he-init';
import { hasTrainedWeights, trainedWeights, trainingSeed } from '@/lib/widgets/dense-reuse/weights';

export interface WeightSet {
  readonly sd: StateDict;
  readonly reuse: readonly BlockReuse[];
}

export type TrainedState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly set: WeightSet }
  | { readonly kind: 'missing'; readonly message: string }
  | { readonly kind: 'error'; readonly message: string };

function heSet(graph: Graph, seed: number): WeightSet {
  const sd = heInit(graph, seed);
  return { sd, reuse: networkReuse(graph, sd) };
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export interface ReuseWeightSets {
  readonly trained: TrainedState;
  /** He init with the shipped training's seed: the trained weights before training. */
  readonly init: WeightSet | null;
  readonly initSeed: number;
  /** He init with the widget's seed (the "Seeded random" choice); the same object as init for that seed. */
  readonly random: WeightSet | null;
}

export function useReuseWeights(enabled: boolean, seed: number): ReuseWeightSets {
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
  const initSeed = trainingSeed();
  const init = useMemo<WeightSet | null>(() => (enabled ? heSet(graph, initSeed) : null), [enabled, graph, initSeed]);
  const random = useMemo<WeightSet | null>(() => (!enabled ? null : seed === initSeed ? init : heSet(graph, seed)), [enabled, graph, seed, initSeed, init]);

  return { trained, init, initSeed, random };
}
