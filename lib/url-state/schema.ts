/**
 * One schema maps URL parameters to typed state and back (after TensorFlow Playground's state.ts,
 * without its globals). Every widget and page declares its parameters once; parsing, serialising,
 * validation notices and the parameter documentation are all derived from that declaration.
 *
 * Parsing never throws: a bad or unknown parameter becomes a Notice naming the parameter, what was
 * given and what is allowed, and the state falls back to that parameter's default.
 */

interface Base<T> {
  readonly default: T;
  /** One line for the generated documentation. */
  readonly doc: string;
  /** A control's label, where the parameter is one (the lab's knobs). */
  readonly label?: string;
}
export interface EnumParam<V extends string = string> extends Base<V> {
  readonly kind: 'enum';
  readonly values: readonly V[];
}
export interface IntParam extends Base<number> {
  readonly kind: 'int';
  readonly min: number;
  readonly max: number;
  /** What a control steps by (default 1). */
  readonly step?: number;
}
export interface NumberParam extends Base<number> {
  readonly kind: 'number';
  readonly min: number;
  readonly max: number;
  /** Exclusive lower bound (e.g. compression θ in (0, 1]). */
  readonly minExclusive?: boolean;
  /** What a control steps by (default 0.05). */
  readonly step?: number;
}
export interface BoolParam extends Base<boolean> {
  readonly kind: 'bool';
}
export interface IntListParam extends Base<readonly number[]> {
  readonly kind: 'intList';
  readonly min: number;
  readonly max: number;
  readonly minLength: number;
  readonly maxLength: number;
}
export interface SetParam<V extends string = string> extends Base<readonly V[]> {
  readonly kind: 'set';
  readonly values: readonly V[];
}
export interface StringParam extends Base<string> {
  readonly kind: 'string';
  readonly pattern: RegExp;
  readonly maxLength: number;
  /** Human description of the pattern, for notices and docs. */
  readonly patternDoc: string;
}

export type Param = EnumParam | IntParam | NumberParam | BoolParam | IntListParam | SetParam | StringParam;
export type Schema = Readonly<Record<string, Param>>;

export type ValueOf<P extends Param> = P extends EnumParam<infer V> ? V : P extends SetParam<infer V> ? readonly V[] : P['default'];
export type StateOf<S extends Schema> = { -readonly [K in keyof S]: ValueOf<S[K]> };

export interface Notice {
  readonly param: string;
  /** What the URL gave, shortened for display (never interpreted as markup by the UI). */
  readonly given: string;
  readonly allowed: string;
  readonly message: string;
}

// Builders keep declarations short and typed: `enumP(['a','b'] as const, 'a', 'doc')`.
export const enumP = <V extends string>(values: readonly V[], def: V, doc: string): EnumParam<V> => ({ kind: 'enum', values, default: def, doc });
export const intP = (min: number, max: number, def: number, doc: string): IntParam => ({ kind: 'int', min, max, default: def, doc });
export const numP = (min: number, max: number, def: number, doc: string, minExclusive = false): NumberParam => ({
  kind: 'number',
  min,
  max,
  default: def,
  doc,
  minExclusive,
});
export const boolP = (def: boolean, doc: string): BoolParam => ({ kind: 'bool', default: def, doc });
export const intListP = (min: number, max: number, minLength: number, maxLength: number, def: readonly number[], doc: string): IntListParam => ({
  kind: 'intList',
  min,
  max,
  minLength,
  maxLength,
  default: def,
  doc,
});
export const setP = <V extends string>(values: readonly V[], def: readonly V[], doc: string): SetParam<V> => ({ kind: 'set', values, default: def, doc });
export const stringP = (pattern: RegExp, patternDoc: string, maxLength: number, def: string, doc: string): StringParam => ({
  kind: 'string',
  pattern,
  patternDoc,
  maxLength,
  default: def,
  doc,
});

/** What a parameter accepts, in words: used by notices and by the generated docs. */
export function describeAllowed(p: Param): string {
  switch (p.kind) {
    case 'enum':
      return `one of ${p.values.join(', ')}`;
    case 'int':
      return `a whole number from ${p.min} to ${p.max}`;
    case 'number':
      return `a number ${p.minExclusive ? 'above' : 'from'} ${p.min} ${p.minExclusive ? 'up ' : ''}to ${p.max}`;
    case 'bool':
      return '0 or 1';
    case 'intList':
      return `${p.minLength === p.maxLength ? p.minLength : `${p.minLength} to ${p.maxLength}`} whole numbers from ${p.min} to ${p.max}, separated by commas`;
    case 'set':
      return `a comma-separated list of ${p.values.join(', ')}`;
    case 'string':
      return `${p.patternDoc}, at most ${p.maxLength} characters`;
  }
}

