/**
 * The wasm training kernels of lib/train/kernels against the forward conv of the same layer.
 *
 *   npx tsx scripts/bench-train-kernels.ts [--models densenet_digits,...] [--per-kind 2]
 *                                          [--repeats 5] [--warmup 1] [--json]
 *
 * For the costliest distinct conv layers of each kind (dense, depthwise, grouped) of each model
 * (digits models at 28×28, batch 64 = the training default; ImageNet models at 64×64, batch 8 =
 * the training-parity geometry), in one run on wasm: the forward conv, the weight gradient (Conv2DBackpropFilter or
 * DepthwiseConv2dNativeBackpropFilter: ours) and the input gradient (Conv2DBackpropInput,
 * DepthwiseConv2dNativeBackpropInput: ours), each as a ratio to the forward, and for dense
 * layers wasm's own Conv2DBackpropInput, which ours replaces, as a ratio to ours. All three do
 * the same MACs (our input gradients do sh·sw times more on strided layers: they correlate a
 * zero-dilated dy), so ~1× means the composition costs nothing extra.
 * Grouped convs are timed in their 'packed' form (one depthwise conv over [N, H, W·cgIn, G]).
 * Times are medians after warm-up, each run = the kernel plus a dataSync.
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { convKind } from '../lib/arch/conv-kind';
import type { ConvOp } from '../lib/arch/ir';
import { buildGraph, getModel } from '../lib/arch/registry';
import { formatRatio, formatSig } from '../lib/format';
import { explicitPad } from '../lib/runtime/groupconv';
import { median } from '../lib/runtime/profiler';
import { hashU } from '../lib/runtime/weights/hash-init';
import { ensureTrainingKernels } from '../lib/train/kernels';

const DEFAULT_MODELS = [
  'densenet_digits',
  'resnext_digits',
  'resnet_digits',
  'shufflenet_v2_digits',
  'mnasnet_digits',
  'shufflenet_v2_x0_5',
  'mnasnet0_5',
  'densenet121',
  'resnext50_32x4d',
];

interface Layer {
  readonly model: string;
  readonly name: string;
  readonly kind: 'dense' | 'depthwise' | 'grouped';
  readonly batch: number;
  /** The tfjs conv actually run: x [N, H, W, C], filter [kh, kw, C, out] (dense) or [kh, kw, C, M] (depthwise). */
  readonly x: [number, number, number, number];
  readonly filter: [number, number, number, number];
  readonly strides: [number, number];
  readonly pad: tf.backend_util.ExplicitPadding;
  readonly macs: number;
  readonly count: number;
}

/** The tfjs form of a conv node: dense as is, depthwise with multiplier, grouped as 'packed'. */
function tfjsConv(op: ConvOp, h: number, w: number, batch: number): Omit<Layer, 'model' | 'name' | 'count'> {
  const [kh, kw] = op.kernel;
  const kind = convKind(op);
  const oh = Math.floor((h + 2 * op.padding[0] - kh) / op.stride[0]) + 1;
  const ow = Math.floor((w + 2 * op.padding[1] - kw) / op.stride[1]) + 1;
  const macs = batch * oh * ow * op.outC * (op.inC / op.groups) * kh * kw;
  const strides: [number, number] = [op.stride[0], op.stride[1]];
  if (kind === 'dense') return { kind, batch, x: [batch, h, w, op.inC], filter: [kh, kw, op.inC, op.outC], strides, pad: explicitPad(op.padding), macs };
  if (kind === 'depthwise')
    return { kind, batch, x: [batch, h, w, op.inC], filter: [kh, kw, op.inC, op.outC / op.inC], strides, pad: explicitPad(op.padding), macs };
  const cgIn = op.inC / op.groups;
  return {
    kind,
    batch,
    x: [batch, h, w * cgIn, op.groups],
    filter: [kh, kw * cgIn, op.groups, op.outC / op.groups],
    strides: [op.stride[0], op.stride[1] * cgIn],
    pad: explicitPad([op.padding[0], op.padding[1] * cgIn]),
    macs,
  };
}

