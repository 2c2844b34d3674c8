/**
 * Typed errors for invalid architecture specs.
 *
 * Every error names the knob that is wrong, the value that was given and what would be valid, so the
 * UI can show the message next to the control and the CLI can print it as is.
 */

export type SpecErrorCode =
  | 'unknown_model'
  | 'unknown_knob'
  | 'not_integer'
  | 'out_of_range'
  | 'empty'
  | 'wrong_length'
  | 'not_in_set'
  | 'groups_not_dividing'
  | 'size_vanishes'
  | 'bad_input_size';

export class SpecError extends Error {
  readonly code: SpecErrorCode;
  /** The knob (or `size`, `id`) that is wrong, e.g. `growthRate` or `blocks[3].kernel`. */
  readonly knob: string;
  readonly value: unknown;
  /** What would be valid, in words, e.g. "an integer >= 1" or "one of: 3, 5". */
  readonly expected: string;
  /** What went wrong, in words, without the knob/value/expected parts (may be empty). */
  readonly detail: string;

  constructor(code: SpecErrorCode, knob: string, value: unknown, expected: string, detail?: string) {
    const shown = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
    super(`${knob}: ${detail ? `${detail}; ` : ''}got ${shown}, expected ${expected}`);
    this.name = 'SpecError';
    this.code = code;
    this.knob = knob;
    this.value = value;
    this.expected = expected;
    this.detail = detail ?? '';
  }
}
