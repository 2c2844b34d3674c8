/**
 * `npx tsx scripts/bench-fast-paths.ts [--models a,b] [--size 224] [--rounds 5] [--runs 3] [--layers] [--json]`
 *
 * What each of the executor's fast paths buys (lib/runtime/plan.ts FAST_PATHS), in Node on
 * tfjs-backend-wasm (SIMD, one thread; no browser, no build): per model, the same weights run with
 * no fast path, each one alone, and all of them, interleaved round by round (so load from other
 * processes spreads over every configuration), each configuration's median over all rounds, and
 * its ratio to "none" in the same run; the pass's CPU time (process.cpuUsage: this process only, so
 * far less sensitive than wall time to other processes on a shared machine) next to wall time. `--layers` adds the profiler's time per op kind for "none"
 * and "all". Every configuration's logits are checked against "none" (rel L2) before timing: a fast
 * path is only worth measuring when it is exact. The machine's load average goes in the header.
 */
import { loadavg } from 'node:os';
import type { FastPath } from '../lib/runtime/plan';

const log = (s: string) => process.stderr.write(`${s}\n`);
const LESSON_MODELS = ['shufflenet_v2_x1_0', 'mnasnet1_0', 'densenet121', 'resnext50_32x4d', 'resnet50'];

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

async function main(): Promise<void> {
  const models = arg('models', LESSON_MODELS.join(',')).split(',');
  const size = Number(arg('size', '224'));
  const rounds = Number(arg('rounds', '5'));
  const runs = Number(arg('runs', '3'));
  const layers = process.argv.includes('--layers');
  const tf = await import('@tensorflow/tfjs');
  await import('@tensorflow/tfjs-backend-wasm');
  if (!(await tf.setBackend('wasm'))) throw new Error('wasm backend failed to initialise');
  const { buildGraph } = await import('../lib/arch');
  const { Model } = await import('../lib/runtime/executor');
  const { heInit } = await import('../lib/runtime/weights/he-init');
  const { profileModel } = await import('../lib/runtime/profiler');
  const { randomInput, median } = await import('../lib/runtime/timing');
  const { FAST_PATHS } = await import('../lib/runtime/plan');

  const configs: Array<{ label: string; fast: FastPath[] }> = [
    { label: 'none', fast: [] },
    ...FAST_PATHS.map((f) => ({ label: f, fast: [f] })),
    { label: 'all', fast: [...FAST_PATHS] },
  ];
  const out: Record<string, unknown>[] = [];
  const load0 = loadavg();
  for (const id of models) {
    const graph = buildGraph(id, { size });
    const sd = heInit(graph, 0);
    const ms = configs.map((c) => Model.create(graph, sd, { fast: c.fast }));
    const x = randomInput(size, graph.input[0]);
    // Exactness first: every configuration against "none".
    const ref = ms[0].predict(x);
    const r = ref.dataSync();
    const rel = ms.map((m) => {
      const y = m.predict(x);
      const a = y.dataSync();
      y.dispose();
      let num = 0;
      let den = 0;
      for (let i = 0; i < a.length; i++) {
        num += (a[i] - r[i]) ** 2;
        den += r[i] ** 2;
      }
      return Math.sqrt(num / den);
    });
    ref.dispose();
    const samples = configs.map(() => [] as number[]);
    const cpu = configs.map(() => [] as number[]);
    for (let round = 0; round < rounds; round++)
      for (let c = 0; c < configs.length; c++) {
        for (let i = 0; i < (round === 0 ? 2 : 0) + runs; i++) {
          const c0 = process.cpuUsage();
          const t0 = performance.now();
          const y = ms[c].predict(x);
          y.dataSync();
          y.dispose();
          const wall = performance.now() - t0;
          const used = process.cpuUsage(c0);
          if (round > 0 || i >= 2) {
            samples[c].push(wall);
            cpu[c].push((used.user + used.system) / 1000);
          }
        }
      }
    const med = samples.map(median);
    const min = samples.map((xs) => Math.min(...xs));
    const cpuMed = cpu.map(median);
    const kinds: Record<string, Record<string, number>> = {};
    if (layers)
      for (const c of [0, configs.length - 1]) {
        const p = await profileModel(ms[c], x, { warmup: 1, repeats: 3 });
        const byKind: Record<string, number> = {};
        for (const l of p.layers) byKind[l.op] = (byKind[l.op] ?? 0) + l.ms;
        kinds[configs[c].label] = byKind;
      }
    const load = loadavg()[0].toFixed(2);
    log(
      `${id} @${size} (load ${load}), CPU time of the pass, median ms (÷ none): ${configs.map((c, i) => `${c.label} ${cpuMed[i].toFixed(1)} (${(cpuMed[i] / cpuMed[0]).toFixed(3)}×)`).join(' · ')}`,
    );
    log(
      `  wall median / fastest ms (÷ none): ${configs
        .map(
          (c, i) =>
            `${c.label} ${med[i].toFixed(1)} / ${min[i].toFixed(1)} (${(med[i] / med[0]).toFixed(3)}× / ${(min[i] / min[0]).toFixed(3)}×, rel L2 ${rel[i].toExponential(1)})`,
        )
        .join(' · ')}`,
    );
    if (layers)
      for (const [label, byKind] of Object.entries(kinds))
        log(
          `  ${label} per op kind: ${Object.entries(byKind)
            .sort((a, b) => b[1] - a[1])
            .map(([k, v]) => `${k} ${v.toFixed(2)}`)
            .join(', ')}`,
        );
    out.push({
      model: id,
      size,
      load1: Number(load),
      configs: configs.map((c, i) => ({
        ...c,
        median_ms: med[i],
        fastest_ms: min[i],
        cpu_median_ms: cpuMed[i],
        over_none: med[i] / med[0],
        relL2: rel[i],
        samples_ms: samples[i],
      })),
      ...(layers ? { perOpKind: kinds } : {}),
    });
    x.dispose();
    ms.forEach((m) => m.dispose());
  }
  if (process.argv.includes('--json')) console.log(JSON.stringify({ load1_start: load0[0], runs, rounds, results: out }, null, 2));
}

main().catch((e: unknown) => {
  log(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