const MAX_SHOWN = 40;
/** Shortens and cleans a raw value for display inside a notice. */
export function showGiven(raw: string): string {
  // Control characters, and bidi overrides / zero-width marks that could make a notice read backwards.
  const clean = raw.replace(/[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '?');
  return clean.length > MAX_SHOWN ? `${clean.slice(0, MAX_SHOWN)}…` : clean;
}

const INT = /^-?\d{1,15}$/;
const NUM = /^-?(?:\d{1,15}(?:\.\d{0,12})?|\.\d{1,12})(?:e[-+]?\d{1,3})?$/i;

type Parsed<T> = { ok: true; value: T } | { ok: false };
const bad = { ok: false } as const;

function parseOne(p: Param, raw: string): Parsed<unknown> {
  switch (p.kind) {
    case 'enum':
      return (p.values as readonly string[]).includes(raw) ? { ok: true, value: raw } : bad;
    case 'int': {
      if (!INT.test(raw)) return bad;
      const v = Number(raw);
      return v >= p.min && v <= p.max ? { ok: true, value: v } : bad;
    }
    case 'number': {
      if (!NUM.test(raw)) return bad;
      const v = Number(raw);
      if (!Number.isFinite(v) || v > p.max || v < p.min || (p.minExclusive && v === p.min)) return bad;
      return { ok: true, value: v };
    }
    case 'bool':
      return raw === '1' || raw === 'true' ? { ok: true, value: true } : raw === '0' || raw === 'false' ? { ok: true, value: false } : bad;
    case 'intList': {
      const parts = raw.split(',');
      if (parts.length < p.minLength || parts.length > p.maxLength) return bad;
      const values: number[] = [];
      for (const s of parts) {
        if (!INT.test(s)) return bad;
        const v = Number(s);
        if (v < p.min || v > p.max) return bad;
        values.push(v);
      }
      return { ok: true, value: values };
    }
    case 'set': {
      if (raw === '') return { ok: true, value: [] };
      const parts = raw.split(',');
      if (parts.length > p.values.length || !parts.every((s) => (p.values as readonly string[]).includes(s))) return bad;
      return { ok: true, value: [...new Set(parts)] };
    }
    case 'string':
      return raw.length <= p.maxLength && p.pattern.test(raw) ? { ok: true, value: raw } : bad;
  }
}

export type ParamSource = URLSearchParams | Readonly<Record<string, string | string[] | undefined>>;

function entries(src: ParamSource): Array<[string, string]> {
  if (src instanceof URLSearchParams) return [...src.entries()];
  const out: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(src)) {
    if (v === undefined) continue;
    for (const item of Array.isArray(v) ? v : [v]) out.push([k, item]);
  }
  return out;
}

/**
 * The known parameters, for a notice: every plain name, and namespaced ones (`<prefix>.<name>`,
 * /train's per-model knobs: dozens of them) grouped by prefix, so the sentence stays readable.
 */
function knownList(keys: readonly string[]): string {
  const plain = keys.filter((k) => !k.includes('.'));
  const dotted = keys.filter((k) => k.includes('.'));
  if (dotted.length === 0) return plain.join(', ');
  const prefixes = [...new Set(dotted.map((k) => k.slice(0, k.lastIndexOf('.'))))];
  return `${plain.join(', ')}; and namespaced ones such as ${dotted[0]}, for ${prefixes.join(', ')}`;
}

/**
 * Parses URL parameters against a schema. Unknown parameters (other than those in `ignore`) and
 * invalid values produce notices; the state always comes back complete and valid.
 */
export function parseParams<S extends Schema>(schema: S, src: ParamSource, ignore: readonly string[] = []): { state: StateOf<S>; notices: Notice[] } {
  const state = Object.fromEntries(Object.entries(schema).map(([k, p]) => [k, p.default])) as StateOf<S>;
  const notices: Notice[] = [];
  const seen = new Set<string>();
  for (const [key, raw] of entries(src)) {
    const p = Object.prototype.hasOwnProperty.call(schema, key) ? schema[key] : undefined;
    if (!p) {
      if (ignore.includes(key)) continue;
      const known = knownList(Object.keys(schema));
      notices.push({
        param: showGiven(key),
        given: showGiven(raw),
        allowed: known,
        message: `Unknown parameter "${showGiven(key)}" was ignored. Known parameters: ${known}.`,
      });
      continue;
    }
    if (seen.has(key)) {
      notices.push({
        param: key,
        given: showGiven(raw),
        allowed: 'one value',
        message: `Parameter "${key}" was given more than once; the first value is used.`,
      });
      continue;
    }
    seen.add(key);
    const r = parseOne(p, raw);
    if (r.ok) {
      (state as Record<string, unknown>)[key] = r.value;
    } else {
      const allowed = describeAllowed(p);
      notices.push({
        param: key,
        given: showGiven(raw),
        allowed,
        message: `"${key}" cannot be "${showGiven(raw)}": it must be ${allowed}. Using the default, ${formatValue(p, p.default)}.`,
      });
    }
  }
  return { state, notices };
}

/** The URL form of one value. */
export function formatValue(p: Param, v: unknown): string {
  switch (p.kind) {
    case 'bool':
      return v ? '1' : '0';
    case 'intList':
    case 'set':
      return (v as readonly (string | number)[]).join(',');
    default:
      return String(v);
  }
}

function equal(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

/** Serialises state to URL parameters, leaving out values equal to their defaults (short links). */
export function toSearchParams<S extends Schema>(schema: S, state: Partial<StateOf<S>>): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, p] of Object.entries(schema)) {
    const v = (state as Record<string, unknown>)[key];
    if (v === undefined || equal(v, p.default)) continue;
    out.set(key, formatValue(p, v));
  }
  return out;
}
