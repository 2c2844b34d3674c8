/**
 * The option loop shared by the scripts' command lines (`npm run bench`, the GPU kit): flags that
 * take a value (`--x v` or `--x=v`), switches that take none, and the same messages for bad input.
 * What the values mean (integers, lists, ranges) stays with each CLI. Pure: no imports, so the GPU
 * kit's bundle takes nothing more with it.
 */

export interface FlagSpec {
  /** Options that take a value: `--size 96` or `--size=96`. */
  readonly flags: readonly string[];
  /** Options that take none; `-h` reads as `--help`. */
  readonly switches: readonly string[];
  /** Flags that may be given more than once, their values kept in order; any other flag twice is an error. */
  readonly repeatable?: readonly string[];
  /** Flags whose "given twice" message adds "(use a comma list)": they take several values in one. */
  readonly commaLists?: readonly string[];
  /** The error each bad input throws, so that each CLI keeps its own usage-error class (exit code 2). */
  readonly error: (message: string) => Error;
}

export interface ParsedFlags {
  /** Each flag given, with its values in the order given (one unless repeatable). */
  readonly values: ReadonlyMap<string, readonly string[]>;
  /** The switches given (`-h` as `--help`). */
  readonly switches: ReadonlySet<string>;
}

export function parseFlags(argv: readonly string[], spec: FlagSpec): ParsedFlags {
  const values = new Map<string, string[]>();
  const switches = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf('=');
    const [flag, inline] = a.startsWith('--') && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    if (spec.switches.includes(flag)) {
      if (inline !== undefined) throw spec.error(`${flag} takes no value`);
      switches.add(flag === '-h' ? '--help' : flag);
    } else if (spec.flags.includes(flag)) {
      // `--runs --json`: the next option is not a value (a value of its own starting with -- takes `=`).
      const val = inline ?? argv[++i];
      if (val === undefined || (inline === undefined && val.startsWith('--'))) throw spec.error(`${flag} needs a value`);
      if (values.has(flag) && !spec.repeatable?.includes(flag))
        throw spec.error(`${flag} given twice${spec.commaLists?.includes(flag) ? ' (use a comma list)' : ''}`);
      values.set(flag, [...(values.get(flag) ?? []), val]);
    } else {
      throw spec.error(`unknown option "${a}"`);
    }
  }
  return { values, switches };
}
