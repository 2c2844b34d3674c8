/**
 * The safetensors rules one by one (each refusal: its rule, one short line naming the key and
 * value), the non-recursive JSON reader, value findings, and a seeded round-trip property test
 * of the writer (random dtypes, shapes and metadata → write → parse → identical).
 */
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../arch';
import { mulberry32 } from './he-init';
import { expectedTensors } from './expected';
import { readWeightsFile } from './read-weights';
import { DTYPES, MAX_HEADER_BYTES, SafetensorsError, type SafetensorsDtype, parseSafetensors, writeSafetensors } from './safetensors';
import { DTYPE_BYTES, FLOAT_DTYPES, decodeFloats, e4m3ToFloat, halfToFloat } from './safetensors-dtypes';
import { quote } from './safetensors-error';
import { MAX_JSON_DEPTH, parseHeaderJson } from './safetensors-json';
import { floatToBf16, floatToHalf } from './safetensors-writer';
import { findingLine, scanValues } from './value-scan';

const enc = new TextEncoder();

/** A file from raw header text (padded with spaces unless `pad` is given) and data bytes. */
function file(header: string, data: Uint8Array | number = 0, pad?: string): Uint8Array {
  const bytes = typeof data === 'number' ? new Uint8Array(data) : data;
  const h = enc.encode(header + (pad ?? ''));
  const out = new Uint8Array(8 + h.length + bytes.length);
  new DataView(out.buffer).setUint32(0, h.length, true);
  out.set(h, 8);
  out.set(bytes, 8 + h.length);
  return out;
}