function layersOf(model: string, perKind: number): Layer[] {
  const entry = getModel(model);
  const digits = entry.dataset === 'digits';
  const size = digits ? 28 : 64;
  const batch = digits ? 64 : 8;
  const graph = buildGraph(model, { size });
  const byKey = new Map<string, Layer>();
  for (const node of graph.nodes) {
    if (node.op.kind !== 'conv') continue;
    const [, h, w] = node.inShapes[0];
    const l = tfjsConv(node.op, h, w, batch);
    const key = JSON.stringify([l.kind, l.x, l.filter, l.strides, l.pad]);
    const seen = byKey.get(key);
    byKey.set(key, seen ? { ...seen, count: seen.count + 1 } : { ...l, model, name: node.name, count: 1 });
  }
  // The costliest (MACs × occurrences) of each conv kind, so depthwise and grouped layers show.
  const ranked = [...byKey.values()].sort((a, b) => b.macs * b.count - a.macs * a.count);
  return (['dense', 'depthwise', 'grouped'] as const).flatMap((kind) => ranked.filter((l) => l.kind === kind).slice(0, perKind));
}

function time(run: () => tf.Tensor, warmup: number, repeats: number): number {
  const samples: number[] = [];
  for (let r = 0; r < warmup + repeats; r++) {
    const t0 = performance.now();
    const y = run();
    y.dataSync();
    const ms = performance.now() - t0;
    y.dispose();
    if (r >= warmup) samples.push(ms);
  }
  return median(samples);
}

const values = (seed: number, shape: readonly number[]) => new Float32Array(shape.reduce((a, b) => a * b, 1)).map((_, i) => 2 * hashU(seed, i));

/** Runs `body` with `config` registered in place of the current kernel of that name. */
function withKernel<T>(config: tf.KernelConfig, body: () => T): T {
  const current = tf.getKernel(config.kernelName, config.backendName) as tf.KernelConfig;
  tf.unregisterKernel(config.kernelName, config.backendName);
  tf.registerKernel(config);
  try {
    return body();
  } finally {
    tf.unregisterKernel(config.kernelName, config.backendName);
    tf.registerKernel(current);
  }
}

interface Times {
  forward: number;
  filterGrad: number;
  inputGrad: number;
  /** wasm's own Conv2DBackpropInput (dense layers only). */
  nativeInputGrad: number | null;
}

function bench(l: Layer, warmup: number, repeats: number, nativeInput: tf.KernelConfig): Times {
  const dw = l.kind !== 'dense';
  const x = tf.tensor4d(values(1, l.x), l.x);
  const f = tf.tensor4d(values(2, l.filter), l.filter);
  const fwd = () => (dw ? tf.depthwiseConv2d(x, f, l.strides, l.pad) : tf.conv2d(x, f, l.strides, l.pad));
  const y = fwd();
  const dy = tf.tensor4d(values(3, y.shape), y.shape as [number, number, number, number]);
  y.dispose();
  const attrs = { strides: l.strides, pad: l.pad, dilations: [1, 1], dataFormat: 'NHWC' };
  const run = (kernel: string, inputs: tf.NamedTensorMap, extra: Record<string, unknown>) => () =>
    tf.engine().runKernel(kernel, inputs, { ...attrs, ...extra } as unknown as tf.NamedAttrMap) as tf.Tensor;
  try {
    return {
      forward: time(fwd, warmup, repeats),
      filterGrad: time(run(dw ? 'DepthwiseConv2dNativeBackpropFilter' : 'Conv2DBackpropFilter', { x, dy }, { filterShape: l.filter }), warmup, repeats),
      inputGrad: time(run(dw ? 'DepthwiseConv2dNativeBackpropInput' : 'Conv2DBackpropInput', { dy, filter: f }, { inputShape: l.x }), warmup, repeats),
      nativeInputGrad: dw ? null : withKernel(nativeInput, () => time(run('Conv2DBackpropInput', { dy, filter: f }, { inputShape: l.x }), warmup, repeats)),
    };
  } finally {
    tf.dispose([x, f, dy]);
  }
}

