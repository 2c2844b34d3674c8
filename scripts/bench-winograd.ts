/**
 * `npx tsx scripts/bench-winograd.ts [--rounds 15] [--warmup 3] [--variants sep/batched/adds,…] [--json]`
 *
 * Issue 18: can Winograd F(2x2, 3x3) (Lavin & Gray 2016; scripts/bench/winograd.ts), written in tfjs
 * ops, beat tfjs-backend-wasm's own conv2d (XNNPACK) on the 3x3 stride-1 layers of ResNet-50 and
 * DenseNet-121? In Node, tfjs-backend-wasm, SIMD, one thread (as bench-profile-gap.ts --runtime node).
 *
 * For each layer shape: the baseline tf.fused.conv2d (NHWC, explicit pad 1, bias, ReLU: the
 * runtime's conv with BN folded) and every Winograd variant (input transform × product × output
 * transform, all with the same bias + ReLU), timed interleaved (baseline, each variant, baseline, …)
 * for `rounds` rounds after `warmup`; the median is reported. Exactness against the baseline on
 * He-init weights (N(0, 2/(9C))), N(0, 0.1) bias and N(0, 1) inputs: max |Δ|, and max |Δ| ÷ max |ref|.
 * Also the product stage alone (16 matMuls batched vs looped), to split Winograd's time into the
 * matrix products and what the tfjs transform ops cost around them.
 *
 * The per-model sum weights each shape by how many stride-1 such layers the model has (ResNet-50
 * layerN.M.conv2: 3, 3, 5, 2, since torchvision's v1.5 bottleneck puts the stride of layers 2-4's
 * first block on conv2, lib/arch/blocks/bottleneck.ts, which F(2x2, 3x3) does not cover;
 * DenseNet-121 denselayer conv2: 6, 12, 24, 16), taking the faster of baseline and the
 * best variant per shape, and projects the whole-model time from the baseline figures measured on
 * this machine at 224 on one thread (issue 18). Timings are wall time of the synchronous wasm
 * kernels (no read-back, the same for both sides); the machine load is printed with every row.
 * "b2b" times each side back to back instead (warm caches), as a second view.
 *
 * What it found (2026-12, 2-core VM under load 5-8): the 16 products alone beat conv2d (about 0.5-0.9x),
 * but the transforms around them cost more than that saves on every shape but 14²×256 and 7²×512,
 * because in tfjs-wasm 4.22 (a) BatchMatMul with batch 16 is not XNNPACK (10-40x slower than 16
 * matMuls), (b) Slice / Unpack / Split / StridedSlice copy the whole source tensor out of the wasm
 * heap on each call (backend_wasm.js readSync), so splitting [16, P, C] into V_k is O(16 · source),
 * (c) DepthToSpace and rank-5 Transpose are slow (two rank-4 transposes are not), and (d) each op
 * costs ~7 µs to dispatch, 44-60 ops per layer. So it is not in lib/runtime.
 */
import { loadavg } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { formatRatio, formatSig } from '../lib/format';
import { median } from '../lib/runtime/profiler';
import { table } from './bench/format';
import { type WinogradVariant, variantName, winogradConv } from './bench/winograd';

interface Shape {
  readonly model: 'resnet50' | 'densenet121';
  readonly name: string;
  readonly h: number;
  readonly c: number;
  readonly cout: number;
  readonly count: number;
}

const SHAPES: readonly Shape[] = [
  { model: 'resnet50', name: 'layer1.0-2.conv2', h: 56, c: 64, cout: 64, count: 3 },
  { model: 'resnet50', name: 'layer2.1-3.conv2', h: 28, c: 128, cout: 128, count: 3 },
  { model: 'resnet50', name: 'layer3.1-5.conv2', h: 14, c: 256, cout: 256, count: 5 },
  { model: 'resnet50', name: 'layer4.1-2.conv2', h: 7, c: 512, cout: 512, count: 2 },
  { model: 'densenet121', name: 'denseblock1.*.conv2', h: 56, c: 128, cout: 32, count: 6 },
  { model: 'densenet121', name: 'denseblock2.*.conv2', h: 28, c: 128, cout: 32, count: 12 },
  { model: 'densenet121', name: 'denseblock3.*.conv2', h: 14, c: 128, cout: 32, count: 24 },
  { model: 'densenet121', name: 'denseblock4.*.conv2', h: 7, c: 128, cout: 32, count: 16 },
];

/** Whole-model medians, ours and ORT-web 1.30, 224, one WASM thread, on this machine (issue 18). */
const WHOLE_MS = { resnet50: { ours: 258, ort: 297 }, densenet121: { ours: 190, ort: 215 } } as const;

const ALL_VARIANTS: readonly WinogradVariant[] = (['sep', 'slices', 'depthwise', 'depthwise4'] as const).flatMap((input) =>
  (['batched', 'loop'] as const).flatMap((product) => (['d2s', 'transpose', 'matmul'] as const).map((output) => ({ input, product, output }))),
);

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** Wall time of one call that returns a tensor (wasm kernels run synchronously), the result freed. */
function timeOnce(f: () => tf.Tensor | tf.Tensor[]): number {
  const t0 = performance.now();
  const y = f();
  const t1 = performance.now();
  tf.dispose(y);
  return t1 - t0;
}

