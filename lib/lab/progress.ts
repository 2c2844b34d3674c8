/**
 * Progress of a lab operation as one number and one sentence, for a role="progressbar" element and
 * an aria-live status line. An operation is a plan of phases (e.g. a first run: load tfjs → load
 * weights → build → warm up → run); each phase has a weight reflecting its usual share of the wait.
 */

export const PHASES = ['tfjs', 'weights', 'build', 'warmup', 'run', 'featuremaps', 'profile'] as const;
export type Phase = (typeof PHASES)[number];

export const PHASE_LABELS: Record<Phase, string> = {
  tfjs: 'Loading TensorFlow.js',
  weights: 'Loading weights',
  build: 'Building the model',
  warmup: 'Warming up',
  run: 'Running',
  featuremaps: 'Reading feature maps',
  profile: 'Profiling',
};

/** Rough relative durations; only the proportions matter. */
const WEIGHT: Record<Phase, number> = { tfjs: 3, weights: 3, build: 2, warmup: 3, run: 1, featuremaps: 1, profile: 10 };

export interface ProgressState {
  readonly plan: readonly Phase[];
  readonly phase: Phase;
  /** Progress within the phase, 0..1 (NaN or undefined when unknown). */
  readonly fraction?: number;
  /** Extra detail for the status line, e.g. "pass 3 of 12" or "on WebGL". */
  readonly detail?: string;
}

/** Overall percentage 0..100 (integer) of a plan at a phase. Unknown phases count as the start. */
export function overallPercent(s: ProgressState): number {
  const total = s.plan.reduce((a, p) => a + WEIGHT[p], 0);
  if (total === 0) return 0;
  let done = 0;
  for (const p of s.plan) {
    if (p === s.phase) break;
    done += WEIGHT[p];
  }
  if (!s.plan.includes(s.phase)) done = 0;
  const f = s.fraction !== undefined && Number.isFinite(s.fraction) ? Math.min(1, Math.max(0, s.fraction)) : 0;
  return Math.round((100 * (done + f * WEIGHT[s.phase])) / total);
}

/** "Profiling… 40% (pass 4 of 10)" – the sentence announced in the live region. */
export function progressText(s: ProgressState): string {
  const step = s.plan.indexOf(s.phase);
  const stepText = s.plan.length > 1 && step >= 0 ? `Step ${step + 1} of ${s.plan.length}: ` : '';
  const pct = s.fraction !== undefined && Number.isFinite(s.fraction) ? ` ${Math.round(100 * Math.min(1, Math.max(0, s.fraction)))}%` : '';
  const detail = s.detail ? ` (${s.detail})` : '';
  return `${stepText}${PHASE_LABELS[s.phase]}…${pct}${detail}`;
}

/** What the kit's Progress shows for a lab operation: the bar's share while it runs, the sentence always. */
export function progressView(s: ProgressState | null, idleText: string): { fraction: number | null; text: string; valueText?: string } {
  if (!s) return { fraction: null, text: idleText };
  const text = progressText(s);
  return { fraction: overallPercent(s) / 100, text, valueText: text };
}
