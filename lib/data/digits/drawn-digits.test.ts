/**
 * Drawn digits, normalised as MNIST's (centre.ts), are read by the shipped trained models: ten
 * digits drawn as strokes on the pad's unit square (the shapes a mouse would draw, one or two
 * strokes each), each model run on wasm through the same fused Model as the lab.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../arch';
import { Model, inputFromNCHW } from '../../runtime/executor';
import { SHIPPED_DIGITS_IDS, loadShippedDigitsNode } from '../../weights/node';
import { digitFromStrokes, type Stroke, type StrokePoint } from './centre';

/** An arc of an ellipse, from angle a0 to a1 (0 at the top, clockwise), n segments. */
const arc = (cx: number, cy: number, rx: number, ry: number, a0 = 0, a1 = 2 * Math.PI, n = 30): StrokePoint[] =>
  Array.from({ length: n + 1 }, (_, i) => {
    const a = a0 + ((a1 - a0) * i) / n;
    return { x: cx + rx * Math.sin(a), y: cy - ry * Math.cos(a) };
  });
const line = (...pts: Array<[number, number]>): StrokePoint[] => pts.map(([x, y]) => ({ x, y }));

const DRAWN: ReadonlyArray<readonly Stroke[]> = [
  [arc(0.5, 0.5, 0.22, 0.34)],
  [line([0.52, 0.12], [0.5, 0.5], [0.48, 0.88])],
  [[...arc(0.5, 0.32, 0.2, 0.18, -1.4, 1.9, 12), ...line([0.3, 0.85], [0.75, 0.85])]],
  [[...arc(0.48, 0.3, 0.18, 0.17, -1.2, 3.0, 12), ...arc(0.48, 0.68, 0.2, 0.2, 0.1, 3.6, 14)]],
  [line([0.6, 0.12], [0.25, 0.62], [0.78, 0.62]), line([0.6, 0.35], [0.6, 0.88])],
  [line([0.72, 0.14], [0.35, 0.14], [0.32, 0.45]), arc(0.5, 0.65, 0.22, 0.22, -0.3, 4.2, 16).reverse()],
  [[...line([0.62, 0.12], [0.38, 0.4]), ...arc(0.5, 0.66, 0.2, 0.21, -2.4, 3.9, 18)]],
  [line([0.25, 0.15], [0.75, 0.15], [0.42, 0.88])],
  [[...arc(0.5, 0.3, 0.16, 0.17, Math.PI, 3 * Math.PI, 16), ...arc(0.5, 0.68, 0.2, 0.2, 0, 2 * Math.PI, 16)]],
  [[...arc(0.5, 0.32, 0.19, 0.19, 1.6, 1.6 + 2 * Math.PI, 16), ...line([0.69, 0.35], [0.64, 0.88])]],
];

describe('drawn digits are read by the shipped models', () => {
  it.each(SHIPPED_DIGITS_IDS)('%s reads the ten drawn digits', async (id) => {
    await tf.setBackend('wasm');
    const graph = buildGraph(id);
    const model = Model.create(graph, await loadShippedDigitsNode(id));
    const read: number[] = [];
    try {
      for (const strokes of DRAWN) {
        const x = inputFromNCHW(digitFromStrokes(strokes)!.pixels, [1, 1, 28, 28]);
        const y = model.predict(x);
        const k = tf.argMax(y, 1);
        read.push((await k.data())[0]);
        tf.dispose([x, y, k]);
      }
    } finally {
      model.dispose();
    }
    const right = read.filter((d, i) => d === i).length;
    expect(right, `${id} read ${read.join(' ')} for 0 1 2 3 4 5 6 7 8 9`).toBeGreaterThanOrEqual(9);
  });
});
