/**
 * A seeded generator of malformed (and some well-formed) variants of a real state_dict file, for
 * the fuzz test (lib/runtime/weights/safetensors-fuzz.test.ts) and scripts/fuzz-safetensors.ts.
 *
 * The base file is a model's seeded weights (heInit) in torchvision key order, num_batches_tracked
 * included as I64, written the way the reference writer lays files out. Every mutation is built
 * so its verdict is known by construction, never by asking a parser:
 *
 *   invalid  the file breaks a rule of the format: every reader must refuse it
 *   misfit   a well-formed file that does not fit the model (key, shape, integer dtype)
 *   values   a well-formed, fitting file with NaN/Inf or a negative running variance
 *   valid    a well-formed, fitting file with usable values: it must load
 *
 * Framework-free (no tfjs, no parser): the same mutations can be fed to any parser.
 */
import type { Graph } from '../../arch/ir';
import { type TensorRole, expectedTensors } from '../weights/expected';
import { mulberry32 } from '../weights/he-init';
import { heInit } from '../weights/he-init';

export type Expect = 'invalid' | 'misfit' | 'values' | 'valid';

export const FUZZ_CLASSES = ['truncation', 'header length', 'header JSON', 'offsets', 'dtypes', 'shapes', 'keys', 'metadata', 'values', 'garbage'] as const;
export type FuzzClass = (typeof FUZZ_CLASSES)[number];

export interface Mutation {
  readonly cls: FuzzClass;
  /** What was done, e.g. "dtype toString on features.1.weight". */
  readonly name: string;
  readonly expect: Expect;
  readonly bytes: Uint8Array;
}

interface Tensor {
  readonly key: string;
  readonly dtype: string;
  readonly shape: readonly number[];
  readonly bytes: Uint8Array;
  readonly role: TensorRole;
}

/** One header entry as JSON text pieces, so a mutation can swap any piece for raw text. */
interface EntryText {
  key: string;
  dtype: string;
  shape: string;
  offsets: string;
  extra: string;
  /** Replaces the whole value `{…}` when set. */
  value?: string;
}

const enc = new TextEncoder();
const j = (v: unknown) => JSON.stringify(v);
const shapeText = (s: readonly number[]) => `[${s.join(',')}]`;

/** The base file's tensors (F32 weights from heInit, I64 zero counters), in torchvision order. */
function baseTensors(graph: Graph, seed: number): Tensor[] {
  const sd = heInit(graph, seed);
  return expectedTensors(graph).map((e) => {
    if (e.role === 'num_batches_tracked') return { key: e.key, dtype: 'I64', shape: e.shape, bytes: new Uint8Array(8), role: e.role };
    const t = sd.get(e.key)!;
    return { key: e.key, dtype: 'F32', shape: t.shape, bytes: new Uint8Array(t.data.buffer.slice(t.data.byteOffset, t.data.byteOffset + t.data.byteLength)), role: e.role };
  });
}

/** Header entries and the data region for tensors laid out in `order` (default: as listed). */
function layout(tensors: readonly Tensor[], order?: readonly number[]): { entries: EntryText[]; data: Uint8Array; begins: number[] } {
  const idx = order ?? tensors.map((_, i) => i);
  const begins = new Array<number>(tensors.length);
  let at = 0;
  for (const i of idx) {
    begins[i] = at;
    at += tensors[i].bytes.length;
  }
  const data = new Uint8Array(at);
  for (const i of idx) data.set(tensors[i].bytes, begins[i]);
  const entries = tensors.map((t, i) => ({ key: j(t.key), dtype: j(t.dtype), shape: shapeText(t.shape), offsets: `[${begins[i]},${begins[i] + t.bytes.length}]`, extra: '' }));
  return { entries, data, begins };
}

function headerText(entries: readonly EntryText[], metadata: string | null = j({ format: 'pt' }), metaLast = false): string {
  const items = entries.map((e) => `${e.key}:${e.value ?? `{"dtype":${e.dtype},"shape":${e.shape},"data_offsets":${e.offsets}${e.extra}}`}`);
  const meta = metadata === null ? [] : [`"__metadata__":${metadata}`];
  return `{${(metaLast ? [...items, ...meta] : [...meta, ...items]).join(',')}}`;
}

interface FileOptions {
  /** Padding after the JSON; default spaces up to an 8-byte boundary. */
  readonly pad?: string;
  /** Header length to write instead of the true one. */
  readonly n?: number;
}

