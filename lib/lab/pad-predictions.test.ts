/**
 * The digit pad's live predictions, in Node on wasm, through the Runner's own path: every stroke
 * change asks for a run (coalesce: one at a time, the latest wins), and each run sets the drawn
 * digit as the session's input and reads the model once. After hundreds of drawings the tensor
 * count is where it was after the first (model weights + one input), and after dispose it is back
 * at the baseline: drawing leaks nothing.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../arch';
import { digitFromStrokes, type Stroke } from '../data/digits/centre';
import { mulberry32 } from '../runtime/weights/he-init';
import { coalesce } from '../runtime/coalesce';
import { greyImage } from './digits-input';
import { RunSession } from './session';

/** A wobbly stroke of `n` points, seeded. */
function scribble(seed: number, n: number): Stroke {
  const r = mulberry32(seed);
  let x = 0.3 + 0.4 * r();
  let y = 0.2 + 0.2 * r();
  return Array.from({ length: n }, () => {
    x = Math.min(0.95, Math.max(0.05, x + (r() - 0.5) * 0.1));
    y = Math.min(0.95, Math.max(0.05, y + r() * 0.05));
    return { x, y };
  });
}

describe('live predictions of drawn digits', () => {
  it('many drawings, read one pass at a time, leave the tensor count flat; dispose returns it to the baseline', async () => {
    const baseline = tf.memory().numTensors;
    const s = await RunSession.open('wasm');
    expect(await s.load(buildGraph('resnet_digits'), { kind: 'seeded', seed: 0 })).toEqual({ ok: true });

    // The drawing as the pad grows it: one more point per pointer move.
    const stroke = scribble(3, 240);
    let drawn = digitFromStrokes([stroke.slice(0, 1)])!;
    const probs: number[][] = [];
    const counts: number[] = [];
    const read = coalesce(async () => {
      await s.setInput(greyImage(drawn.pixels, 28, 28), 'digits');
      const r = await s.run();
      probs.push(r.top5.map((p) => p.prob));
      counts.push(s.numTensors());
    });
    for (let n = 1; n <= stroke.length; n++) {
      drawn = digitFromStrokes([stroke.slice(0, n)])!;
      read.request();
      // A pointer move every few milliseconds: some land while a pass runs, and are coalesced.
      if (n % 3 === 0) await new Promise((r) => setTimeout(r, 1));
    }
    await read.idle();
    // Fewer passes than moves (coalesced), the last one on the whole stroke.
    expect(counts.length).toBeGreaterThan(1);
    expect(counts.length).toBeLessThan(stroke.length);
    expect(new Set(counts).size).toBe(1);
    for (const p of probs) expect(p.every(Number.isFinite)).toBe(true);

    // Then 100 separate drawings, each read to the end.
    for (let k = 0; k < 100; k++) {
      drawn = digitFromStrokes([scribble(100 + k, 30), scribble(200 + k, 20)])!;
      read.request();
      await read.idle();
    }
    expect(new Set(counts).size).toBe(1);
    expect(counts.length).toBeGreaterThan(100);

    s.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });
});
