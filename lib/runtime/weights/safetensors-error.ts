/**
 * The one error a .safetensors file can raise, and the helpers that keep its message short.
 *
 * Every refusal is one line of at most ~200 characters that starts with the rule it breaks
 * (`rule: …`), names the key, and shows the offending value shortened and escaped: a file can
 * hold a 100 kB key, a million-entry shape, control characters or bidi overrides, and none of
 * that may reach a notice verbatim. Nothing here recurses into file content.
 */

/** The format rules a file can break, one id each (stable: tests and callers match on them). */
export type SafetensorsRule =
  | 'too-short'
  | 'header-too-large'
  | 'header-truncated'
  | 'header-utf8'
  | 'header-start'
  | 'header-json'
  | 'header-depth'
  | 'header-padding'
  | 'duplicate-key'
  | 'metadata'
  | 'entry'
  | 'dtype'
  | 'shape'
  | 'data-offsets'
  | 'tensor-size'
  | 'overlap'
  | 'hole'
  | 'trailing-bytes'
  | 'data-truncated';

/** Longest message a refusal may have (the "about 200 characters"). */
export const MAX_MESSAGE_CHARS = 200;

export class SafetensorsError extends Error {
  readonly rule: SafetensorsRule;
  /** The tensor (or metadata) key involved, when there is one (raw: for code, not for notices). */
  readonly key?: string;
  constructor(rule: SafetensorsRule, detail: string, key?: string) {
    super(clip(`${rule}: ${detail}`, MAX_MESSAGE_CHARS));
    this.name = 'SafetensorsError';
    this.rule = rule;
    this.key = key;
  }
  /** Older name of `rule`, kept for callers that match on it. */
  get code(): SafetensorsRule {
    return this.rule;
  }
}

/** Characters that must never reach a notice raw: C0/C1 controls, bidi, zero-width, separators. */
const UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function escapeChar(c: string): string {
  switch (c) {
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    default:
      return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  }
}

/** Cut to `max` characters (surrogate pairs kept whole), marking the cut with "…". */
function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max - 1;
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return `${s.slice(0, end)}…`;
}

/**
 * A string from a file, quoted, escaped and at most about `max` characters (+ its length when
 * cut), safe to put in a one-line notice.
 */
export function quote(s: string, max = 48): string {
  let e = (s.length > max ? s.slice(0, max) : s).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(UNSAFE, escapeChar);
  const cut = s.length > max || e.length > max + 12;
  if (e.length > max + 12) e = e.slice(0, max + 12);
  return cut ? `"${e}…" (${s.length} chars)` : `"${e}"`;
}

const UNSAFE_ONE = new RegExp(UNSAFE.source);

/** `s` as is when it is short and plain (no control, bidi or invisible characters), else quote(s). */
export function plain(s: string, max = 80): string {
  return s.length <= max && !UNSAFE_ONE.test(s) ? s : quote(s, max);
}
