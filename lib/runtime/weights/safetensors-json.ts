/**
 * A strict JSON reader for safetensors headers, written for hostile input:
 *
 *  - no recursion: nesting lives on an explicit stack capped at MAX_JSON_DEPTH, so a header of
 *    100 MB of `[` costs an error, not the call stack (serde_json, behind the reference reader,
 *    caps it at 128);
 *  - duplicate keys are refused in every object as they are read (JSON.parse keeps the last one
 *    silently; the format forbids duplicates);
 *  - objects are Maps (no prototype: a key "__proto__" or "toString" is just a key);
 *  - numbers keep their source text, so `4.0` and `2592e0` can be told apart from `4` and `2592`;
 *  - lone UTF-16 surrogates in escapes are refused, as serde_json does for strings.
 *
 * It returns the value and where it ended; what may follow (only spaces) is the caller's rule.
 * Grammar: RFC 8259.
 */
import { SafetensorsError, quote } from './safetensors-error';

/** A JSON number, as written in the file. */
export class JsonNumber {
  constructor(readonly raw: string) {}
}

export type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | JsonObject;
export type JsonObject = Map<string, JsonValue>;

/** Deeper than any header needs (3: header → entry → shape), shallower than any stack. */
export const MAX_JSON_DEPTH = 64;

type Frame = { readonly obj: JsonObject; key: string | null; readonly top: string | null } | { readonly arr: JsonValue[]; readonly top: string | null };

const WS = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

function show(c: string | undefined): string {
  return c === undefined ? 'the end of the header' : quote(c);
}

