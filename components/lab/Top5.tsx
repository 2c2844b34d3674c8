import type { Prediction } from '@/lib/runtime/imagenet';
import { formatPercent } from '@/lib/format';

export interface Top5Props {
  readonly predictions: readonly Prediction[];
  /** Seeded random weights: say plainly that the classes mean nothing. */
  readonly randomWeights: boolean;
  readonly seed?: number;
  /** Where real weights come from (default: torchvision's .safetensors files). */
  readonly weightsHint?: string;
}

const TORCHVISION_HINT = 'Load torchvision weights (a .safetensors file) to see real predictions.';

/** The five most likely classes with their softmax probabilities as bars. */
export function Top5({ predictions, randomWeights, seed, weightsHint = TORCHVISION_HINT }: Top5Props) {
  return (
    <div>
      <ol className="space-y-1.5" aria-label="Top-5 predictions" data-testid="top5">
        {predictions.map((p, i) => (
          <li key={p.index} className="grid grid-cols-[1.5rem_minmax(0,1fr)_4.5rem] items-center gap-2 text-sm">
            <span className="text-right tabular-nums text-slate-500 dark:text-slate-400">{i + 1}.</span>
            <span className="relative overflow-hidden rounded bg-slate-100 px-2 py-1 dark:bg-slate-800/70">
              <span
                aria-hidden="true"
                className="absolute inset-y-0 left-0 bg-accent-100 dark:bg-accent-700/50"
                style={{ width: `${Math.max(0.5, p.prob * 100)}%` }}
              />
              <span className="relative block truncate text-slate-900 dark:text-slate-100" title={`${p.label} (class ${p.index})`}>
                {p.label}
              </span>
            </span>
            <span className="text-right tabular-nums text-slate-700 dark:text-slate-300">{formatPercent(p.prob)}</span>
          </li>
        ))}
      </ol>
      {randomWeights && (
        <p
          className="mt-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700/60 dark:bg-amber-950/40 dark:text-amber-200"
          data-testid="random-weights-note"
        >
          These weights are random{seed !== undefined ? ` (seed ${seed})` : ''}, so these predictions mean nothing: the network has not learned anything yet.{' '}
          {weightsHint}
        </p>
      )}
    </div>
  );
}
