/**
 * Test-only: a runtime ModelProfile made up for a graph, one step per node (no fusion), with times
 * from `ms` (default: 0.01 ms + 1 ms per 10 M MACs). tfjs-free, so lab tests stay fast.
 */
import { nodeCost } from '../../arch/cost';
import type { Graph, Node } from '../../arch/ir';
import { stepWork } from '../../arch/roofline';
import type { ModelProfile, TimerKind } from '../../runtime/profiler';

export interface FakeProfileOptions {
  readonly ms?: (node: Node, index: number) => number;
  readonly timer?: TimerKind;
  readonly backend?: string;
  /** The whole-model time as a multiple of the layer sum (default 0.8). */
  readonly wholeOverSum?: number;
  /** WASM threads (default 1 on wasm, null elsewhere). */
  readonly threads?: number | null;
  /** The slowest plain pass as a multiple of the typical one (default 1: no spread). */
  readonly slowestOverWhole?: number;
}

export function fakeModelProfile(graph: Graph, o: FakeProfileOptions = {}): ModelProfile {
  const timer = o.timer ?? 'wall';
  const msOf = o.ms ?? ((n: Node) => 0.01 + nodeCost(n).macs / 1e7);
  const layers = graph.nodes.map((n, i) => {
    const ms = msOf(n, i);
    const work = stepWork([n]);
    return {
      name: n.name,
      op: n.op.kind,
      group: n.group,
      nodes: [n.name],
      macs: work.macs,
      bytes: work.bytes.total,
      ms,
      samples: [ms, ms],
      timer,
      estimator: 'median' as const,
    };
  });
  const sum = layers.reduce((s, l) => s + l.ms, 0);
  const whole = sum * (o.wholeOverSum ?? 0.8);
  return {
    graphId: graph.id,
    backend: o.backend ?? 'wasm',
    inputShape: [1, graph.input[1], graph.input[2], graph.input[0]],
    warmup: 1,
    repeats: 2,
    layers,
    sumLayersMs: sum,
    wholeMs: whole,
    wholeEstimator: timer === 'wall' ? 'middle-half mean' : 'median',
    wholeSamples: [whole, whole],
    wholeSpread: { fastest: whole, q1: whole, q3: whole * (o.slowestOverWhole ?? 1), slowest: whole * (o.slowestOverWhole ?? 1) },
    threads: o.threads !== undefined ? o.threads : (o.backend ?? 'wasm') === 'wasm' ? 1 : null,
    relativeGap: (sum - whole) / whole,
    timers: [timer],
    tracePassMs: sum + 0.5,
    overheadMs: 0.5,
    clockResolutionMs: timer === 'wall' ? 0.1 : null,
  };
}