/** Parses the JSON value starting at `s[0]`. Throws SafetensorsError (header-json, header-depth, duplicate-key). */
export function parseHeaderJson(s: string): { value: JsonValue; end: number } {
  let i = 0;
  const stack: Frame[] = [];
  const fail = (what: string): never => {
    throw new SafetensorsError('header-json', `${what} at character ${i} of the header`);
  };
  const where = () => {
    const top = stack.length ? stack[stack.length - 1].top : null;
    return top === null ? '' : ` in ${quote(top)}`;
  };
  const skipWs = () => {
    while (i < s.length && WS(s.charCodeAt(i))) i++;
  };

  const readString = (): string => {
    // s[i] is the opening quote.
    i++;
    let out = '';
    let from = i;
    for (;;) {
      if (i >= s.length) fail('unterminated string');
      const c = s.charCodeAt(i);
      if (c === 0x22) {
        out += s.slice(from, i);
        i++;
        return out;
      }
      if (c < 0x20) fail(`raw control character U+${c.toString(16).padStart(4, '0')} in a string`);
      if (c !== 0x5c) {
        i++;
        continue;
      }
      out += s.slice(from, i);
      const e = s[i + 1];
      i += 2;
      switch (e) {
        case '"':
        case '\\':
        case '/':
          out += e;
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          const u = hex4(s, i);
          if (u < 0) fail('bad \\u escape');
          i += 4;
          if (u >= 0xdc00 && u <= 0xdfff) fail('lone low surrogate in a \\u escape');
          if (u >= 0xd800 && u <= 0xdbff) {
            const lo = s[i] === '\\' && s[i + 1] === 'u' ? hex4(s, i + 2) : -1;
            if (lo < 0xdc00 || lo > 0xdfff) fail('lone high surrogate in a \\u escape');
            i += 6;
            out += String.fromCharCode(u, lo);
          } else {
            out += String.fromCharCode(u);
          }
          break;
        }
        default:
          i--;
          fail(`bad escape \\${e === undefined ? '' : quote(e).slice(1, -1)}`);
      }
      from = i;
    }
  };

  const readNumber = (): JsonNumber => {
    const start = i;
    if (s[i] === '-') i++;
    if (s[i] === '0') i++;
    else if (isDigit(s, i)) while (isDigit(s, i)) i++;
    else fail('bad number');
    if (s[i] === '.') {
      i++;
      if (!isDigit(s, i)) fail('bad number');
      while (isDigit(s, i)) i++;
    }
    if (s[i] === 'e' || s[i] === 'E') {
      i++;
      if (s[i] === '+' || s[i] === '-') i++;
      if (!isDigit(s, i)) fail('bad number');
      while (isDigit(s, i)) i++;
    }
    return new JsonNumber(s.slice(start, i));
  };

  const literal = (word: string, v: JsonValue): JsonValue => {
    if (s.startsWith(word, i)) {
      i += word.length;
      return v;
    }
    return fail(`unexpected ${show(s[i])}`);
  };

  /** Opens a container or reads a scalar; returns the scalar, or undefined when a container opened. */
  const startValue = (top: string | null): JsonValue | undefined => {
    skipWs();
    const c = s[i];
    if (c === '{' || c === '[') {
      if (stack.length >= MAX_JSON_DEPTH) {
        throw new SafetensorsError('header-depth', `nesting deeper than ${MAX_JSON_DEPTH} levels at character ${i}${where()}`);
      }
      i++;
      stack.push(c === '{' ? { obj: new Map(), key: null, top } : { arr: [], top });
      return undefined;
    }
    if (c === '"') return readString();
    if (c === '-' || isDigit(s, i)) return readNumber();
    if (c === 't') return literal('true', true);
    if (c === 'f') return literal('false', false);
    if (c === 'n') return literal('null', null);
    return fail(`unexpected ${show(c)}, expected a value`);
  };

  // After '{' or ',' in an object: read `"key":` and remember the key. Returns false on '}'.
  const readKey = (f: { obj: JsonObject; key: string | null; top: string | null }, allowEnd: boolean): boolean => {
    skipWs();
    if (allowEnd && s[i] === '}') return false;
    if (s[i] !== '"') fail(`unexpected ${show(s[i])}, expected a key`);
    const key = readString();
    if (f.obj.has(key)) {
      const at = f.top === null ? `key ${quote(key)}` : `key ${quote(key)} in ${quote(f.top)}`;
      throw new SafetensorsError('duplicate-key', `${at} appears twice (JSON would silently keep the last)`, f.top ?? key);
    }
    skipWs();
    if (s[i] !== ':') fail(`unexpected ${show(s[i])}, expected ":"`);
    i++;
    f.key = key;
    return true;
  };

  let value: JsonValue | undefined = startValue(null);
  for (;;) {
    // Invariant: either `value` holds a finished value, or a container has just been opened.
    if (value === undefined) {
      const f = stack[stack.length - 1];
      if ('obj' in f) {
        if (!readKey(f, true)) {
          i++;
          stack.pop();
          value = f.obj;
          continue;
        }
        value = startValue(f.top ?? f.key);
      } else {
        skipWs();
        if (s[i] === ']') {
          i++;
          stack.pop();
          value = f.arr;
          continue;
        }
        value = startValue(f.top);
      }
      continue;
    }
    if (stack.length === 0) return { value, end: i };
    // Attach the finished value to its parent, then expect ',' or the parent's close.
    const f = stack[stack.length - 1];
    if ('obj' in f) f.obj.set(f.key as string, value);
    else f.arr.push(value);
    skipWs();
    const c = s[i];
    const close = 'obj' in f ? '}' : ']';
    if (c === close) {
      i++;
      stack.pop();
      value = 'obj' in f ? f.obj : f.arr;
      continue;
    }
    if (c !== ',') fail(`unexpected ${show(c)}, expected "," or "${close}"`);
    i++;
    if ('obj' in f) {
      readKey(f, false);
      value = startValue(f.top ?? f.key);
    } else {
      value = startValue(f.top);
    }
  }
}

function isDigit(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 0x30 && c <= 0x39;
}

function hex4(s: string, i: number): number {
  if (i + 4 > s.length) return -1;
  const h = s.slice(i, i + 4);
  return /^[0-9a-fA-F]{4}$/.test(h) ? parseInt(h, 16) : -1;
}
