/** The Runner's pure parts: which phases a run goes through, and how weights are named and compared. */
import type { WeightsLabel } from '@/lib/lab/handle';
import type { Phase } from '@/lib/lab/progress';
import type { WeightsSource } from '@/lib/lab/session';
import { imagenetLoadedLabel } from '@/lib/weights/imagenet/labels';
import { formatPercent } from '@/lib/format';
import { shippedDigits } from '@/lib/weights/shipped-digits-index';

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
  if (a.kind === 'seeded') return a.seed === (b as { seed: number }).seed;
  if (a.kind === 'imagenet') return b.kind === 'imagenet' && a.entry.sha256 === b.entry.sha256;
  if (a.kind === 'shipped-digits') return a.id === (b as { id: string }).id;
  return a.blob === (b as { blob: Blob }).blob;
}

/** How shipped trained weights are named in the picker, the results and the test. */
export function shippedLabelText(id: string): string {
  const s = shippedDigits(id);
  return s ? `Trained weights shipped with the site (${formatPercent(s.testAccuracy)} on the test digits)` : 'Trained weights shipped with the site';
}

export function labelOf(w: WeightsSource | null): WeightsLabel | null {
  if (!w) return null;
  if (w.kind === 'seeded') return { kind: 'seeded', seed: w.seed };
  if (w.kind === 'shipped-digits') return { kind: 'shipped', id: w.id, name: shippedLabelText(w.id) };
  return { kind: 'file', name: w.kind === 'imagenet' ? imagenetLoadedLabel(w.entry) : w.name };
}

/** Weights that have learned nothing: seeded ones, and a host's `--offline` test export. */
export const isRandom = (w: WeightsSource | null): boolean => !w || w.kind === 'seeded' || (w.kind === 'imagenet' && !w.entry.pretrained);