function refusal(bytes: Uint8Array): SafetensorsError {
  try {
    parseSafetensors(bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(SafetensorsError);
    const err = e as SafetensorsError;
    expect(err.message.startsWith(`${err.rule}: `), err.message).toBe(true);
    expect(err.message.length).toBeLessThanOrEqual(200);
    expect(err.message).not.toMatch(/[\n\r\u202e\u0000]/);
    return err;
  }
  throw new Error('file was accepted');
}

const T = (dtype: string, shape: string, offsets: string) => `{"dtype":"${dtype}","shape":${shape},"data_offsets":${offsets}}`;

describe('safetensors rules', () => {
  it('byte-level: length field, header size, start, UTF-8, padding', () => {
    expect(refusal(new Uint8Array(7)).rule).toBe('too-short');
    const big = new Uint8Array(16);
    new DataView(big.buffer).setUint32(0, MAX_HEADER_BYTES + 1, true);
    expect(refusal(big).rule).toBe('header-too-large');
    expect(MAX_HEADER_BYTES).toBe(100_000_000);
    expect(refusal(file('{}').slice(0, 9)).rule).toBe('header-truncated');
    expect(refusal(file('')).message).toBe('header-start: the header must begin with "{", found an empty header');
    expect(refusal(file('\ufeff{}')).rule).toBe('header-start');
    expect(refusal(file(' {}')).rule).toBe('header-start');
    expect(refusal(file('[]')).rule).toBe('header-start');
    const bad = file('{"__metadata__":{"a":"xx"}}');
    bad[8 + 22] = 0xff;
    expect(refusal(bad).rule).toBe('header-utf8');
    expect(parseSafetensors(file('{}', 0, '       ')).tensors.size).toBe(0);
    for (const p of ['\t', '\n', '\r', '\u0000', 'x', '\u00a0']) expect(refusal(file('{}', 0, p)).rule).toBe('header-padding');
    // Whitespace inside the JSON is JSON's own business.
    expect(parseSafetensors(file(`{\n\t"a" :\r\n ${T('F32', '[ 1 ]', '[0 , 4]')} }`, 4)).tensors.get('a')!.shape).toEqual([1]);
  });

  it('JSON: strict grammar, no recursion, duplicates refused at every level', () => {
    expect(refusal(file('{"a":1,}')).rule).toBe('header-json');
    expect(refusal(file("{'a':1}")).rule).toBe('header-json');
    expect(refusal(file('{"a":NaN}')).rule).toBe('header-json');
    expect(refusal(file('{"a":"\\ud800"}')).message).toContain('lone high surrogate');
    expect(refusal(file('{"a":"\u0001"}')).message).toContain('raw control character U+0001');
    expect(refusal(file('{"__metadata__":{}} {}')).rule).toBe('header-padding');
    const deep = (d: number) => file(`{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4],"x":${'['.repeat(d)}${']'.repeat(d)}}}`, 4);
    expect(parseSafetensors(deep(MAX_JSON_DEPTH - 2)).tensors.size).toBe(1); // unknown fields are ignored, like the reference's serde
    expect(refusal(deep(MAX_JSON_DEPTH - 1)).rule).toBe('header-depth');
    expect(refusal(deep(1_000_000)).rule).toBe('header-depth');
    const dup = refusal(file(`{"a":${T('F32', '[1]', '[0,4]')},"a":${T('F32', '[1]', '[4,8]')}}`, 8));
    expect(dup.rule).toBe('duplicate-key');
    expect(dup.message).toBe('duplicate-key: key "a" appears twice (JSON would silently keep the last)');
    expect(refusal(file(`{"a.b":${T('F32', '[1]', '[0,4]')},"a\\u002eb":${T('F32', '[1]', '[4,8]')}}`, 8)).rule).toBe('duplicate-key');
    expect(refusal(file(`{"a":{"dtype":"F32","dtype":"F32","shape":[1],"data_offsets":[0,4]}}`, 4)).message).toContain('key "dtype" in "a"');
    expect(refusal(file('{"__metadata__":{"k":"1","k":"2"}}')).rule).toBe('duplicate-key');
    // Prototype names are plain keys.
    const f = parseSafetensors(file(`{"__proto__":${T('F32', '[1]', '[0,4]')},"toString":${T('F32', '[1]', '[4,8]')}}`, 8));
    expect([...f.tensors.keys()]).toEqual(['__proto__', 'toString']);
    const src = '{"a":[1.5e3,-0,true,null,"\\u00e9\\ud83d\\ude00"]}  ';
    const v = parseHeaderJson(src);
    expect(v.end).toBe(src.length - 2);
    expect((v.value as Map<string, unknown>).get('a')).toEqual([{ raw: '1.5e3' }, { raw: '-0' }, true, null, '\u00e9\ud83d\ude00']);
  });

  it('entries: dtype from the list, shape, offsets written as integers', () => {
    for (const d of ['toString', 'hasOwnProperty', '__proto__', 'constructor', 'f32', 'U4', 'C64', '']) {
      const e = refusal(file(`{"w":${T(d, '[1]', '[0,4]')}}`, 4));
      expect(e.rule).toBe('dtype');
      expect(e.key).toBe('w');
    }
    expect(refusal(file('{"w":{"shape":[1],"data_offsets":[0,4]}}', 4)).message).toMatch(/^dtype: tensor "w": dtype missing must be a dtype name/);
    expect(refusal(file(`{"w":${T('F32', '[-1]', '[0,4]')}}`, 4)).message).toBe('shape: tensor "w": dimension 0 is -1, not a non-negative integer');
    for (const s of ['[1.0]', '[1e0]', '["1"]', '[[1]]', '[null]', '1', '{}', '[9007199254740993]'])
      expect(refusal(file(`{"w":${T('F32', s, '[0,4]')}}`, 4)).rule).toBe('shape');
    expect(refusal(file(`{"w":${T('F32', '[1,1,1,1,1,1,1,1,1]', '[0,4]')}}`, 4)).message).toContain('rank 9 exceeds 8');
    const million = refusal(file(`{"w":${T('F32', `[${new Array(1_000_000).fill(1).join(',')}]`, '[0,4]')}}`, 4));
    expect(million.message).toBe('shape: tensor "w": rank 1000000 exceeds 8, shape [1, 1, 1, 1, … (1000000 items)]');
    expect(refusal(file(`{"w":${T('F32', '[4294967296,4294967296]', '[0,4]')}}`, 4)).message).toContain('more bytes than any file can');
    for (const o of ['[0]', '[0,4,4]', '[0.0,4.0]', '[0,4e0]', '["0","4"]', '[-0,4]', 'null', '[0,9007199254740993]']) {
      expect(refusal(file(`{"w":${T('F32', '[1]', o)}}`, 4)).rule).toBe('data-offsets');
    }
    expect(refusal(file(`{"w":${T('F32', '[1]', '[4,0]')}}`, 4)).message).toContain('begin after they end');
    expect(refusal(file(`{"w":${T('F32', '[2]', '[0,4]')}}`, 4)).message).toBe('tensor-size: tensor "w": F32 [2] needs 8 bytes, data_offsets [0, 4] give 4');
    expect(refusal(file('{"w":1}')).rule).toBe('entry');
    expect(refusal(file('{"w":[]}')).rule).toBe('entry');
  });

  it('layout: contiguous from 0, no hole, no overlap (zero-length entries included), nothing after', () => {
    expect(refusal(file(`{"a":${T('F32', '[1]', '[4,8]')}}`, 8)).message).toBe('hole: bytes [0, 4) at the start of the data belong to no tensor; next is "a"');
    expect(refusal(file(`{"a":${T('F32', '[1]', '[0,4]')},"b":${T('F32', '[1]', '[8,12]')}}`, 12)).rule).toBe('hole');
    expect(refusal(file(`{"a":${T('F32', '[2]', '[0,8]')},"b":${T('F32', '[2]', '[4,12]')}}`, 12)).rule).toBe('overlap');
    // The overlap the old neighbour check missed: hidden behind a zero-length entry.
    const hidden = `{"a":${T('F32', '[4]', '[0,16]')},"z":${T('F32', '[0]', '[8,8]')},"b":${T('F32', '[4]', '[8,24]')}}`;
    expect(refusal(file(hidden, 24)).message).toBe('overlap: tensor "z" [8, 8) overlaps "a" [0, 16)');
    // Zero-length entries at a boundary (or at 0, or at the end) are fine.
    const ok = `{"z0":${T('F32', '[0]', '[0,0]')},"a":${T('F32', '[1]', '[0,4]')},"z1":${T('I64', '[0,3]', '[4,4]')},"b":${T('F16', '[2]', '[4,8]')},"z2":${T('U8', '[0]', '[8,8]')}}`;
    expect([...parseSafetensors(file(ok, 8)).tensors.keys()]).toEqual(['z0', 'a', 'z1', 'b', 'z2']);
    expect(refusal(file(`{"a":${T('F32', '[1]', '[0,4]')}}`, 6)).message).toBe(
      'trailing-bytes: the data region has 6 bytes but the tensors end at byte 4; the rest belongs to no tensor',
    );
    expect(refusal(file('{}', 1)).rule).toBe('trailing-bytes');
    expect(refusal(file(`{"a":${T('F32', '[2]', '[0,8]')}}`, 5)).rule).toBe('data-truncated');
  });

  it('metadata maps strings to strings', () => {
    expect(parseSafetensors(file('{"__metadata__":{"format":"pt","__proto__":"x"}}')).metadata).toEqual(
      Object.fromEntries([
        ['format', 'pt'],
        ['__proto__', 'x'],
      ]),
    );
    for (const m of ['[]', '"pt"', 'null', '1', '{"a":1}', '{"a":null}', '{"a":{"b":"c"}}', '{"a":["b"]}']) {
      expect(refusal(file(`{"__metadata__":${m}}`)).rule).toBe('metadata');
    }
  });

  it('messages are one line, short, with keys and values escaped', () => {
    const key = `evil\u202e\n${'k'.repeat(100_000)}`;
    const e = refusal(file(`{${JSON.stringify(key)}:${T('toString', '[1]', '[0,4]')}}`, 4));
    expect(e.message).toMatch(/^dtype: tensor "evil\\u202e\\nk+…" \(100006 chars\): dtype "toString" is not a safetensors dtype/);
    expect(quote('a"b\\c\u0007\u2066')).toBe('"a\\"b\\\\c\\u0007\\u2066"');
    expect(quote('\ud800x')).toBe('"\\ud800x"');
  });

  it('decodes every float dtype; keeps integer and bool tensors without data', () => {
    expect(DTYPES).toEqual(['BOOL', 'U8', 'I8', 'F8_E5M2', 'F8_E4M3', 'I16', 'U16', 'F16', 'BF16', 'I32', 'U32', 'F32', 'F64', 'I64', 'U64']);
    expect(halfToFloat(0x3c00)).toBe(1);
    expect(halfToFloat(0x7c00)).toBe(Infinity);
    expect(halfToFloat(0x0001)).toBe(2 ** -24);
    expect(e4m3ToFloat(0x7e)).toBe(448); // largest normal
    expect(e4m3ToFloat(0x7f)).toBeNaN();
    expect(e4m3ToFloat(0x01)).toBe(2 ** -9);
    expect(e4m3ToFloat(0x38)).toBe(1);
    const f8 = new Uint8Array([0x3c, 0x38]);
    expect(Array.from(decodeFloats(f8, 0, 'F8_E5M2', 1))).toEqual([1]);
    expect(Array.from(decodeFloats(f8, 1, 'F8_E4M3', 1))).toEqual([1]);
    for (const d of DTYPES)
      if (!FLOAT_DTYPES.has(d))
        expect(
          parseSafetensors(writeSafetensors([['x', { shape: [2], dtype: d, bytes: new Uint8Array(2 * DTYPE_BYTES.get(d)!) }]])).tensors.get('x')!.data,
        ).toBeNull();
  });
});

describe('writer round trip (property, seeded)', () => {
  it('random dtypes, shapes and metadata → write → parse → identical', () => {
    const rng = mulberry32(12);
    const int = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
    const str = (n: number) =>
      String.fromCodePoint(...Array.from({ length: n }, () => [int(32, 126), int(0xa0, 0xd7ff), int(0x10000, 0x10ffff), int(0, 31)][int(0, 3)]));
    for (let round = 0; round < 300; round++) {
      const tensors = new Map<string, { dtype: SafetensorsDtype; shape: number[]; bytes: Uint8Array }>();
      const n = int(0, 6);
      while (tensors.size < n) {
        const dtype = DTYPES[int(0, DTYPES.length - 1)];
        const shape = Array.from({ length: int(0, 4) }, () => int(0, 5));
        const bytes = new Uint8Array(shape.reduce((a, b) => a * b, 1) * DTYPE_BYTES.get(dtype)!).map(() => int(0, 255));
        tensors.set(int(0, 3) === 0 ? ['__proto__', 'constructor', '', 'a.b'][int(0, 3)] + str(int(0, 3)) : str(int(1, 12)), { dtype, shape, bytes });
      }
      const entries = new Map<string, string>();
      for (let i = int(0, 3); i > 0; i--) entries.set(str(int(0, 8)), str(int(0, 20)));
      const metadata: Record<string, string> = Object.fromEntries(entries);
      const f = parseSafetensors(writeSafetensors([...tensors]));
      const g = parseSafetensors(writeSafetensors([...tensors], metadata));
      expect(g.metadata).toEqual(metadata);
      expect(f.metadata).toEqual({});
      expect([...g.tensors.keys()]).toEqual([...tensors.keys()]);
      for (const [k, t] of tensors) {
        const got = g.tensors.get(k)!;
        expect(got.dtype).toBe(t.dtype);
        expect(got.shape).toEqual(t.shape);
        expect(got.bytes).toEqual(t.bytes);
        if (FLOAT_DTYPES.has(t.dtype)) expect(got.data!.length).toBe(t.shape.reduce((a, b) => a * b, 1));
        if (t.dtype === 'F32') expect(Array.from(got.data!)).toEqual(Array.from(new Float32Array(t.bytes.slice().buffer)));
      }
    }
  });

  it('float32 values written as F32, F64, F16 and BF16 read back identical when representable', () => {
    const rng = mulberry32(5);
    const bits = new Uint32Array(1);
    const f = new Float32Array(bits.buffer);
    for (let round = 0; round < 50; round++) {
      const n = 1 + Math.floor(rng() * 64);
      // F32/F64 any float32; F16/BF16 values made from random bits of that type.
      const any = new Float32Array(n).map(() => ((bits[0] = Math.floor(rng() * 2 ** 32)), f[0]));
      const half = new Float32Array(n).map(() => halfToFloat(Math.floor(rng() * 0x10000)));
      const bf = new Float32Array(n).map(() => ((bits[0] = Math.floor(rng() * 0x10000) << 16), f[0]));
      const out = parseSafetensors(
        writeSafetensors([
          ['a', { shape: [n], data: any }],
          ['b', { shape: [n], data: any, dtype: 'F64' }],
          ['c', { shape: [n], data: half, dtype: 'F16' }],
          ['d', { shape: [n], data: bf, dtype: 'BF16' }],
        ]),
      );
      const same = (x: Float32Array, y: Float32Array) => Array.from(x).every((v, i) => Object.is(v, y[i]) || (Number.isNaN(v) && Number.isNaN(y[i])));
      expect(same(out.tensors.get('a')!.data!, any)).toBe(true);
      expect(same(out.tensors.get('b')!.data!, any)).toBe(true);
      expect(same(out.tensors.get('c')!.data!, half)).toBe(true);
      expect(same(out.tensors.get('d')!.data!, bf)).toBe(true);
    }
    expect(floatToHalf(65520)).toBe(0x7c00); // rounds to infinity
    expect(floatToHalf(2 ** -25)).toBe(0); // ties to even: zero
    expect(floatToBf16(1 + 2 ** -8)).toBe(0x3f80); // tie to even
  });
});

describe('value findings', () => {
  it('reports NaN/Inf per tensor and negative running variances by role, not by name', () => {
    const graph = buildGraph('shufflenet_v2_x0_5', { size: 64 });
    const bnVar = expectedTensors(graph).find((e) => e.role === 'running_var')!.key;
    const conv = expectedTensors(graph).find((e) => e.role === 'weight')!.key;
    const t = new Map([
      [conv, { data: new Float32Array([1, NaN, -1, Infinity]) }],
      [bnVar, { data: new Float32Array([1, -2, -3, 0]) }],
      ['other.running_var', { data: new Float32Array([-1]) }], // not a bn tensor of this graph
    ]);
    const f = scanValues(t, graph);
    expect(f).toEqual([
      { key: conv, problem: 'non-finite', count: 2, firstIndex: 1, firstValue: NaN },
      { key: bnVar, problem: 'negative-variance', count: 2, firstIndex: 1, firstValue: -2 },
    ]);
    expect(findingLine(f[0])).toBe(`"${conv}": 2 NaN/Inf values (first at [1]: NaN)`);
  });

  it('refuses through the one path unless the reader allows it', () => {
    const graph = buildGraph('shufflenet_v2_x0_5', { size: 64 });
    const keys = expectedTensors(graph).filter((e) => e.role !== 'num_batches_tracked');
    const bytes = writeSafetensors(
      keys.map((e, i) => [e.key, { shape: e.shape, data: new Float32Array(e.shape.reduce((a, b) => a * b, 1)).fill(i === 0 ? -Infinity : 1) }] as const),
    );
    const r = readWeightsFile(bytes, graph);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues).toEqual([{ kind: 'values', key: keys[0].key, message: 'values the model cannot compute with: NaN/Inf values in 1 tensor' }]);
      expect(r.findings).toHaveLength(1);
    }
    const anyway = readWeightsFile(bytes, graph, { allowValueIssues: true });
    expect(anyway.ok && anyway.findings.length).toBe(1);
  });
});