function fileOf(header: string | Uint8Array, data: Uint8Array, o: FileOptions = {}): Uint8Array {
  const h0 = typeof header === 'string' ? enc.encode(header) : header;
  const pad = enc.encode(o.pad ?? ' '.repeat((8 - ((8 + h0.length) % 8)) % 8));
  const hlen = h0.length + pad.length;
  const out = new Uint8Array(8 + hlen + data.length);
  const dv = new DataView(out.buffer);
  const n = o.n ?? hlen;
  dv.setUint32(0, n % 4294967296, true);
  dv.setUint32(4, Math.floor(n / 4294967296), true);
  out.set(h0, 8);
  out.set(pad, 8 + h0.length);
  out.set(data, 8 + hlen);
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const PROTO_NAMES = ['toString', 'hasOwnProperty', '__proto__', 'constructor', 'valueOf', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__defineGetter__', '__lookupSetter__'];
const BAD_DTYPES = ['f32', 'F32 ', ' F32', 'float32', '', 'U4', 'F8_E8M0', 'C64', 'F4', 'F6_E2M3', 'I4', 'FP32', 'F 32', 'F32\u0000', 'F\u202e23'];
const BAD_DTYPE_VALUES = ['32', 'null', '["F32"]', '{"F32":1}', 'true', '4.0'];
const HOSTILE_KEYS = ['', '__proto__', 'constructor', 'toString', '__metadata', 'a\u0000b', 'line\nbreak', 'bidi\u202eevil\u202c', 'zero\u200bwidth', '\ud83d\ude00 emoji', 'x'.repeat(100_000), 'a\\"b'];

/** Builds every class's mutations for one base file. `perClass` ≥ 100 gives the issue's 1,000. */
export function fuzzMutations(graph: Graph, opts: { seed?: number; perClass?: number } = {}): { base: Uint8Array; mutations: () => Generator<Mutation> } {
  const seed = opts.seed ?? 1;
  const perClass = opts.perClass ?? 110;
  const tensors = baseTensors(graph, 0);
  const base = layout(tensors);
  const baseHeader = headerText(base.entries);
  const baseFile = fileOf(baseHeader, base.data);
  const headerBytes = enc.encode(baseHeader).length + ((8 - ((8 + enc.encode(baseHeader).length) % 8)) % 8);
  const floats = tensors.map((t, i) => i).filter((i) => tensors[i].dtype === 'F32');
  const big = floats.filter((i) => tensors[i].bytes.length >= 64);
  const vars = tensors.map((t, i) => i).filter((i) => tensors[i].role === 'running_var');
  const counters = tensors.map((t, i) => i).filter((i) => tensors[i].role === 'num_batches_tracked');

  function* gen(): Generator<Mutation> {
    const rng = mulberry32(seed);
    const int = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
    const pick = <T>(a: readonly T[]): T => a[Math.floor(rng() * a.length)];
    const fresh = () => base.entries.map((e) => ({ ...e }));
    const withEntries = (entries: EntryText[], o?: FileOptions, meta?: string | null) => fileOf(headerText(entries, meta), base.data, o);
    const mk = (cls: FuzzClass, name: string, expect: Expect, bytes: Uint8Array): Mutation => ({ cls, name, expect, bytes });

    /** The base tensors with some replaced (keys, dtypes, shapes, bytes), laid out afresh. */
    const rebuilt = (edit: (ts: Tensor[]) => Tensor[], meta?: string | null) => {
      const ts = edit([...tensors]);
      const l = layout(ts);
      return fileOf(headerText(l.entries, meta), l.data);
    };
    const floatBytes = (vals: Float32Array) => new Uint8Array(vals.buffer);
    const withValues = (i: number, set: (f: Float32Array) => void) =>
      rebuilt((ts) => {
        const f = new Float32Array(ts[i].bytes.slice().buffer);
        set(f);
        ts[i] = { ...ts[i], bytes: floatBytes(f) };
        return ts;
      });

    const classes: Record<FuzzClass, readonly (() => Mutation)[]> = {
      truncation: [
        () => mk('truncation', 'cut inside the length field', 'invalid', baseFile.slice(0, int(0, 7))),
        () => mk('truncation', 'cut inside the header', 'invalid', baseFile.slice(0, int(8, 8 + headerBytes - 1))),
        () => mk('truncation', 'cut inside the data', 'invalid', baseFile.slice(0, int(8 + headerBytes, baseFile.length - 1))),
        () => mk('truncation', 'last byte missing', 'invalid', baseFile.slice(0, baseFile.length - 1)),
        () => mk('truncation', 'last float missing', 'invalid', baseFile.slice(0, baseFile.length - 4)),
        () => {
          const i = int(0, tensors.length - 2);
          return mk('truncation', `cut after tensor ${i}`, 'invalid', baseFile.slice(0, 8 + headerBytes + base.begins[i] + tensors[i].bytes.length));
        },
      ],
      'header length': [
        () => {
          const d = pick([-8, -7, -6, -5, -4, -3, -2, -1, 1, 2, 3, 4, 5, 6, 7, 8]);
          return mk('header length', `N ${d > 0 ? '+' : ''}${d}`, 'invalid', fileOf(baseHeader, base.data, { n: headerBytes + d }));
        },
        () => mk('header length', 'N = 0', 'invalid', fileOf(baseHeader, base.data, { n: 0 })),
        () => mk('header length', 'N + 2^32', 'invalid', fileOf(baseHeader, base.data, { n: headerBytes + 4294967296 })),
        () => mk('header length', 'N = 100,000,001', 'invalid', fileOf(baseHeader, base.data, { n: 100_000_001 })),
        () => mk('header length', 'N = whole file', 'invalid', fileOf(baseHeader, base.data, { n: headerBytes + base.data.length })),
        () => mk('header length', 'N random huge', 'invalid', fileOf(baseHeader, base.data, { n: int(1, 2 ** 21) * 2 ** 32 + int(0, 2 ** 32 - 1) })),
        () => mk('header length', 'N a little short, padding kept', 'invalid', fileOf(baseHeader, base.data, { n: headerBytes - int(1, 16) })),
      ],
      'header JSON': [
        () => mk('header JSON', 'BOM before {', 'invalid', fileOf(concat(new Uint8Array([0xef, 0xbb, 0xbf]), enc.encode(baseHeader)), base.data)),
        () => mk('header JSON', 'whitespace before {', 'invalid', fileOf(pick([' ', '\n', '\t', '\r\n']) + baseHeader, base.data)),
        () => {
          const c = pick(['\t', '\n', '\r', '\u0000', 'x', '}', ',', '\u00a0', '\u3000']);
          return mk('header JSON', `padding with U+${c.charCodeAt(0).toString(16).padStart(4, '0')}`, 'invalid', fileOf(baseHeader, base.data, { pad: c + ' '.repeat(int(0, 9)) }));
        },
        () => {
          const pos = [...baseHeader].flatMap((c, i) => ('{}[]:"'.includes(c) ? [i] : []));
          const at = pick(pos);
          return mk('header JSON', `structural ${baseHeader[at]} deleted at ${at}`, 'invalid', fileOf(baseHeader.slice(0, at) + baseHeader.slice(at + 1), base.data));
        },
        () => {
          const at = int(1, baseHeader.length - 2);
          return mk('header JSON', `JSON cut at ${at}`, 'invalid', fileOf(baseHeader.slice(0, at), base.data));
        },
        () => mk('header JSON', 'root not an object', 'invalid', fileOf(pick(['[1,2]', '"x"', '1', 'null', 'true', `[${baseHeader}]`]), base.data)),
        () => mk('header JSON', 'garbage after the root', 'invalid', fileOf(baseHeader + pick(['{}', ',', '}', ' x', '\u0000', '[]']), base.data)),
        () => {
          const d = pick([63, 64, 100, 1000, 100_000, 1_000_000]);
          const e = fresh();
          e[int(0, e.length - 1)].extra = `,"note":${'['.repeat(d)}${']'.repeat(d)}`;
          return mk('header JSON', `nesting ${d + 2} deep in an unknown field`, 'invalid', withEntries(e));
        },
        () => {
          const d = int(1, 60);
          const e = fresh();
          e[int(0, e.length - 1)].extra = `,"note":${'[{"a":'.repeat(d / 2)}1${'}]'.repeat(d / 2)}`;
          return mk('header JSON', `unknown field ${d} deep (ignored, as the reference reader does)`, 'valid', withEntries(e));
        },
        () => mk('header JSON', 'lone surrogate escape', 'invalid', withEntries(fresh(), {}, pick(['{"a":"\\ud800"}', '{"\\udc00":"b"}', '{"a":"\\ud800\\u0041"}']))),
        () => mk('header JSON', 'raw control character in a string', 'invalid', withEntries(fresh(), {}, `{"a":"x${String.fromCharCode(int(0, 31))}y"}`)),
        () => mk('header JSON', 'bad escape', 'invalid', withEntries(fresh(), {}, pick(['{"a":"\\x41"}', '{"a":"\\u12"}', '{"a":"\\"}', "{'a':'b'}"]))),
        () => {
          const h = enc.encode(headerText(fresh(), '{"a":"__"}'));
          const at = new TextDecoder().decode(h).indexOf('"__"') + 1;
          h[at] = pick([0xff, 0xc0, 0x80, 0xed]);
          return mk('header JSON', 'invalid UTF-8 in a string', 'invalid', fileOf(h, base.data));
        },
        () => {
          const e = fresh();
          const i = pick(floats);
          e[i].shape = e[i].shape.replace(/\d+/, (d) => `0${d}`);
          return mk('header JSON', 'number with a leading zero', 'invalid', withEntries(e));
        },
        () => mk('header JSON', 'not JSON at all', 'invalid', withEntries(fresh(), {}, pick(['/* c */{}', '{a:1}', 'NaN', '{"a":Infinity}', '{"a":"b",}']))),
        () => mk('header JSON', 'pretty-printed', 'valid', fileOf(JSON.stringify(JSON.parse(baseHeader), null, pick([1, 2, '\t'])), base.data)),
        () => {
          const ws = () => pick([' ', '\n', '\t', '\r', '  \n\t']);
          // Inside the root only: before "{" and after "}" whitespace is not allowed.
          const h = `{${baseHeader.slice(1, -1).replace(/[,:[\]{}]/g, (c) => (rng() < 0.3 ? ws() + c + ws() : c))}}`;
          return mk('header JSON', 'whitespace between tokens', 'valid', fileOf(h, base.data));
        },
        () => mk('header JSON', 'no padding', 'valid', fileOf(baseHeader, base.data, { pad: '' })),
        () => mk('header JSON', 'extra padding', 'valid', fileOf(baseHeader, base.data, { pad: ' '.repeat(int(1, 4096)) })),
        () => {
          const e = fresh();
          const i = int(0, e.length - 1);
          e[i].key = [...tensors[i].key].map((c) => (rng() < 0.5 ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c)).join('');
          e[i].key = `"${e[i].key}"`;
          return mk('header JSON', 'key written with \\u escapes', 'valid', withEntries(e));
        },
      ],
      offsets: [
        () => {
          const e = fresh();
          const i = int(0, e.length - 1);
          const k = pick([-16, -8, -4, -1, 1, 4, 8, 16]);
          const b = base.begins[i] + k;
          if (b < 0) return mk('offsets', 'tensor 0 shifted back (negative)', 'invalid', withEntries(e.map((x, n) => (n === 0 ? { ...x, offsets: `[${b},${b + tensors[0].bytes.length}]` } : x))));
          e[i].offsets = `[${b},${b + tensors[i].bytes.length}]`;
          return mk('offsets', `tensor ${i} shifted by ${k}`, 'invalid', withEntries(e));
        },
        () => {
          const e = fresh();
          const i = pick(floats);
          e[i].offsets = `[${base.begins[i] + tensors[i].bytes.length},${base.begins[i]}]`;
          return mk('offsets', 'begin and end swapped', 'invalid', withEntries(e));
        },
        () => {
          const e = fresh();
          const i = int(0, e.length - 1);
          const b = base.begins[i];
          const en = b + tensors[i].bytes.length;
          e[i].offsets = pick([`[${b}]`, `[${b},${en},${en}]`, '[]', `["${b}","${en}"]`, `[${b}.0,${en}.0]`, `[${b}e0,${en}e0]`, `[${b},${en}.5]`, `[-0,${en}]`, `[${b},9007199254740993]`, 'null', `{"begin":${b},"end":${en}}`, `[${b},null]`, `[[${b}],[${en}]]`]);
          if (e[i].offsets === `[-0,${en}]` && b !== 0) e[i].offsets = `[-${b},${en}]`;
          return mk('offsets', `offsets written as ${e[i].offsets.slice(0, 30)}`, 'invalid', withEntries(e));
        },
        () => {
          // The issue's hidden overlap: tensor i moved 4 bytes into its predecessor, behind a zero-length entry.
          const e = fresh();
          const i = pick(big.filter((x) => x > 0));
          const b = base.begins[i] - 4;
          e[i].offsets = `[${b},${b + tensors[i].bytes.length}]`;
          e.push({ key: j('extra.num_batches_tracked'), dtype: '"I64"', shape: '[0]', offsets: `[${b},${b}]`, extra: '' });
          return mk('offsets', 'overlap behind a zero-length entry', 'invalid', withEntries(e));
        },
        () => {
          // A zero-length entry inside another tensor's bytes.
          const e = fresh();
          const i = pick(big);
          const b = base.begins[i] + 4 * int(1, tensors[i].bytes.length / 4 - 1);
          e.push({ key: j('extra.num_batches_tracked'), dtype: '"I64"', shape: '[0]', offsets: `[${b},${b}]`, extra: '' });
          return mk('offsets', 'zero-length entry inside a tensor', 'invalid', withEntries(e));
        },
        () => {
          const e = fresh();
          const i = int(0, e.length - 1);
          const k = int(1, 64);
          for (let n = 0; n < e.length; n++) if (base.begins[n] > base.begins[i]) e[n].offsets = `[${base.begins[n] + k},${base.begins[n] + k + tensors[n].bytes.length}]`;
          const at = base.begins[i] + tensors[i].bytes.length;
          const data = concat(base.data.subarray(0, at), new Uint8Array(k), base.data.subarray(at));
          return mk('offsets', `hole of ${k} bytes after tensor ${i}`, 'invalid', fileOf(headerText(e), data));
        },
        () => mk('offsets', 'bytes after the last tensor', 'invalid', fileOf(baseHeader, concat(base.data, new Uint8Array(int(1, 64)).map(() => int(0, 255))))),
        () => {
          const e = fresh();
          const i = pick(floats);
          e[i].offsets = `[${base.begins[i]},${base.begins[i]}]`;
          return mk('offsets', 'empty range for a non-empty tensor', 'invalid', withEntries(e));
        },
        () => {
          const order = tensors.map((_, i) => i);
          for (let n = order.length - 1; n > 0; n--) {
            const m = int(0, n);
            [order[n], order[m]] = [order[m], order[n]];
          }
          const l = layout(tensors, order);
          return mk('offsets', 'data laid out in another order', 'valid', fileOf(headerText(l.entries), l.data));
        },
        () => {
          const e = fresh();
          for (let n = e.length - 1; n > 0; n--) {
            const m = int(0, n);
            [e[n], e[m]] = [e[m], e[n]];
          }
          return mk('offsets', 'header entries in another order', 'valid', withEntries(e));
        },
        () => {
          const e = fresh();
          const i = int(0, e.length - 1);
          const b = base.begins[i];
          e.push({ key: j('extra.num_batches_tracked'), dtype: '"I64"', shape: '[0]', offsets: `[${b},${b}]`, extra: '' });
          return mk('offsets', 'zero-length entry at a tensor boundary', 'valid', withEntries(e));
        },
        () => {
          const e = fresh();
          const i = int(0, e.length - 1);
          e[i].offsets = e[i].offsets.replace('[', '[ ').replace(',', ' , ').replace(']', ' ]');
          return mk('offsets', 'offsets with whitespace', 'valid', withEntries(e));
        },
      ],
      dtypes: [
        () => {
          const e = fresh();
          const i = pick(floats);
          const d = pick(PROTO_NAMES);
          e[i].dtype = j(d);
          return mk('dtypes', `dtype ${d}`, 'invalid', withEntries(e));
        },
        () => {
          const e = fresh();
          const i = pick(floats);
          const d = pick(BAD_DTYPES);
          e[i].dtype = j(d);
          return mk('dtypes', `dtype ${j(d)}`, 'invalid', withEntries(e));
        },
        () => {
          const e = fresh();
          const i = pick(floats);
          e[i].dtype = pick(BAD_DTYPE_VALUES);
          return mk('dtypes', `dtype written as ${e[i].dtype}`, 'invalid', withEntries(e));
        },
        () => {
          const e = fresh();
          const i = pick(floats);
          e[i].value = `{"shape":${e[i].shape},"data_offsets":${e[i].offsets}}`;
          return mk('dtypes', 'dtype missing', 'invalid', withEntries(e));
        },
        () => {
          const e = fresh();
          const i = pick(floats);
          const d = pick(['F16', 'BF16', 'F64', 'U8', 'I64', 'BOOL', 'F8_E4M3']);
          e[i].dtype = j(d);
          return mk('dtypes', `dtype ${d} with F32's byte range`, 'invalid', withEntries(e));
        },
        () => {
          const e = fresh();
          const i = pick(floats);
          const d = pick(['I32', 'U32']);
          e[i].dtype = j(d);
          return mk('dtypes', `dtype ${d} (same size, integers)`, 'misfit', withEntries(e));
        },
        () => {
          const e = fresh();
          const i = pick(floats);
          const d = pick(['U8', 'I8', 'BOOL', 'F8_E5M2', 'F8_E4M3']);
          e[i].dtype = j(d);
          e[i].shape = shapeText([...tensors[i].shape, 4]);
          return mk('dtypes', `dtype ${d} with shape × 4`, 'misfit', withEntries(e));
        },
        () => {
          const d = pick(['F16', 'BF16', 'F64'] as const);
          const i = pick(floats);
          return mk(
            'dtypes',
            `tensor ${i} stored as ${d}`,
            'valid',
            rebuilt((ts) => {
              const f = new Float32Array(ts[i].bytes.slice().buffer);
              const size = d === 'F64' ? 8 : 2;
              const out = new Uint8Array(f.length * size);
              const dv = new DataView(out.buffer);
              for (let n = 0; n < f.length; n++) {
                // BN variances are 1 and weights are small: all exactly or nearly representable.
                if (d === 'F64') dv.setFloat64(n * 8, f[n], true);
                else if (d === 'BF16') dv.setUint16(n * 2, new Uint32Array(new Float32Array([f[n]]).buffer)[0] >>> 16, true);
                else dv.setUint16(n * 2, halfBits(f[n]), true);
              }
              ts[i] = { ...ts[i], dtype: d, bytes: out };
              return ts;
            }),
          );
        },
      ],
      shapes: [
        () => {
          const e = fresh();
          const i = pick(floats);
          const s = [...tensors[i].shape];
          const d = int(0, Math.max(0, s.length - 1));
          const bad = pick([`-${s[d] ?? 1}`, `${s[d] ?? 1}.0`, `${s[d] ?? 1}e0`, `"${s[d] ?? 1}"`, 'null', `[${s[d] ?? 1}]`, 'true', '9007199254740993', '1e400']);
          e[i].shape = s.length ? `[${s.map((x, n) => (n === d ? bad : String(x))).join(',')}]` : `[${bad}]`;
          return mk('shapes', `dimension written as ${bad}`, 'invalid', withEntries(e));
        },
        () => {
          const e = fresh();
          const i = pick(floats);
          e[i].shape = pick([String(tensors[i].shape[0]), 'null', '"[24]"', '{}', `{"0":${tensors[i].shape[0]}}`]);
          return mk('shapes', `shape written as ${e[i].shape}`, 'invalid', withEntries(e));
        },
        () => {
          const e = fresh();
          const i = pick(floats);
          e[i].value = `{"dtype":"F32","data_offsets":${e[i].offsets}}`;
          return mk('shapes', 'shape missing', 'invalid', withEntries(e));
        },
        () => {
          // Deep nesting where the shape goes: the old reader's error message serialised it whole.
          const e = fresh();
          const i = pick(floats);
          const d = pick([100, 10_000, 200_000]);
          e[i].shape = `${'['.repeat(d)}1${']'.repeat(d)}`;
          return mk('shapes', `shape nested ${d} deep`, 'invalid', withEntries(e));
        },
        () => {
          const e = fresh();
          const i = pick(floats);
          const r = int(9, 16);
          e[i].shape = shapeText([...tensors[i].shape, ...new Array<number>(r - tensors[i].shape.length).fill(1)]);
          return mk('shapes', `rank ${r} (same element count)`, 'invalid', withEntries(e));
        },
        () => {
          const e = fresh();
          const i = pick(floats);
          const n = pick([10_000, 1_000_000]);
          e[i].shape = `[${new Array(n).fill(pick([0, 1])).join(',')}]`;
          return mk('shapes', `shape of ${n} entries`, 'invalid', withEntries(e));
        },
        () => {
          const e = fresh();
          const i = pick(floats);
          e[i].shape = pick(['[9007199254740991,2]', '[2147483648,2147483648,2147483648]', '[4294967296,4294967296]', '[9007199254740991]']);
          return mk('shapes', `huge shape ${e[i].shape}`, 'invalid', withEntries(e));
        },
        () => {
          const e = fresh();
          const i = pick(floats);
          const s = [...tensors[i].shape];
          const d = int(0, s.length - 1);
          s[d] = s[d] * pick([2, 3]) + pick([0, 1]);
          e[i].shape = shapeText(s);
          return mk('shapes', 'element count differs from the byte range', 'invalid', withEntries(e));
        },
        () => {
          const e = fresh();
          const i = pick(floats.filter((x) => tensors[x].bytes.length > 4));
          e[i].shape = '[]';
          return mk('shapes', 'scalar shape for a tensor', 'invalid', withEntries(e));
        },
        () => {
          const e = fresh();
          const i = pick(floats.filter((x) => tensors[x].shape.length > 2));
          const s = tensors[i].shape;
          e[i].shape = shapeText([s[0], s.slice(1).reduce((a, b) => a * b, 1)]);
          return mk('shapes', 'reshaped to 2-D (same bytes)', 'misfit', withEntries(e));
        },
        () => {
          const e = fresh();
          const i = pick(floats);
          e[i].shape = shapeText([...tensors[i].shape, ...new Array<number>(8 - tensors[i].shape.length).fill(1)]);
          return mk('shapes', 'rank 8 (the largest allowed)', 'misfit', withEntries(e));
        },
        () => {
          const e = fresh();
          const i = pick(floats);
          e[i].shape = e[i].shape.replace(/,/g, ' , ').replace('[', '[ ');
          return mk('shapes', 'shape with whitespace', 'valid', withEntries(e));
        },
      ],
      keys: [
        () => {
          const e = fresh();
          const a = int(0, e.length - 1);
          let b = int(0, e.length - 1);
          if (b === a) b = (a + 1) % e.length;
          e[b].key = e[a].key;
          return mk('keys', 'two tensors with one key', 'invalid', withEntries(e));
        },
        () => {
          const e = fresh();
          const a = int(0, e.length - 1);
          const dup = { ...e[a] };
          e.splice(int(0, e.length), 0, dup);
          return mk('keys', 'an entry repeated', 'invalid', withEntries(e));
        },
        () => {
          const e = fresh();
          const a = int(0, e.length - 1);
          let b = int(0, e.length - 1);
          if (b === a) b = (a + 1) % e.length;
          e[b].key = `"${[...tensors[a].key].map((c) => (c === '.' ? '\\u002e' : c)).join('')}"`;
          return mk('keys', 'duplicate key spelled with an escape', 'invalid', withEntries(e));
        },
        () => {
          const e = fresh();
          const i = int(0, e.length - 1);
          const f = pick(['dtype', 'shape', 'data_offsets']);
          e[i].extra = `,"${f}":${f === 'dtype' ? e[i].dtype : f === 'shape' ? e[i].shape : e[i].offsets}`;
          return mk('keys', `field ${f} twice`, 'invalid', withEntries(e));
        },
        () => {
          const e = fresh();
          const i = int(0, e.length - 1);
          e[i].value = pick(['1', '"x"', 'null', `[${e[i].dtype},${e[i].shape},${e[i].offsets}]`, 'true', '{}']);
          return mk('keys', `entry written as ${e[i].value.slice(0, 20)}`, 'invalid', withEntries(e));
        },
        () => {
          const e = fresh();
          const i = int(0, e.length - 1);
          e[i].key = tensors[i].key;
          return mk('keys', 'unquoted key', 'invalid', withEntries(e));
        },
        () => {
          const k = pick(HOSTILE_KEYS);
          const i = int(0, tensors.length - 1);
          return mk(
            'keys',
            `key renamed to ${j(k.slice(0, 12))}${k.length > 12 ? '…' : ''}`,
            'misfit',
            rebuilt((ts) => {
              ts[i] = { ...ts[i], key: k };
              return ts;
            }),
          );
        },
        () => {
          const i = pick(floats);
          const p = pick(['module.', 'model.', '_orig_mod.']);
          return mk(
            'keys',
            `prefix ${p}`,
            'misfit',
            rebuilt((ts) => ts.map((t, n) => (n === i || rng() < 0.5 ? { ...t, key: p + t.key } : t))),
          );
        },
        () => {
          const i = pick(floats);
          return mk(
            'keys',
            `tensor ${i} removed`,
            'misfit',
            rebuilt((ts) => ts.filter((_, n) => n !== i)),
          );
        },
        () =>
          mk(
            'keys',
            'an extra tensor',
            'misfit',
            rebuilt((ts) => [...ts, { key: pick(['extra.weight', 'fc2.bias', 'classifier.9.weight']), dtype: 'F32', shape: [3], bytes: new Uint8Array(12), role: 'weight' }]),
          ),
        () => {
          const i = pick(counters);
          return mk(
            'keys',
            'a num_batches_tracked removed',
            'valid',
            rebuilt((ts) => ts.filter((_, n) => n !== i)),
          );
        },
        () => {
          const groups = new Map<string, number[]>();
          floats.forEach((i) => groups.set(tensors[i].shape.join('x'), [...(groups.get(tensors[i].shape.join('x')) ?? []), i]));
          const pairs = [...groups.values()].filter((g) => g.length > 1);
          const g = pick(pairs);
          const a = g[0];
          const b = g[int(1, g.length - 1)];
          return mk(
            'keys',
            'two same-shape tensors swap names',
            'valid',
            rebuilt((ts) => {
              const [ka, kb] = [ts[a].key, ts[b].key];
              ts[a] = { ...ts[a], key: kb };
              ts[b] = { ...ts[b], key: ka };
              return ts;
            }),
          );
        },
      ],
      metadata: [
        () => mk('metadata', 'no metadata', 'valid', withEntries(fresh(), {}, null)),
        () => mk('metadata', 'empty metadata', 'valid', withEntries(fresh(), {}, '{}')),
        () => mk('metadata', 'unicode and escapes', 'valid', withEntries(fresh(), {}, j({ 'caf\u00e9': 'na\u00efve \ud83d\ude00', 'a"b': 'c\\d', nl: 'x\ny', bidi: '\u202eevil' }))),
        () => {
          const m: Record<string, string> = {};
          for (let n = 0; n < int(100, 2000); n++) m[`k${n}`] = `v${n}`;
          return mk('metadata', 'many entries', 'valid', withEntries(fresh(), {}, j(m)));
        },
        () => mk('metadata', 'a 100 kB value', 'valid', withEntries(fresh(), {}, j({ note: 'x'.repeat(100_000) }))),
        () => mk('metadata', 'prototype names as keys', 'valid', withEntries(fresh(), {}, '{"__proto__":"a","constructor":"b","toString":"c"}')),
        () => mk('metadata', 'metadata after the tensors', 'valid', fileOf(headerText(fresh(), j({ format: 'pt' }), true), base.data)),
        () => {
          const v = pick(['1', 'null', '{"a":"b"}', '["pt"]', 'true', '1.5', '[]']);
          return mk('metadata', `a value written as ${v}`, 'invalid', withEntries(fresh(), {}, `{"format":"pt","x":${v}}`));
        },
        () => {
          const v = pick(['[]', '["format","pt"]', '"pt"', '1', 'null', 'true', '[["format","pt"]]']);
          return mk('metadata', `metadata written as ${v}`, 'invalid', withEntries(fresh(), {}, v));
        },
        () => mk('metadata', 'a key twice in the metadata', 'invalid', withEntries(fresh(), {}, '{"format":"pt","format":"np"}')),
        () => mk('metadata', '__metadata__ twice', 'invalid', fileOf(headerText(fresh(), j({ format: 'pt' })).replace(/}$/, ',"__metadata__":{}}'), base.data)),
      ],
      values: [
        () => {
          const i = pick(floats);
          const v = pick([NaN, Infinity, -Infinity]);
          return mk(
            'values',
            `${v} in tensor ${i}`,
            'values',
            withValues(i, (f) => (f[int(0, f.length - 1)] = v)),
          );
        },
        () => {
          const i = pick(floats);
          const bits = pick([0x7fc00001, 0x7f800001, 0xffffffff, 0x7fbfffff]);
          return mk(
            'values',
            `NaN bits 0x${bits.toString(16)} in tensor ${i}`,
            'values',
            withValues(i, (f) => (new Uint32Array(f.buffer)[int(0, f.length - 1)] = bits)),
          );
        },
        () => {
          const ks = new Set(Array.from({ length: int(2, 20) }, () => pick(floats)));
          return mk(
            'values',
            `NaN in ${ks.size} tensors`,
            'values',
            rebuilt((ts) =>
              ts.map((t, n) => {
                if (!ks.has(n)) return t;
                const f = new Float32Array(t.bytes.slice().buffer);
                for (let m = 0; m < int(1, 5); m++) f[int(0, f.length - 1)] = NaN;
                return { ...t, bytes: floatBytes(f) };
              }),
            ),
          );
        },
        () => {
          const i = pick(vars);
          return mk(
            'values',
            `negative running_var in tensor ${i}`,
            'values',
            withValues(i, (f) => (f[int(0, f.length - 1)] = -pick([1e-6, 0.5, 3]))),
          );
        },
        () => {
          const i = pick(floats);
          return mk(
            'values',
            `all of tensor ${i} NaN`,
            'values',
            withValues(i, (f) => f.fill(NaN)),
          );
        },
        () => {
          const i = pick(floats.filter((x) => tensors[x].role !== 'running_var'));
          const v = pick([3.4e38, -3.4e38, 1e-45, -0, 0, 1e-38]);
          return mk(
            'values',
            `finite extreme ${v} in tensor ${i}`,
            'valid',
            withValues(i, (f) => (f[int(0, f.length - 1)] = v)),
          );
        },
        () => {
          const i = pick(vars);
          return mk(
            'values',
            `zero running_var in tensor ${i}`,
            'valid',
            withValues(i, (f) => (f[int(0, f.length - 1)] = 0)),
          );
        },
        () => {
          const i = pick(floats.filter((x) => tensors[x].role !== 'running_var'));
          return mk(
            'values',
            `negative values in tensor ${i} (not a variance)`,
            'valid',
            withValues(i, (f) => (f[int(0, f.length - 1)] = -1)),
          );
        },
        () => {
          const i = pick(floats);
          return mk(
            'values',
            `F16 infinity in tensor ${i}`,
            'values',
            rebuilt((ts) => {
              const f = new Float32Array(ts[i].bytes.slice().buffer);
              const out = new Uint8Array(f.length * 2);
              const dv = new DataView(out.buffer);
              for (let n = 0; n < f.length; n++) dv.setUint16(n * 2, halfBits(f[n]), true);
              dv.setUint16(2 * int(0, f.length - 1), pick([0x7c00, 0xfc00, 0x7e00]), true);
              ts[i] = { ...ts[i], dtype: 'F16', bytes: out };
              return ts;
            }),
          );
        },
      ],
      garbage: [
        () => {
          const b = new Uint8Array(int(0, 4096)).map(() => int(0, 255));
          if (b.length > 8 && b[8] === 0x7b) b[8] = 0;
          return mk('garbage', `${b.length} random bytes`, 'invalid', b);
        },
        () => {
          const body = new Uint8Array(int(16, 2048)).map(() => int(1, 255));
          body[0] = 0x7b;
          body[int(1, body.length - 1)] = 0;
          return mk('garbage', '{ then random bytes', 'invalid', fileOf(body, new Uint8Array(0), { pad: '' }));
        },
        () => {
          const magic = pick([
            [0x50, 0x4b, 0x03, 0x04],
            [0x80, 0x02, 0x8a, 0x0a],
            [0x1f, 0x8b, 0x08, 0x00],
            [0x89, 0x50, 0x4e, 0x47],
            [0x93, 0x4e, 0x55, 0x4d],
          ]);
          return mk('garbage', 'another format', 'invalid', concat(new Uint8Array(magic), new Uint8Array(int(0, 4096)).map(() => int(0, 255))));
        },
        () => mk('garbage', 'text', 'invalid', enc.encode(pick(['hello', 'version https://git-lfs.github.com/spec/v1\noid sha256:…', '<!DOCTYPE html><html>404</html>', '']))),
        () => mk('garbage', 'zero bytes', 'invalid', new Uint8Array(int(8, 64))),
        () => {
          const f = baseFile.slice();
          const at = int(8, 8 + headerBytes - 1);
          f.fill(0, at, Math.min(8 + headerBytes, at + int(1, 16)));
          return mk('garbage', 'NUL bytes over the header', 'invalid', f);
        },
        () => mk('garbage', 'file prefixed with 8 bytes', 'invalid', concat(new Uint8Array(8).map(() => int(0, 255)), baseFile)),
        () => mk('garbage', 'the file twice', 'invalid', concat(baseFile, baseFile)),
        () => {
          const h = baseHeader;
          const u16 = new Uint8Array(h.length * 2);
          for (let n = 0; n < h.length; n++) new DataView(u16.buffer).setUint16(n * 2, h.charCodeAt(n), true);
          return mk('garbage', 'header in UTF-16', 'invalid', fileOf(u16, base.data, { pad: '' }));
        },
      ],
    };

    for (const cls of FUZZ_CLASSES) {
      const variants = classes[cls];
      for (let n = 0; n < perClass; n++) yield variants[n % variants.length]();
    }
  }

  return { base: baseFile, mutations: gen };
}

/** float32 → binary16 bits, round to nearest even; an independent copy of the writer's, for the fuzz. */
function halfBits(v: number): number {
  const f = new Float32Array([v]);
  const x = new Uint32Array(f.buffer)[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  if (exp === 0xff) return sign | 0x7c00 | (x & 0x7fffff ? 0x200 : 0);
  const a = Math.abs(v);
  if (a >= 65520) return sign | 0x7c00;
  if (a < 2 ** -25) return sign;
  if (a < 2 ** -14) return sign | Math.round(a / 2 ** -24);
  const e = Math.floor(Math.log2(a));
  let m = Math.round((a / 2 ** e - 1) * 1024);
  let ee = e + 15;
  if (m === 1024) {
    m = 0;
    ee++;
  }
  return sign | (ee << 10) | m;
}