interface Row {
  readonly shape: Shape;
  readonly load: string;
  readonly baseMs: number;
  readonly baseB2bMs: number;
  readonly variants: { name: string; ms: number; b2bMs: number; maxAbs: number; maxRel: number }[];
  readonly productBatchedMs: number;
  readonly productLoopMs: number;
}

function benchShape(s: Shape, variants: readonly WinogradVariant[], rounds: number, warmup: number, seed: number): Row {
  const g = tf.randomNormal([3, 3, s.c, s.cout], 0, Math.sqrt(2 / (9 * s.c)), 'float32', seed) as tf.Tensor4D;
  const bias = tf.randomNormal([s.cout], 0, 0.1, 'float32', seed + 1) as tf.Tensor1D;
  const x = tf.randomNormal([1, s.h, s.h, s.c], 0, 1, 'float32', seed + 2) as tf.Tensor4D;
  const pad: [[number, number], [number, number], [number, number], [number, number]] = [
    [0, 0],
    [1, 1],
    [1, 1],
    [0, 0],
  ];
  const base = () => tf.fused.conv2d({ x, filter: g, strides: 1, pad, bias, activation: 'relu' });
  const gData = g.dataSync() as Float32Array;
  const bData = bias.dataSync() as Float32Array;
  const layers = variants.map((v) => winogradConv(gData, bData, s.c, s.cout, v));

  // The product stage alone, on the shapes Winograd feeds it: P = ceil(H/2)², 16 of [P, C] x [C, Cout].
  const p = Math.ceil(s.h / 2) ** 2;
  const vB = tf.randomNormal([16, p, s.c], 0, 1, 'float32', seed + 3) as tf.Tensor3D;
  const uB = tf.randomNormal([16, s.c, s.cout], 0, 1, 'float32', seed + 4) as tf.Tensor3D;
  const vL = tf.unstack(vB) as tf.Tensor2D[];
  const uL = tf.unstack(uB) as tf.Tensor2D[];
  const prodBatched = () => tf.matMul(vB, uB);
  const prodLoop = () => vL.map((v, k) => tf.matMul(v, uL[k]));

  const ref = base();
  const maxRef = tf.tidy(() => tf.max(tf.abs(ref)).dataSync()[0]);
  const errs = layers.map((l) =>
    tf.tidy(() => {
      const d = tf.abs(tf.sub(l.run(x), ref));
      const maxAbs = tf.max(d).dataSync()[0];
      return { maxAbs, maxRel: maxAbs / maxRef };
    }),
  );
  ref.dispose();

  const fns: (() => tf.Tensor | tf.Tensor[])[] = [base, ...layers.map((l) => () => l.run(x)), prodBatched, prodLoop];
  for (let w = 0; w < warmup; w++) for (const f of fns) timeOnce(f);
  const samples = fns.map(() => [] as number[]);
  // Interleaved: baseline, each variant, the product stages, baseline, …
  for (let r = 0; r < rounds; r++) fns.forEach((f, i) => samples[i].push(timeOnce(f)));
  const med = samples.map((xs) => median(xs));
  // Back to back: each alone, `rounds` times in a row, so its weights stay in cache (interleaved,
  // every call starts with the others' data in cache, as a layer in a whole model does).
  const medB2b = fns.map((f) => {
    timeOnce(f);
    return median(Array.from({ length: rounds }, () => timeOnce(f)));
  });

  tf.dispose([g, bias, x, vB, uB, ...vL, ...uL]);
  layers.forEach((l) => l.dispose());
  return {
    shape: s,
    load: load(),
    baseMs: med[0],
    baseB2bMs: medB2b[0],
    variants: variants.map((v, i) => ({ name: variantName(v), ms: med[1 + i], b2bMs: medB2b[1 + i], ...errs[i] })),
    productBatchedMs: med[1 + variants.length],
    productLoopMs: med[2 + variants.length],
  };
}

const shapeLabel = (s: Shape) => `${s.h}²×${s.c}→${s.cout}`;
const best = (r: Row) => r.variants.reduce((a, b) => (b.ms < a.ms ? b : a));
const fmtErr = (x: number) => x.toExponential(1);