async function main(): Promise<void> {
  const { values: opts } = parseArgs({
    options: {
      models: { type: 'string', default: DEFAULT_MODELS.join(',') },
      'per-kind': { type: 'string', default: '2' },
      repeats: { type: 'string', default: '5' },
      warmup: { type: 'string', default: '1' },
      json: { type: 'boolean', default: false },
    },
  });
  tf.env().set('PROD', true); // no "install tfjs-node" banner, no debug checks
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false); // one thread, as lib/runtime/backend.ts runs WASM in Node (pages that are cross-origin isolated get threads)
  if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend failed to initialise');
  await tf.ready();
  const nativeInput = tf.getKernel('Conv2DBackpropInput', 'wasm');
  if (!nativeInput) throw new Error('tfjs-backend-wasm has no Conv2DBackpropInput of its own to compare with');
  ensureTrainingKernels('wasm');
  const repeats = Number(opts.repeats);
  const warmup = Number(opts.warmup);
  const rows: (Layer & Times)[] = [];
  for (const model of opts.models!.split(',')) {
    for (const l of layersOf(model, Number(opts['per-kind']))) {
      rows.push({ ...l, ...bench(l, warmup, repeats, nativeInput) });
      if (!opts.json) process.stderr.write(`  ${model} ${l.name} done\n`);
    }
  }
  if (opts.json) {
    console.log(JSON.stringify({ backend: 'wasm', repeats, warmup, rows }, null, 1));
    return;
  }
  const head = [
    'model',
    'layer (×n)',
    'kind',
    'tfjs x → filter, stride',
    'MMACs',
    'forward ms',
    'dW ms',
    'dW / fwd',
    'dx ms',
    'dx / fwd',
    "wasm's dx ms",
    "wasm's / ours",
  ];
  const lines = rows.map((r) => [
    r.model,
    `${r.name} (×${r.count})`,
    r.kind === 'grouped' ? 'grouped (packed)' : r.kind,
    `[${r.x.join(',')}] → [${r.filter.join(',')}], s${r.strides.join('x')}`,
    formatSig(r.macs / 1e6),
    formatSig(r.forward),
    formatSig(r.filterGrad),
    formatRatio(r.filterGrad / r.forward),
    formatSig(r.inputGrad),
    formatRatio(r.inputGrad / r.forward),
    r.nativeInputGrad === null ? '' : formatSig(r.nativeInputGrad),
    r.nativeInputGrad === null ? '' : formatRatio(r.nativeInputGrad / r.inputGrad),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (cells: string[]) => '| ' + cells.map((c, i) => (i < 4 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ') + ' |';
  console.log(`\nwasm training kernels vs the forward conv (median of ${repeats} after ${warmup} warm-up; dW, dx: ours)`);
  console.log(row(head));
  console.log('|' + widths.map((w, i) => (i < 4 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|');
  for (const l of lines) console.log(row(l));
  const sum = (k: 'forward' | 'filterGrad' | 'inputGrad', only?: (r: Layer & Times) => boolean) =>
    rows.filter((r) => !only || only(r)).reduce((a, r) => a + r[k] * r.count, 0);
  const dense = (r: Layer & Times) => r.nativeInputGrad !== null;
  const native = rows.filter(dense).reduce((a, r) => a + (r.nativeInputGrad as number) * r.count, 0);
  console.log(
    `weighted by layer count: dW / forward ${formatRatio(sum('filterGrad') / sum('forward'))}, dx / forward ${formatRatio(sum('inputGrad') / sum('forward'))}; ` +
      `dense dx, wasm's own / ours: ${formatRatio(native / sum('inputGrad', dense))}`,
  );
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
