/**
 * The trainer's seeded randomness: batch order (BatchSampler) and dropout masks. One generator,
 * mulberry32, shared with the untrained init (lib/runtime/weights/he-init.ts); independent streams
 * come from hashing (seed, stream) with murmur3's finaliser, so e.g. epoch 7's order does not
 * depend on how many numbers epoch 6 drew, and a run can resume at any epoch.
 *
 * PyTorch's own generator (mt19937 + Philox) is not reproduced: batch order and dropout masks are
 * the trainer's choice, and the parity fixtures take batches in order (--no-shuffle) with
 * dropout off, so no exactness depends on the generator.
 */
import { fmix32 } from '../runtime/weights/hash-init';
import { mulberry32 } from '../runtime/weights/he-init';

export { mulberry32 };

/** A seed for stream `stream` of `seed` (uint32 in, uint32 out). */
export function streamSeed(seed: number, stream: number): number {
  return fmix32((Math.imul(seed >>> 0, 0x9e3779b1) ^ fmix32((stream >>> 0) + 0x632be5ab)) >>> 0);
}

export class Rng {
  private readonly u: () => number;

  constructor(seed: number) {
    this.u = mulberry32(seed);
  }

  /** Stream `stream` of `seed`, independent of the others. */
  static stream(seed: number, stream: number): Rng {
    return new Rng(streamSeed(seed, stream));
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.u();
  }

  /** Uniform whole number in [0, n), n ≤ 2³². */
  int(n: number): number {
    return Math.floor(this.u() * n);
  }

  /** `out` filled with uniforms in [0, 1) (a dropout mask's source). */
  fill(out: Float32Array): Float32Array {
    for (let i = 0; i < out.length; i++) out[i] = this.u();
    return out;
  }

  /** Fisher–Yates shuffle in place: every permutation equally likely (up to the generator). */
  shuffle<T extends { length: number; [i: number]: number }>(a: T): T {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }
}
