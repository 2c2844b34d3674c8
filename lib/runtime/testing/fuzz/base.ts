/**
 * The fuzz's base file and the helpers its mutations are made with (safetensors-fuzz.ts): a
 * model's seeded weights laid out like the reference writer does, header text assembled from
 * pieces so any piece can be swapped for raw text, and a seeded context shared by the classes.
 */
import type { Graph } from '../../../arch/ir';
import { type TensorRole, expectedTensors } from '../../weights/expected';
import { heInit, mulberry32 } from '../../weights/he-init';

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

export interface Tensor {
  readonly key: string;
  readonly dtype: string;
  readonly shape: readonly number[];
  readonly bytes: Uint8Array;
  readonly role: TensorRole;
}

/** One header entry as JSON text pieces, so a mutation can swap any piece for raw text. */
export interface EntryText {
  key: string;
  dtype: string;
  shape: string;
  offsets: string;
  extra: string;
  /** Replaces the whole value `{…}` when set. */
  value?: string;
}

export const enc = new TextEncoder();
export const j = (v: unknown) => JSON.stringify(v);
export const shapeText = (s: readonly number[]) => `[${s.join(',')}]`;

/** The base file's tensors (F32 weights from heInit, I64 zero counters), in torchvision order. */
export function baseTensors(graph: Graph, seed: number): Tensor[] {
  const sd = heInit(graph, seed);
  return expectedTensors(graph).map((e) => {
    if (e.role === 'num_batches_tracked') return { key: e.key, dtype: 'I64', shape: e.shape, bytes: new Uint8Array(8), role: e.role };
    const t = sd.get(e.key)!;
    return {
      key: e.key,
      dtype: 'F32',
      shape: t.shape,
      bytes: new Uint8Array(t.data.buffer.slice(t.data.byteOffset, t.data.byteOffset + t.data.byteLength)),
      role: e.role,
    };
  });
}

/** Header entries and the data region for tensors laid out in `order` (default: as listed). */
export function layout(tensors: readonly Tensor[], order?: readonly number[]): { entries: EntryText[]; data: Uint8Array; begins: number[] } {
  const idx = order ?? tensors.map((_, i) => i);
  const begins = new Array<number>(tensors.length);
  let at = 0;
  for (const i of idx) {
    begins[i] = at;
    at += tensors[i].bytes.length;
  }
  const data = new Uint8Array(at);
  for (const i of idx) data.set(tensors[i].bytes, begins[i]);
  const entries = tensors.map((t, i) => ({
    key: j(t.key),
    dtype: j(t.dtype),
    shape: shapeText(t.shape),
    offsets: `[${begins[i]},${begins[i] + t.bytes.length}]`,
    extra: '',
  }));
  return { entries, data, begins };
}

export function headerText(entries: readonly EntryText[], metadata: string | null = j({ format: 'pt' }), metaLast = false): string {
  const items = entries.map((e) => `${e.key}:${e.value ?? `{"dtype":${e.dtype},"shape":${e.shape},"data_offsets":${e.offsets}${e.extra}}`}`);
  const meta = metadata === null ? [] : [`"__metadata__":${metadata}`];
  return `{${(metaLast ? [...items, ...meta] : [...meta, ...items]).join(',')}}`;
}

export interface FileOptions {
  /** Padding after the JSON; default spaces up to an 8-byte boundary. */
  readonly pad?: string;
  /** Header length to write instead of the true one. */
  readonly n?: number;
}

export function fileOf(header: string | Uint8Array, data: Uint8Array, o: FileOptions = {}): Uint8Array {
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

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Everything a class of mutations draws on: the base file, its tensors by role, seeded choices. */
export interface FuzzContext {
  readonly rng: () => number;
  /** A uniform integer in [lo, hi]. */
  readonly int: (lo: number, hi: number) => number;
  readonly pick: <T>(a: readonly T[]) => T;
  readonly tensors: readonly Tensor[];
  readonly base: { readonly entries: readonly EntryText[]; readonly data: Uint8Array; readonly begins: readonly number[] };
  readonly baseHeader: string;
  readonly baseFile: Uint8Array;
  /** N of the base file (JSON + padding). */
  readonly headerBytes: number;
  /** Indices of F32 tensors; of those ≥ 64 bytes; of running variances; of num_batches_tracked. */
  readonly floats: readonly number[];
  readonly big: readonly number[];
  readonly vars: readonly number[];
  readonly counters: readonly number[];
  /** A copy of the base header's entries, to edit. */
  readonly fresh: () => EntryText[];
  /** The base data with edited header entries. */
  readonly withEntries: (entries: EntryText[], o?: FileOptions, meta?: string | null) => Uint8Array;
  readonly mk: (cls: FuzzClass, name: string, expect: Expect, bytes: Uint8Array) => Mutation;
  /** The base tensors with some replaced (keys, dtypes, shapes, bytes), laid out afresh. */
  readonly rebuilt: (edit: (ts: Tensor[]) => Tensor[], meta?: string | null) => Uint8Array;
  readonly floatBytes: (vals: Float32Array) => Uint8Array;
  /** The base file with tensor i's float32 values edited. */
  readonly withValues: (i: number, set: (f: Float32Array) => void) => Uint8Array;
}

export type Variants = readonly (() => Mutation)[];

/** The base file of `graph` (heInit seed 0) and a context seeded with `seed`. */
export function fuzzContext(graph: Graph, seed: number): FuzzContext {
  const tensors = baseTensors(graph, 0);
  const base = layout(tensors);
  const baseHeader = headerText(base.entries);
  const baseFile = fileOf(baseHeader, base.data);
  const headerBytes = enc.encode(baseHeader).length + ((8 - ((8 + enc.encode(baseHeader).length) % 8)) % 8);
  const floats = tensors.map((t, i) => i).filter((i) => tensors[i].dtype === 'F32');
  const big = floats.filter((i) => tensors[i].bytes.length >= 64);
  const vars = tensors.map((t, i) => i).filter((i) => tensors[i].role === 'running_var');
  const counters = tensors.map((t, i) => i).filter((i) => tensors[i].role === 'num_batches_tracked');
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
  return {
    rng,
    int,
    pick,
    tensors,
    base,
    baseHeader,
    baseFile,
    headerBytes,
    floats,
    big,
    vars,
    counters,
    fresh,
    withEntries,
    mk,
    rebuilt,
    floatBytes,
    withValues,
  };
}

/** float32 → binary16 bits, round to nearest even; an independent copy of the writer's, for the fuzz. */
export function halfBits(v: number): number {
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
