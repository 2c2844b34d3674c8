/** The Runner's pure parts: which phases a run goes through, and how weights are named and compared. */
import type { WeightsLabel } from '@/lib/lab/handle';
import type { Phase } from '@/lib/lab/progress';
import type { WeightsSource } from '@/lib/lab/session';

export const FULL_PLAN: readonly Phase[] = ['tfjs', 'weights', 'build', 'warmup', 'run'];
export const LOAD_PLAN: readonly Phase[] = ['weights', 'build', 'warmup', 'run'];
export const RUN_PLAN: readonly Phase[] = ['run'];

export const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function weightsLabelText(w: WeightsLabel | null): string | null {
  if (!w) return null;
  return w.kind === 'seeded' ? `Seeded random (seed ${w.seed})` : w.name;
}

export function sameWeights(a: WeightsSource | null, b: WeightsSource): boolean {
  if (!a || a.kind !== b.kind) return false;
  return a.kind === 'seeded' ? a.seed === (b as { seed: number }).seed : a.blob === (b as { blob: Blob }).blob;
}

export function labelOf(w: WeightsSource | null): WeightsLabel | null {
  if (!w) return null;
  return w.kind === 'seeded' ? { kind: 'seeded', seed: w.seed } : { kind: 'file', name: w.name };
}
