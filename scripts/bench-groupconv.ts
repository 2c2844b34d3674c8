/**
 * Grouped-convolution strategies side by side on the ResNeXt-50 (32x4d) grouped 3x3 layers.
 *
 *   npx tsx scripts/bench-groupconv.ts [--backends wasm,cpu] [--size 224] [--repeats 10]
 *                                      [--warmup 2] [--strategies split,depthwise,...] [--all] [--json]
 *
 * Times are medians of `repeats` runs after `warmup` runs, each run = the grouped conv plus a
 * dataSync (cpu and wasm execute synchronously, so this is the kernel time plus a copy-out).
 * By default the 7 distinct layer shapes run once each and the 16-layer total is weighted by how
 * often each shape occurs; --all runs all 16 layers. Ratios are relative to 'split' (the naive
 * strategy); the fastest strategy per backend is the runtime default (lib/runtime/groupconv.ts).
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { GROUP_CONV_STRATEGIES, type GroupConvGeometry, type GroupConvStrategy, prepareGroupConv } from '../lib/runtime/groupconv';
import { median } from '../lib/runtime/profiler';
import { hashU } from '../lib/runtime/weights/hash-init';
import { formatRatio, formatSig } from '../lib/format';

interface LayerShape extends GroupConvGeometry {
  readonly name: string;
  readonly h: number;
  readonly count: number;
}

/** The grouped conv2 of every ResNeXt-50 bottleneck: [3, 4, 6, 3] blocks, width 128..1024, G = 32. */
function resnext50Layers(size: number, all: boolean): LayerShape[] {
  const out: LayerShape[] = [];
  const blocks = [3, 4, 6, 3];
  let h = Math.floor((Math.floor((size + 6 - 7) / 2) + 1 + 2 - 3) / 2) + 1; // stem conv s2 + maxpool s2
  blocks.forEach((n, li) => {
    const width = 128 * 2 ** li;
    for (let i = 0; i < n; i++) {
      const stride = i === 0 && li > 0 ? 2 : 1;
      const geom = { inC: width, outC: width, groups: 32, kernel: [3, 3] as const, stride: [stride, stride] as const, padding: [1, 1] as const };
      const name = `layer${li + 1}.${i}.conv2`;
      if (all) out.push({ ...geom, name, h, count: 1 });
      else if (i <= 1) out.push({ ...geom, name: i === 0 ? name : `layer${li + 1}.${i}-${n - 1}.conv2`, h, count: i === 0 ? 1 : n - 1 });
      if (stride === 2) h = Math.floor((h + 2 - 3) / 2) + 1;
    }
  });
  // layer1 block 0 has the same shape as blocks 1-2: merge it for the distinct view.
  if (!all) {
    const [a, b, ...rest] = out;
    return [{ ...a, name: 'layer1.0-2.conv2', count: a.count + b.count }, ...rest];
  }
  return out;
}

function timeOne(strategy: GroupConvStrategy, l: LayerShape, warmup: number, repeats: number): number {
  const w = new Float32Array(l.outC * (l.inC / l.groups) * 9).map((_, i) => 0.1 * hashU(1, i));
  const prepared = prepareGroupConv(strategy, l, w);
  const x = tf.tidy(() =>
    tf.tensor4d(
      new Float32Array(l.h * l.h * l.inC).map((_, i) => hashU(2, i)),
      [1, l.h, l.h, l.inC],
    ),
  );
  const samples: number[] = [];
  try {
    for (let r = 0; r < warmup + repeats; r++) {
      const t0 = performance.now();
      const y = prepared.run(x);
      y.dataSync();
      const ms = performance.now() - t0;
      y.dispose();
      if (r >= warmup) samples.push(ms);
    }
  } finally {
    prepared.dispose();
    x.dispose();
  }
  return median(samples);
}

const fmt = (ms: number) => formatSig(ms);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      backends: { type: 'string', default: 'wasm,cpu' },
      size: { type: 'string', default: '224' },
      repeats: { type: 'string' },
      warmup: { type: 'string', default: '2' },
      strategies: { type: 'string', default: GROUP_CONV_STRATEGIES.join(',') },
      all: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  tf.env().set('PROD', true); // no "install tfjs-node" banner, no debug checks
  const size = Number(values.size);
  const strategies = values.strategies!.split(',') as GroupConvStrategy[];
  for (const s of strategies) if (!GROUP_CONV_STRATEGIES.includes(s)) throw new Error(`unknown strategy ${s}; valid: ${GROUP_CONV_STRATEGIES.join(', ')}`);
  const layers = resnext50Layers(size, values.all!);
  const report: Record<string, unknown>[] = [];

  for (const backend of values.backends!.split(',')) {
    if (!(await tf.setBackend(backend))) throw new Error(`backend ${backend} failed to initialise`);
    await tf.ready();
    const repeats = Number(values.repeats ?? (backend === 'cpu' ? 3 : 10));
    const warmup = Number(values.warmup);
    const rows: { layer: LayerShape; ms: Record<string, number> }[] = [];
    for (const l of layers) {
      const ms: Record<string, number> = {};
      for (const s of strategies) ms[s] = timeOne(s, l, warmup, repeats);
      rows.push({ layer: l, ms });
      if (!values.json) process.stderr.write(`  ${backend} ${l.name} done\n`);
    }
    const totals: Record<string, number> = {};
    for (const s of strategies) totals[s] = rows.reduce((a, r) => a + r.ms[s] * r.layer.count, 0);
    const winner = strategies.reduce((a, b) => (totals[b] < totals[a] ? b : a));
    report.push({
      backend,
      size,
      repeats,
      warmup,
      winner,
      totals,
      rows: rows.map((r) => ({ layer: r.layer.name, shape: `${r.layer.inC}x${r.layer.h}x${r.layer.h} s${r.layer.stride[0]}`, count: r.layer.count, ms: r.ms })),
    });
    if (values.json) continue;

    const base = strategies.includes('split') ? 'split' : strategies[0];
    const head = ['layer', 'in CxHxW, stride', 'n', ...strategies.map((s) => `${s} ms`), 'best', `best vs ${base}`];
    const lines = rows.map((r) => {
      const best = strategies.reduce((a, b) => (r.ms[b] < r.ms[a] ? b : a));
      return [
        r.layer.name,
        `${r.layer.inC}x${r.layer.h}x${r.layer.h}, s${r.layer.stride[0]}`,
        String(r.layer.count),
        ...strategies.map((s) => fmt(r.ms[s])),
        best,
        formatRatio(r.ms[base] / r.ms[best]),
      ];
    });
    lines.push([
      `all ${rows.reduce((a, r) => a + r.layer.count, 0)} layers`,
      '',
      '',
      ...strategies.map((s) => fmt(totals[s])),
      winner,
      formatRatio(totals[base] / totals[winner]),
    ]);
    const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
    const row = (cells: string[]) => '| ' + cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ') + ' |';
    console.log(`\nResNeXt-50 32x4d grouped 3x3 convs, ${size}x${size}, backend ${backend}: median of ${repeats} after ${warmup} warm-up (ms)`);
    console.log(row(head));
    console.log('|' + widths.map((w, i) => (i < 2 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|');
    for (const l of lines) console.log(row(l));
    console.log(`ratios vs ${base} (16-layer total): ` + strategies.map((s) => `${s} ${formatRatio(totals[base] / totals[s])}`).join(', '));
    console.log(`winner on ${backend}: ${winner}`);
  }
  if (values.json) console.log(JSON.stringify(report, null, 1));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
