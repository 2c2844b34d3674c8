/**
 * Dense convolutions side by side: tfjs-backend-wasm's XNNPACK (tf.fused.conv2d, as the executor
 * calls it) against Layerwise's direct SIMD kernel (lib/runtime/ops/grouped-conv-direct.ts, groups
 * = 1), on the layer shapes of the lesson models at 224, one thread (Node's tfjs-backend-wasm).
 *
 *   npx tsx scripts/bench-direct-conv.ts [--repeats 20] [--warmup 10]
 *
 * Each cell is the fastest of `repeats` runs after `warmup` runs, the two kernels interleaved,
 * with the bias and ReLU fused as the executor runs them. The grouped layers: scripts/bench-groupconv.ts
 * --strategies packed,direct.
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { formatRatio, formatSig } from '../lib/format';
import { explicitPad } from '../lib/runtime/groupconv';
import { groupedConvDirect, directFilterFromHWIO } from '../lib/runtime/ops/grouped-conv-direct';
import { fusedConv2d } from '../lib/runtime/ops/fused-kernels';
import { hashU } from '../lib/runtime/weights/hash-init';

/** [model, inC, outC, size, kernel, stride]: representative dense layers. */
const LAYERS: readonly [string, number, number, number, number, number][] = [
  ['resnet50 layer1 conv1', 64, 64, 56, 1, 1],
  ['resnet50 layer1 conv2', 64, 64, 56, 3, 1],
  ['resnet50 layer1 conv3', 64, 256, 56, 1, 1],
  ['resnet50 layer2 conv2', 128, 128, 28, 3, 1],
  ['resnet50 layer3 conv1', 1024, 256, 14, 1, 1],
  ['resnet50 layer3 conv2', 256, 256, 14, 3, 1],
  ['resnet50 layer4 conv3', 512, 2048, 7, 1, 1],
  ['resnet50 layer4 conv2', 512, 512, 7, 3, 1],
  ['resnext50 layer2 conv1', 512, 256, 28, 1, 1],
  ['densenet121 block1 conv1', 256, 128, 56, 1, 1],
  ['densenet121 block1 conv2', 128, 32, 56, 3, 1],
  ['densenet121 block3 conv1', 1024, 128, 14, 1, 1],
  ['shufflenet_v2 stage3 1x1', 232, 232, 14, 1, 1],
  ['mnasnet1_0 expand 1x1', 40, 240, 28, 1, 1],
  ['resnet50 conv1 (stem)', 3, 64, 224, 7, 2],
];

const { values } = parseArgs({ options: { repeats: { type: 'string', default: '20' }, warmup: { type: 'string', default: '10' } } });
const repeats = Number(values.repeats);
const warmup = Number(values.warmup);
tf.env().set('PROD', true);
if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend failed to initialise');
await tf.ready();

const rows: string[][] = [];
let sumX = 0;
let sumD = 0;
for (const [name, inC, outC, h, k, s] of LAYERS) {
  const p = (k - 1) >> 1;
  const hwio = new Float32Array(k * k * inC * outC).map((_, i) => hashU(1, i) - 0.5);
  const filter = tf.tensor4d(hwio, [k, k, inC, outC]);
  const direct = tf.tensor1d(directFilterFromHWIO(hwio, k, k, inC, outC));
  const bias = tf.tensor1d(new Float32Array(outC).map((_, i) => hashU(2, i)));
  const x = tf.tensor4d(
    new Float32Array(h * h * inC).map((_, i) => hashU(3, i)),
    [1, h, h, inC],
  );
  const geom = { inC, outC, groups: 1, kernel: [k, k] as const, stride: [s, s] as const, padding: [p, p] as const };
  const run = {
    xnnpack: () => fusedConv2d({ x, filter, strides: [s, s], pad: explicitPad([p, p]), bias, activation: 'relu' }),
    direct: () => groupedConvDirect(x, direct, bias, geom, 'relu'),
  };
  const best = { xnnpack: Infinity, direct: Infinity };
  for (let r = 0; r < warmup + repeats; r++)
    for (const key of ['xnnpack', 'direct'] as const) {
      const t0 = performance.now();
      const y = run[key]();
      const ms = performance.now() - t0;
      y.dispose();
      if (r >= warmup) best[key] = Math.min(best[key], ms);
    }
  tf.dispose([filter, direct, bias, x]);
  const ho = Math.floor((h + 2 * p - k) / s) + 1;
  const gflop = (2 * ho * ho * inC * outC * k * k) / 1e9;
  sumX += best.xnnpack;
  sumD += best.direct;
  rows.push([
    name,
    `${inC}->${outC} ${h}² ${k}x${k} s${s}`,
    formatSig(best.xnnpack),
    formatSig(gflop / (best.xnnpack / 1e3)),
    formatSig(best.direct),
    formatSig(gflop / (best.direct / 1e3)),
    formatRatio(best.direct / best.xnnpack),
  ]);
}
rows.push(['all', '', formatSig(sumX), '', formatSig(sumD), '', formatRatio(sumD / sumX)]);
const head = ['layer', 'shape', 'XNNPACK ms', 'GFLOP/s', 'direct ms', 'GFLOP/s', 'direct ÷ XNNPACK'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r: string[]) => `| ${r.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
console.log(`Dense convs, wasm (one thread), fastest of ${repeats} after ${warmup} warm-up, bias + ReLU fused`);
console.log([line(head), `|${widths.map((w, i) => (i < 2 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.map(line)].join('\n'));
