/**
 * How long a knob change takes to update the lab's counts: rebuilding the spec (shape inference)
 * and the cost model, for each model, side by side. Target: < 50 ms (issue "Model lab").
 *   npx tsx scripts/bench-knobs.ts [runs]
 */
import { MODEL_IDS } from '@/lib/arch';
import { labGraph } from '@/lib/models/lab-graph';
import { labSchema, type LabState } from '@/lib/models/lab-schema';
import { parseParams } from '@/lib/url-state/schema';

const runs = Number(process.argv[2] ?? 30);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

console.log(`knob change → spec + counts, median of ${runs} after warm-up (Node ${process.version})`);
console.log('model'.padEnd(22), 'nodes'.padStart(6), 'ms'.padStart(8), 'vs 50 ms budget'.padStart(16));
for (const id of MODEL_IDS) {
  const state = parseParams(labSchema(id), new URLSearchParams('')).state as LabState;
  const times: number[] = [];
  let nodes = 0;
  for (let i = 0; i < runs + 3; i++) {
    const t0 = performance.now();
    const r = labGraph(id, { ...state, seed: i });
    const dt = performance.now() - t0;
    if (r.ok) nodes = r.graph.nodes.length;
    if (i >= 3) times.push(dt);
  }
  const ms = median(times);
  console.log(id.padEnd(22), String(nodes).padStart(6), ms.toFixed(2).padStart(8), `${((ms / 50) * 100).toFixed(0)}%`.padStart(16));
}
