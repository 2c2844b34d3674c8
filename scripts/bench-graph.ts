/**
 * Benchmark of the architecture-graph view model (lib/graph): visibleGraph + layoutGraph time for
 * a few models, collapsed and fully expanded. Median of N runs after a warm-up.
 *
 *   npx tsx scripts/bench-graph.ts            # N = 30
 *   npx tsx scripts/bench-graph.ts 100        # N = 100
 *
 * Targets (the brief): layout of densenet201 fully expanded < 50 ms.
 */
import { buildGraph, type Graph } from '../lib/arch';
import { expandAll, layoutGraph, visibleGraph } from '../lib/graph';

const N = Number(process.argv[2] ?? 30);
const WARMUP = 5;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
};

function bench(g: Graph, expanded: ReadonlySet<string>) {
  const tv: number[] = [];
  const tl: number[] = [];
  let items = 0;
  let edges = 0;
  let frames = 0;
  for (let i = 0; i < WARMUP + N; i++) {
    const t0 = performance.now();
    const v = visibleGraph(g, expanded);
    const t1 = performance.now();
    const l = layoutGraph(v);
    const t2 = performance.now();
    if (i >= WARMUP) {
      tv.push(t1 - t0);
      tl.push(t2 - t1);
    }
    items = l.items.length;
    edges = l.edges.length;
    frames = l.frames.length;
  }
  return { items, edges, frames, visible: median(tv), layout: median(tl), total: median(tv.map((t, i) => t + tl[i])) };
}

const rows: string[][] = [['model', 'view', 'IR nodes', 'items', 'frames', 'edges', 'visible ms', 'layout ms', 'total ms']];
for (const id of ['densenet201', 'densenet121', 'resnet50', 'resnext101_32x8d', 'shufflenet_v2_x1_0', 'mnasnet_a1']) {
  const g = buildGraph(id);
  for (const [view, expanded] of [
    ['collapsed', new Set<string>()],
    ['expanded', expandAll(g)],
  ] as const) {
    const r = bench(g, expanded);
    rows.push([
      id,
      view,
      String(g.nodes.length),
      String(r.items),
      String(r.frames),
      String(r.edges),
      r.visible.toFixed(2),
      r.layout.toFixed(2),
      r.total.toFixed(2),
    ]);
  }
}
const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
console.log(`lib/graph benchmark: median of ${N} after ${WARMUP} warm-up runs, Node ${process.version}`);
for (const r of rows) console.log(r.map((v, c) => (c < 2 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  '));
