/**
 * Weights: safetensors parsing (malformed input refused with typed errors), state_dict validation
 * (missing / extra / wrong shape named with both shapes) and atomic replacement (a rejected file
 * leaves the previous weights loaded), plus the seeded initialiser's determinism.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { INPUT } from '../arch/ir';
import { Model, inputFromNCHW } from './executor';
import { GraphBuilder } from './testing/builder';
import { useBackend } from './testing/fixtures.node';
import { heInit } from './weights/he-init';
import { hashInit, hashInput } from './weights/hash-init';
import { expectedTensors } from './weights/expected';
import { MAX_HEADER_BYTES, SafetensorsError, parseSafetensors, writeSafetensors } from './weights/safetensors';
import type { StateDict } from './weights/types';

function tinyGraph() {
  const b = new GraphBuilder([3, 8, 8]);
  let x = b.conv('features.0', INPUT, 4, 3, 2, 1);
  x = b.bn('features.1', x);
  x = b.act('features.2', x);
  x = b.gap('pool', x, false);
  x = b.linear('fc', x, 5);
  return b.build('tiny', x);
}

function headerFile(header: unknown, data = new Uint8Array(0)): Uint8Array {
  const h = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + h.length + data.length);
  new DataView(out.buffer).setUint32(0, h.length, true);
  out.set(h, 8);
  out.set(data, 8 + h.length);
  return out;
}

function code(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SafetensorsError);
    return (e as SafetensorsError).code;
  }
  return 'no error';
}

describe('safetensors parser', () => {
  it('round-trips F32 and converts F16, BF16, F64; ignores I64 data', () => {
    const bytes = writeSafetensors([['a', { shape: [2, 2], data: new Float32Array([1, -2, 0.5, 3.25]) }]], { format: 'pt' });
    const f = parseSafetensors(bytes);
    expect(Array.from(f.tensors.get('a')!.data!)).toEqual([1, -2, 0.5, 3.25]);
    expect(f.metadata.format).toBe('pt');

    const raw = new Uint8Array(2 + 2 + 8 + 8);
    const dv = new DataView(raw.buffer);
    dv.setUint16(0, 0x3c00, true); // f16 1.0
    dv.setUint16(2, 0xc000, true); // bf16 -2.0
    dv.setFloat64(4, 0.1, true);
    dv.setBigInt64(12, 7n, true);
    const g = parseSafetensors(
      headerFile(
        {
          h: { dtype: 'F16', shape: [1], data_offsets: [0, 2] },
          b: { dtype: 'BF16', shape: [1], data_offsets: [2, 4] },
          d: { dtype: 'F64', shape: [], data_offsets: [4, 12] },
          n: { dtype: 'I64', shape: [], data_offsets: [12, 20] },
        },
        raw,
      ),
    );
    expect(g.tensors.get('h')!.data![0]).toBe(1);
    expect(g.tensors.get('b')!.data![0]).toBe(-2);
    expect(g.tensors.get('d')!.data![0]).toBe(Math.fround(0.1));
    expect(g.tensors.get('n')!.data).toBeNull();
  });

  it('refuses malformed files with typed errors', () => {
    expect(code(() => parseSafetensors(new Uint8Array(3)))).toBe('too-short');
    const huge = new Uint8Array(16);
    new DataView(huge.buffer).setUint32(0, MAX_HEADER_BYTES + 1, true);
    expect(code(() => parseSafetensors(huge))).toBe('header-too-large');
    const big = new Uint8Array(16);
    new DataView(big.buffer).setUint32(4, 1, true); // 2^32 bytes
    expect(code(() => parseSafetensors(big))).toBe('header-too-large');
    const trunc = headerFile({ a: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } }).slice(0, 12);
    expect(code(() => parseSafetensors(trunc))).toBe('header-truncated');
    const notJson = new Uint8Array(12);
    new DataView(notJson.buffer).setUint32(0, 4, true);
    notJson.set(new TextEncoder().encode('{{{{'), 8);
    expect(code(() => parseSafetensors(notJson))).toBe('header-json');
    expect(code(() => parseSafetensors(headerFile([1, 2])))).toBe('header-start');
    expect(code(() => parseSafetensors(headerFile({ a: { dtype: 'U4', shape: [1], data_offsets: [0, 1] } }, new Uint8Array(1))))).toBe('dtype');
    expect(code(() => parseSafetensors(headerFile({ a: { dtype: 'F32', shape: [-1], data_offsets: [0, 4] } }, new Uint8Array(4))))).toBe('shape');
    expect(code(() => parseSafetensors(headerFile({ a: { dtype: 'F32', shape: [1], data_offsets: [0] } }, new Uint8Array(4))))).toBe('data-offsets');
    expect(code(() => parseSafetensors(headerFile({ a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } }, new Uint8Array(4))))).toBe('data-truncated');
    expect(code(() => parseSafetensors(headerFile({ a: { dtype: 'F32', shape: [2], data_offsets: [0, 4] } }, new Uint8Array(8))))).toBe('tensor-size');
    expect(
      code(() =>
        parseSafetensors(
          headerFile({ a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] }, b: { dtype: 'F32', shape: [2], data_offsets: [4, 12] } }, new Uint8Array(12)),
        ),
      ),
    ).toBe('overlap');
    // A truncated data region (file cut short) is an out-of-range offset, never a crash.
    const whole = writeSafetensors([['w', { shape: [16], data: new Float32Array(16) }]]);
    expect(code(() => parseSafetensors(whole.slice(0, whole.length - 5)))).toBe('data-truncated');
  });
});

describe('state_dict loading into a model', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  const graph = tinyGraph();
  const keys = expectedTensors(graph);
  const good = (): StateDict => hashInit(keys);
  const x = () => inputFromNCHW(hashInput([1, 3, 8, 8]), [1, 3, 8, 8]);
  const logits = (m: Model) => {
    const xi = x();
    const y = m.predict(xi);
    const out = Array.from(y.dataSync());
    tf.dispose([xi, y]);
    return out;
  };

  it('names the key and both shapes, and keeps the previous weights loaded', () => {
    const m = Model.create(graph, good());
    const before = logits(m);
    const tensorsBefore = tf.memory().numTensors;

    const wrong = good();
    wrong.set('features.0.weight', { shape: [4, 3, 5, 5], data: new Float32Array(4 * 3 * 25) });
    const r1 = m.loadStateDict(wrong);
    expect(r1.ok).toBe(false);
    if (!r1.ok) {
      expect(r1.issues[0].kind).toBe('shape');
      expect(r1.issues[0].message).toContain('features.0.weight');
      expect(r1.issues[0].message).toContain('[4, 3, 3, 3]');
      expect(r1.issues[0].message).toContain('[4, 3, 5, 5]');
    }

    const missing = good();
    missing.delete('features.1.running_var');
    const r2 = m.loadStateDict(missing);
    expect(!r2.ok && r2.issues.map((i) => [i.kind, i.key])).toEqual([['missing', 'features.1.running_var']]);

    const extra = good();
    extra.set('features.9.weight', { shape: [1], data: new Float32Array(1) });
    const r3 = m.loadStateDict(extra);
    expect(!r3.ok && r3.issues.map((i) => [i.kind, i.key])).toEqual([['unexpected', 'features.9.weight']]);
    expect(!r3.ok && r3.issues[0].message).toContain('features.9.weight');

    // A file that fails to parse, and one that parses but has a bad shape: both refused.
    expect(m.loadSafetensors(new Uint8Array([1, 2, 3])).ok).toBe(false);
    const bad = writeSafetensors([...wrong].map(([k, v]) => [k, v] as [string, { shape: readonly number[]; data: Float32Array }]));
    const r4 = m.loadSafetensors(bad);
    expect(!r4.ok && r4.issues[0].message).toContain('features.0.weight');

    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expect(logits(m)).toEqual(before);

    // A good reload with different weights changes the output and frees the old tensors.
    const seeded = heInit(graph, 1);
    expect(m.loadStateDict(seeded).ok).toBe(true);
    expect(logits(m)).not.toEqual(before);
    expect(tf.memory().numTensors).toBe(tensorsBefore); // after a forward rebuilt the folded filters
    // ... and loading the original file again via safetensors restores the output exactly.
    const file = writeSafetensors([...good()].map(([k, v]) => [k, v] as [string, { shape: readonly number[]; data: Float32Array }]));
    expect(m.loadSafetensors(file).ok).toBe(true);
    expect(logits(m)).toEqual(before);
    m.dispose();
  });

  it('Model.create throws a WeightLoadError listing every issue', () => {
    const sd = good();
    sd.delete('fc.bias');
    sd.set('fc.weight', { shape: [5, 3], data: new Float32Array(15) });
    expect(() => Model.create(graph, sd)).toThrowError(/fc\.bias[\s\S]*fc\.weight|fc\.weight[\s\S]*fc\.bias/);
  });

  it('seeded init is deterministic and order independent', () => {
    const a = heInit(graph, 42);
    const b = heInit(graph, 42);
    const c = heInit(graph, 43);
    for (const [k, v] of a) expect(Array.from(v.data)).toEqual(Array.from(b.get(k)!.data));
    expect(Array.from(a.get('features.0.weight')!.data)).not.toEqual(Array.from(c.get('features.0.weight')!.data));
    expect(Array.from(a.get('features.1.weight')!.data)).toEqual([1, 1, 1, 1]);
    expect(Array.from(a.get('features.1.running_mean')!.data)).toEqual([0, 0, 0, 0]);
    // He fan_out std for a 3x3 conv with 4 outputs: sqrt(2 / 36).
    const w = a.get('features.0.weight')!.data;
    const std = Math.sqrt(w.reduce((s, v) => s + v * v, 0) / w.length);
    expect(std).toBeGreaterThan(0.5 * Math.sqrt(2 / 36));
    expect(std).toBeLessThan(1.5 * Math.sqrt(2 / 36));
  });
});
