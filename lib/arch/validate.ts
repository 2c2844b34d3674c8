/** Small knob validators shared by the family specs; each throws a SpecError naming the knob. */
import { SpecError } from './errors';

export function checkInt(knob: string, v: unknown, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    throw new SpecError('not_integer', knob, v, `an integer in [${min}, ${max === Number.MAX_SAFE_INTEGER ? '∞' : max}]`);
  }
  if (v < min || v > max) {
    throw new SpecError('out_of_range', knob, v, `an integer in [${min}, ${max === Number.MAX_SAFE_INTEGER ? '∞' : max}]`);
  }
  return v;
}

/** A real number in (lo, hi] (lo exclusive) or [lo, hi] when loInclusive. */
export function checkReal(knob: string, v: unknown, lo: number, hi: number, loInclusive = false): number {
  const expected = `a number in ${loInclusive ? '[' : '('}${lo}, ${hi}]`;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new SpecError('out_of_range', knob, v, expected);
  if ((loInclusive ? v < lo : v <= lo) || v > hi) throw new SpecError('out_of_range', knob, v, expected);
  return v;
}

export function checkIntList(knob: string, v: unknown, opts: { min?: number; length?: number; maxLength?: number } = {}): number[] {
  if (!Array.isArray(v)) throw new SpecError('not_integer', knob, v, 'a list of integers');
  if (v.length === 0) throw new SpecError('empty', knob, v, 'a non-empty list of integers');
  if (opts.length !== undefined && v.length !== opts.length) {
    throw new SpecError('wrong_length', knob, v, `a list of exactly ${opts.length} integers`);
  }
  if (opts.maxLength !== undefined && v.length > opts.maxLength) {
    throw new SpecError('wrong_length', knob, v, `a list of 1 to ${opts.maxLength} integers`);
  }
  return v.map((x, i) => checkInt(`${knob}[${i}]`, x, opts.min ?? 1));
}

export function checkOneOf<T>(knob: string, v: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(v as T)) {
    throw new SpecError('not_in_set', knob, v, `one of: ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
  }
  return v as T;
}

export function checkDivides(knob: string, groups: number, channels: number, what: string): void {
  if (channels % groups !== 0) {
    throw new SpecError(
      'groups_not_dividing',
      knob,
      groups,
      `a divisor of ${channels} (${what})`,
      `${groups} groups do not divide ${channels} channels of ${what}`,
    );
  }
}

/**
 * Input resolution: square images of 16..512 pixels. 16 leaves room below the digits models' 28x28
 * (MNIST); a network that cannot shrink that far fails with `size_vanishes`, which names the
 * smallest size that works.
 */
export const MIN_SIZE = 16;
export const MAX_SIZE = 512;

export function checkSize(v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < MIN_SIZE || v > MAX_SIZE) {
    throw new SpecError('bad_input_size', 'size', v, `an integer in [${MIN_SIZE}, ${MAX_SIZE}]`);
  }
  return v;
}

/** Rejects keys that are not knobs of the family (typos would otherwise be silently ignored). */
export function checkKnownKeys(obj: object, allowed: readonly string[]): void {
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) {
      throw new SpecError('unknown_knob', k, (obj as Record<string, unknown>)[k], `one of the knobs: ${allowed.join(', ')}`);
    }
  }
}
