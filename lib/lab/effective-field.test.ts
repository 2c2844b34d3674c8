/**
 * The effective field as the lab runs it: a job of the run session through the run's handle
 * (handle.ts → session.ts → lib/explain/effective-rf-run.ts) on wasm, for a network with
 * depthwise convolutions (whose input gradient wasm lacks: lib/train/kernels supplies it). The
 * job reports the tensor count back at its baseline; a cancel before it starts, a unit the layer
 * lacks and a stale handle each refuse with a reason and leave nothing behind.
 */
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../arch';
import { receptiveFields } from '../arch/receptive-field';
import { isCancelled } from '../runtime/cancel';
import type { RgbaImage } from '../runtime/imagenet';
import type { TensorCheck } from '../runtime/tensors';
import { summarizeField } from '../explain/effective-rf';
import { makeHandle } from './handle';
import { RunSession } from './session';

function image(w: number, h: number): RgbaImage {
  const data = new Uint8ClampedArray(w * h * 4);
  for (let i = 0; i < w * h; i++) data.set([(i * 7) % 256, (i * 13) % 256, (i * 29) % 256, 255], 4 * i);
  return { width: w, height: h, data };
}

describe('effective field through the run session (wasm)', () => {
  it('MnasNet: computed as a job, inside its theoretical field, tensors back to baseline; refusals free everything', async () => {
    const graph = buildGraph('mnasnet0_5', { size: 64 });
    const s = await RunSession.open('wasm');
    const baseline = s.numTensors();
    await s.setInput(image(80, 64));
    expect(await s.load(graph, { kind: 'seeded', seed: 1 })).toEqual({ ok: true });
    await s.run();
    const handle = makeHandle(s, graph, { kind: 'seeded', seed: 1 });

    const checks: TensorCheck[] = [];
    const progress: number[] = [];
    const layer = 'layers.9.0.layers.5'; // after a 5×5/2 depthwise conv, BN and ReLU
    const maps = await handle.featureMaps(layer);
    // Reading a layer inside a fused chain builds the model's filters for that plan, which it keeps.
    const loaded = s.numTensors();
    // The channel's strongest cell (a ReLU's zeros have no gradient).
    const [, c, h, w] = maps.shape;
    let best = 0;
    for (let i = 0; i < h * w; i++) if (maps.data[2 * h * w + i] > maps.data[2 * h * w + best]) best = i;
    expect(c).toBeGreaterThan(2);
    const cell = [Math.floor(best / w), best % w] as const;
    const g = await handle.effectiveField!({ layer, channel: 2, cell, onTensors: (t) => checks.push(t), onProgress: (d) => progress.push(d) });
    expect([g.height, g.width]).toEqual([64, 64]);
    expect(g.value).toBeCloseTo(maps.data[2 * h * w + best], 4);
    expect(checks).toHaveLength(1);
    expect(checks[0].after).toBe(checks[0].before);
    expect(checks[0].before).toBe(loaded);
    expect(progress).toEqual([1, 2]);
    const sum = summarizeField(g, receptiveFields(graph).get(layer)!, cell);
    expect(sum.peak).toBeGreaterThan(0);
    expect(sum.outside).toBe(0);

    const aborted = new AbortController();
    aborted.abort();
    await expect(handle.effectiveField!({ layer, channel: 2, cell, signal: aborted.signal })).rejects.toSatisfy(isCancelled);
    await expect(handle.effectiveField!({ layer, channel: c, cell: [0, 0] })).rejects.toThrow(new RegExp(`${c} channels; there is no channel ${c}`));
    expect(s.numTensors()).toBe(loaded);

    await s.setInput(image(64, 64));
    await expect(handle.effectiveField!({ layer, channel: 2, cell })).rejects.toThrow(/changed since this result was made/);
    s.dispose();
    expect(s.numTensors()).toBe(baseline);
  });
});
