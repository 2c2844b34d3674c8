/**
 * The run session end to end in Node on the wasm backend (the browser's fallback backend, and
 * fast here): load, run, feature maps, profile at another size, bad weights, graph change,
 * and numTensors back to its baseline after dispose.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildGraph, graphCost } from '../arch';
import type { RgbaImage } from '../runtime/imagenet';
import { heInit } from '../runtime/weights/he-init';
import { writeSafetensors } from '../runtime/weights/safetensors';
import { backendOrder } from '../runtime/backend-policy';
import { isCancelled } from '../runtime/cancel';
import { RunSession, resizeFor } from './session';

function image(w: number, h: number): RgbaImage {
  const data = new Uint8ClampedArray(w * h * 4);
  for (let i = 0; i < w * h; i++) {
    data[4 * i] = (i * 7) % 256;
    data[4 * i + 1] = (i * 13) % 256;
    data[4 * i + 2] = (i * 29) % 256;
    data[4 * i + 3] = 255;
  }
  return { width: w, height: h, data };
}

describe('helpers', () => {
  it('orders backends and sizes crops like torchvision', () => {
    expect(backendOrder('auto')).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(backendOrder('wasm')).toEqual(['wasm', 'cpu']);
    expect(resizeFor(224)).toBe(256);
    expect(resizeFor(64)).toBe(73);
  });
});

describe('RunSession on wasm', () => {
  it('runs, reads feature maps, profiles, rejects bad weights and frees everything', async () => {
    const graph = buildGraph('shufflenet_v2_x0_5', { size: 64 });
    const phases: string[] = [];
    const s0 = await RunSession.open('wasm', { onPhase: (p) => phases.push(p) });
    expect(s0.backend.backend).toBe('wasm');
    const baseline = tf.memory().numTensors;
    const s = s0;

    await s.setInput(image(90, 70));
    expect(await s.load(graph, { kind: 'seeded', seed: 1 })).toEqual({ ok: true });
    const r1 = await s.run();
    expect(r1.logits.length).toBe(1000);
    expect(r1.top5).toHaveLength(5);
    expect(r1.top5[0].prob).toBeGreaterThanOrEqual(r1.top5[4].prob);
    expect(typeof r1.top5[0].label).toBe('string');
    expect(r1.inputPreview.width).toBe(64);
    expect(r1.inputPreview.data.length).toBe(64 * 64 * 4);
    expect(phases).toContain('weights');
    expect(phases).toContain('run');

    const maps = await s.featureMaps(['conv1.0', 'stage2.0.shuffle']);
    const conv = maps.get('conv1.0')!;
    expect(conv.layout).toBe('NCHW');
    expect(conv.shape).toEqual([1, 24, 32, 32]);

    // Profile at another size: the Model is reused, the costs are those of the 96-px graph.
    const p = await s.profile({ size: 96, warmup: 0, repeats: 1 });
    expect(p.size).toBe(96);
    // One row per step of the fused forward; together they cover every node once.
    expect(p.rows.flatMap((r) => r.nodes).sort()).toEqual(graph.nodes.map((n) => n.name).sort());
    // The device's roofs, measured once per backend and session, give every timed step a roofline place.
    expect(p.device?.backend).toBe('wasm');
    expect(p.rows.filter((r) => r.bytes > 0).every((r) => Number.isFinite(r.rooflineFraction))).toBe(true);
    expect(p.rows.reduce((a, r) => a + r.macs, 0)).toBe(graphCost(buildGraph('shufflenet_v2_x0_5', { size: 96 })).total.macs);
    expect(p.rows.every((r) => Number.isFinite(r.ms))).toBe(true);

    // A file with a wrong shape: issues name the key and both shapes; the old weights stay.
    const sd = heInit(graph, 2);
    const [key, t] = [...sd.entries()].find(([k]) => k.endsWith('conv1.0.weight'))!;
    sd.set(key, { shape: [t.shape[0], t.shape[1], 5, 5], data: new Float32Array(t.shape[0] * t.shape[1] * 25) });
    const bad = new Blob([writeSafetensors(sd) as Uint8Array<ArrayBuffer>]);
    const out = await s.setWeights({ kind: 'file', name: 'bad.safetensors', blob: bad });
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.issues[0].key).toBe(key);
      expect(out.issues[0].message).toContain('[24, 3, 5, 5]');
    }
    const r2 = await s.run();
    expect(Array.from(r2.logits.slice(0, 5))).toEqual(Array.from(r1.logits.slice(0, 5)));
    const notSafetensors = await s.setWeights({ kind: 'file', name: 'notes.txt', blob: new Blob(['hello']) });
    expect(!notSafetensors.ok && notSafetensors.issues[0]).toMatchObject({ kind: 'parse', rule: 'too-short', message: expect.stringMatching(/^too-short: /) });

    // Good file weights load and change the output.
    const good = new Blob([writeSafetensors(heInit(graph, 3)) as Uint8Array<ArrayBuffer>]);
    expect(await s.setWeights({ kind: 'file', name: 'good.safetensors', blob: good })).toEqual({ ok: true });
    const r3 = await s.run();
    expect(r3.logits[0]).not.toBe(r1.logits[0]);

    // Another graph with the same seed; then dispose: back to the baseline.
    const v = s.version;
    expect(await s.load(buildGraph('mnasnet0_5', { size: 64 }), { kind: 'seeded', seed: 1 })).toEqual({ ok: true });
    expect(s.version).toBeGreaterThan(v);
    expect((await s.run()).top5).toHaveLength(5);
    s.dispose();
    expect(s.numTensors()).toBe(baseline);
    await expect(s.run()).rejects.toThrow(/disposed/);
  });
});

describe('RunSession among other jobs', () => {
  it('shares the page-wide queue: a widget job on another backend waits its turn, and the session switches back', async () => {
    const { runTfjsJob } = await import('../runtime/job');
    const s = await RunSession.open('wasm');
    const baseline = tf.memory().numTensors;
    await s.setInput(image(64, 64));
    expect(await s.load(buildGraph('mnasnet0_5', { size: 32 }), { kind: 'seeded', seed: 1 })).toEqual({ ok: true });
    const log: string[] = [];
    const first = s.run().then((r) => (log.push(`session:${tf.getBackend()}`), r));
    const widget = runTfjsJob({ backend: 'cpu' }, async () => {
      log.push(`widget:${tf.getBackend()}`);
    });
    const second = s.run().then((r) => (log.push(`session:${tf.getBackend()}`), r));
    const [r1, , r2] = await Promise.all([first, widget, second]);
    expect(log).toEqual(['session:wasm', 'widget:cpu', 'session:wasm']);
    expect(s.backend.backend).toBe('wasm');
    expect(Array.from(r2.logits.slice(0, 5))).toEqual(Array.from(r1.logits.slice(0, 5)));

    // A profile cancelled between passes rejects with the runtime's one error and frees its tensors.
    const loaded = tf.memory().numTensors;
    const ctrl = new AbortController();
    const err = await s
      .profile({ size: 48, warmup: 1, repeats: 3, signal: ctrl.signal, onProgress: (done) => done === 2 && ctrl.abort() })
      .catch((e: unknown) => e);
    expect(isCancelled(err)).toBe(true);
    expect(tf.memory().numTensors).toBe(loaded);
    s.dispose();
    expect(s.numTensors()).toBe(baseline);
  });
});
