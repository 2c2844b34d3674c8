import Link from 'next/link';
import { MODEL_IDS } from '@/lib/arch';
import { trainedLabHref } from '@/lib/train/handoff';
import type { TrainedState } from './useTrainedWeights';

const box = 'not-prose rounded-lg border px-4 py-3 text-sm';
const info = `${box} border-accent-300 bg-accent-50 text-slate-900 dark:border-accent-700/60 dark:bg-accent-700/20 dark:text-slate-100`;
const warn = `${box} border-amber-400 bg-amber-50 text-amber-950 dark:border-amber-500/60 dark:bg-amber-500/10 dark:text-amber-100`;

/** `k=24, blocks=6,6,6` (a knob query in words), or the model's own knobs. */
function knobsInWords(query: string): string {
  const knobs = [...new URLSearchParams(query)].map(([k, v]) => `${k}=${v}`);
  return knobs.length ? `other knobs (${knobs.join(', ')})` : "the model's own knobs";
}

/**
 * What became of the link's `trained=<key>` weights. Whether the file itself loads, the Runner says.
 * `instead` names what the model runs with when they cannot be had (lib/weights/sources.ts).
 */
export function TrainedNotice({ state, modelId, instead = 'random weights' }: { state: TrainedState; modelId: string; instead?: string }) {
  switch (state.kind) {
    case 'none':
      return null;
    case 'loading':
      return (
        <p role="status" className={info} data-testid="trained-notice">
          Reading the trained weights from this browser…
        </p>
      );
    case 'ready':
      return (
        <p role="status" className={info} data-testid="trained-notice">
          Weights trained on the <Link href="/train">Train page</Link>
          {state.label ? ` (${state.label})` : ''} go to the runner below, which loads and runs them, or says why it cannot; Test accuracy then measures them on
          the whole test split.
        </p>
      );
    case 'missing':
      return (
        <p role="alert" className={warn} data-testid="trained-notice">
          The trained weights this link names (key {state.key}) are not stored in this browser: weights stay in the browser that trained them, and only the
          newest few are kept. The model uses {instead} instead. Train it again on the <Link href="/train">Train page</Link>, or load a .safetensors file below.
        </p>
      );
    case 'other-model':
      return (
        <p role="alert" className={warn} data-testid="trained-notice">
          The weights this link names were trained for {MODEL_IDS.includes(state.modelId) ? state.modelId : 'another model'}, not {modelId}, so they are not
          loaded here.{' '}
          {MODEL_IDS.includes(state.modelId) && (
            <Link href={`/models/${state.modelId}?trained=${encodeURIComponent(state.key)}`}>Open them in the {state.modelId} lab.</Link>
          )}
        </p>
      );
    case 'other-knobs':
      return (
        <p role="alert" className={warn} data-testid="trained-notice">
          The weights this link names ({state.label}) were trained with {knobsInWords(state.knobs)}: a different network from the one these knobs describe, so
          they are not loaded, and the model uses random weights.{' '}
          <Link href={trainedLabHref(modelId, state.key, state.knobs)}>Open them with the knobs they were trained with.</Link>
        </p>
      );
    case 'error':
      return (
        <p role="alert" className={warn} data-testid="trained-notice">
          The trained weights could not be read from this browser&apos;s storage ({state.message}). The model uses {instead} instead.
        </p>
      );
  }
}
