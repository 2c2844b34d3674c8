import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { median } from '../lib/runtime/profiler';
await tf.setBackend('wasm');
const time = (f: () => tf.Tensor | tf.Tensor[]) => { for (let i = 0; i < 3; i++) tf.dispose(f()); const s: number[] = []; for (let i = 0; i < 11; i++) { const t0 = performance.now(); const y = f(); s.push(performance.now() - t0); tf.dispose(y); } return median(s).toFixed(3); };
for (const [h, c, co] of [[56, 64, 64], [28, 128, 32], [7, 512, 512]]) {
  const T = Math.ceil(h / 2), P = T * T;
  const V = tf.randomNormal([16, P, c]) as tf.Tensor3D;
  const xp = tf.randomNormal([2 * T + 2, 2 * T + 2, c]) as tf.Tensor3D;
  const idx = Array.from({ length: 16 }, (_, k) => tf.tensor1d([k], 'int32'));
  const rowIdx = Array.from({ length: 4 }, (_, r) => tf.tensor1d(Array.from({ length: T }, (_, t) => 2 * t + r), 'int32'));
  const r: Record<string, string> = {};
  r.gather16 = time(() => idx.map((i) => tf.gather(V, i, 0).reshape([P, c])));
  r.gatherRow4 = time(() => rowIdx.map((i) => tf.gather(xp, i, 0)));
  r.gatherCol4 = time(() => rowIdx.map((i) => tf.gather(xp, i, 1)));
  r.slicesV = time(() => Array.from({ length: 16 }, (_, k) => tf.slice(V, [k, 0, 0], [1, P, c]).reshape([P, c])));
  console.log(h, c, co, JSON.stringify(r));
}