async function main(): Promise<void> {
  const rounds = Number(arg('rounds', '15'));
  const warmup = Number(arg('warmup', '3'));
  const names = arg('variants', '');
  const variants = names ? ALL_VARIANTS.filter((v) => names.split(',').includes(variantName(v))) : ALL_VARIANTS;
  if (!variants.length) throw new Error(`--variants: none of ${names}; known: ${ALL_VARIANTS.map(variantName).join(', ')}`);
  if (!(Number.isInteger(rounds) && rounds >= 1 && Number.isInteger(warmup) && warmup >= 0)) throw new Error('--rounds ≥ 1 and --warmup ≥ 0, integers');
  if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend failed to initialise');
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const header = `tfjs-backend-wasm ${tf.version_core} in Node ${process.version}, one thread, SIMD · median of ${rounds} interleaved rounds after ${warmup} warm-up · load at start ${load()}`;
  log(header);
  const numTensors = tf.memory().numTensors;
  const rows: Row[] = [];
  SHAPES.forEach((s, i) => {
    log(`${s.model} ${s.name} ${shapeLabel(s)} …`);
    rows.push(benchShape(s, variants, rounds, warmup, 100 * (i + 1)));
  });
  if (tf.memory().numTensors !== numTensors) throw new Error(`tensor leak: ${tf.memory().numTensors - numTensors} tensors left`);

  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify({ header, rows }, null, 1)}\n`);
    return;
  }
  const out: string[] = [header, ''];
  out.push(
    table(
      [
        'model',
        'layer',
        'shape',
        'n',
        'base ms',
        'best Winograd',
        'wino ms',
        'wino ÷ base',
        'b2b: base ms',
        'b2b: wino ms',
        'b2b: ÷',
        'max |Δ|',
        'max |Δ| ÷ max |y|',
        'load',
      ],
      rows.map((r) => {
        const b = best(r);
        return [
          r.shape.model,
          r.shape.name,
          shapeLabel(r.shape),
          String(r.shape.count),
          formatSig(r.baseMs),
          b.name,
          formatSig(b.ms),
          formatRatio(b.ms / r.baseMs),
          formatSig(r.baseB2bMs),
          formatSig(b.b2bMs),
          formatRatio(b.b2bMs / r.baseB2bMs),
          fmtErr(b.maxAbs),
          fmtErr(b.maxRel),
          r.load,
        ];
      }),
      3,
      [5],
    ),
  );
  out.push('(b2b: the same pair timed back to back, each alone `rounds` times, warm caches)');
  out.push('', 'every variant, interleaved, ms (÷ baseline):');
  out.push(
    table(
      ['shape', 'base', ...variants.map(variantName)],
      rows.map((r) => [shapeLabel(r.shape), formatSig(r.baseMs), ...r.variants.map((v) => `${formatSig(v.ms)} (${formatRatio(v.ms / r.baseMs)})`)]),
    ),
  );
  out.push(
    '',
    'max |Δ| ÷ max |y| over all variants: ' + rows.map((r) => `${shapeLabel(r.shape)} ${fmtErr(Math.max(...r.variants.map((v) => v.maxRel)))}`).join(', '),
  );
  out.push('', 'the product stage alone (16 × [P, C]·[C, Cout], P = ceil(H/2)²) and what the transforms cost around it:');
  out.push(
    table(
      [
        'shape',
        'P',
        'batched [16,P,C]·[16,C,Cout] ms',
        '16 × matMul ms',
        'base ms',
        'best wino ms',
        'wino − its product ms',
        'GFLOP/s base',
        'GFLOP/s product',
      ],
      rows.map((r) => {
        const b = best(r);
        const prod = b.name.includes('/batched/') ? r.productBatchedMs : r.productLoopMs;
        const { h, c, cout } = r.shape;
        const p = Math.ceil(h / 2) ** 2;
        return [
          shapeLabel(r.shape),
          String(p),
          formatSig(r.productBatchedMs),
          formatSig(r.productLoopMs),
          formatSig(r.baseMs),
          formatSig(b.ms),
          formatSig(b.ms - prod),
          formatSig((2 * 9 * h * h * c * cout) / r.baseMs / 1e6),
          formatSig((2 * 16 * p * c * cout) / Math.min(r.productBatchedMs, r.productLoopMs) / 1e6),
        ];
      }),
    ),
  );
  out.push('', 'per model (3×3 stride-1 layers, weighted by count; the faster of baseline and best Winograd per shape):');
  out.push(
    table(
      [
        'model',
        'timing',
        'base Σ ms',
        'wino Σ ms',
        'per-shape min Σ ms',
        'saving ms',
        'whole ms now',
        'projected ms',
        'ORT ms',
        'now ÷ ORT',
        'projected ÷ ORT',
      ],
      (['resnet50', 'densenet121'] as const).flatMap((m) =>
        (['interleaved', 'back to back'] as const).map((timing) => {
          const rs = rows.filter((r) => r.shape.model === m);
          const base = (r: Row) => (timing === 'interleaved' ? r.baseMs : r.baseB2bMs);
          const wino = (r: Row) => Math.min(...r.variants.map((v) => (timing === 'interleaved' ? v.ms : v.b2bMs)));
          const baseSum = rs.reduce((a, r) => a + r.shape.count * base(r), 0);
          const winoSum = rs.reduce((a, r) => a + r.shape.count * wino(r), 0);
          const minSum = rs.reduce((a, r) => a + r.shape.count * Math.min(base(r), wino(r)), 0);
          const { ours, ort } = WHOLE_MS[m];
          const projected = ours - (baseSum - minSum);
          return [
            m,
            timing,
            formatSig(baseSum),
            formatSig(winoSum),
            formatSig(minSum),
            formatSig(baseSum - minSum),
            String(ours),
            formatSig(projected),
            String(ort),
            formatRatio(ours / ort),
            formatRatio(projected / ort),
          ];
        }),
      ),
      2,
    ),
  );
  out.push('', `load at end ${load()}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
