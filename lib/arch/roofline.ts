/**
 * The roofline model (Williams, Waterman & Patterson, "Roofline: an insightful visual performance
 * model for multicore architectures", CACM 52(4), 2009) for one step of the forward pass: a node,
 * or a conv with the BatchNorm (and activation) folded into it, as the executor runs them.
 *
 * Work and traffic come from the cost model (cost.ts), per step:
 * - FLOPs = 2·MACs + the element-wise ops the MAC count leaves out (BN scale-and-shift, ReLU, adds,
 *   pooling windows, cost.ts's `otherOps`): every floating-point operation the step does. Inside a
 *   fused step the BN and activation still compute, so their ops count; their separate memory
 *   passes do not happen, so their traffic does not.
 * - bytes = compulsory DRAM traffic in float32 (4 bytes a value): every input read once, every
 *   weight read once, the output written once; no cache reuse and no re-reads are modelled, so it
 *   is a lower bound on what the kernel moves. A fused step reads the conv's input and its folded
 *   filter, plus one per-channel bias (the BN's scale and shift folded in: outC values, see
 *   lib/runtime/fusion.ts), and writes the chain's last output. Views cost nothing (flatten,
 *   eval-mode dropout). A channel slice is a view in PyTorch (cost.ts counts 0) but tfjs' slice
 *   copies, so here it reads and writes its output: the roofline describes what the runtime does.
 * - intensity = FLOPs / bytes (FLOP per byte); 0 for pure data movement (concat, slice, shuffle).
 *
 * The bound on a step is min(peak, intensity × bandwidth) in FLOP/s; as time it is
 * max(FLOPs / peak, bytes / bandwidth). The fraction reached is that bound time over the measured
 * time, which equals attained FLOP/s over the roof for steps with FLOPs and attained bandwidth over
 * the bandwidth roof for pure copies, so every step gets a fraction.
 */
import { nodeCost } from './cost';
import type { Node } from './ir';

const BYTES = 4;
const numel = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

export interface StepTraffic {
  /** Bytes of the step's inputs read (float32). */
  readonly inputs: number;
  /** Bytes of weights read: conv/linear weights and bias, BN vectors (or the folded bias). */
  readonly weights: number;
  /** Bytes of the step's output written. */
  readonly outputs: number;
  readonly total: number;
}

export interface StepWork {
  readonly macs: number;
  /** 2·MACs + other element-wise ops. */
  readonly flops: number;
  readonly bytes: StepTraffic;
  /** FLOPs per byte; 0 when nothing is computed, NaN when nothing moves. */
  readonly intensity: number;
}

/** Bytes one node moves on its own (not fused), split by role. */
function nodeTraffic(node: Node): StepTraffic {
  const op = node.op;
  const inputs = node.inShapes.reduce((a, s) => a + numel(s), 0) * BYTES;
  const outputs = numel(node.outShape) * BYTES;
  let weights = 0;
  switch (op.kind) {
    case 'conv':
    case 'linear':
      weights = nodeCost(node).params * BYTES;
      break;
    case 'bn':
      // Folded to a per-channel scale and shift at load time (lib/runtime/ops: x·scale + shift).
      weights = 2 * op.channels * BYTES;
      break;
    case 'flatten':
    case 'dropout':
      return { inputs: 0, weights: 0, outputs: 0, total: 0 };
    case 'slice':
      // tf.slice copies its output: read that much, write that much.
      return { inputs: outputs, weights: 0, outputs, total: 2 * outputs };
    default:
      break;
  }
  return { inputs, weights, outputs, total: inputs + weights + outputs };
}

/**
 * Work and traffic of one step: `nodes` are the nodes it computes in graph order, the first being
 * the one that reads the step's input (the conv of a fused conv → BN (→ activation) chain, the BN
 * of a BN → activation step, the first of a run of channel copies).
 */
export function stepWork(nodes: readonly Node[]): StepWork {
  if (nodes.length === 0) throw new Error('a step computes at least one node');
  let macs = 0;
  let otherOps = 0;
  for (const n of nodes) {
    const c = nodeCost(n);
    macs += c.macs;
    otherOps += c.otherOps;
  }
  const flops = 2 * macs + otherOps;
  let bytes: StepTraffic;
  if (nodes.length === 1) {
    bytes = nodeTraffic(nodes[0]);
  } else if (nodes[0].op.kind === 'conv') {
    const head = nodes[0];
    const op = nodes[0].op;
    const last = nodes[nodes.length - 1];
    const inputs = head.inShapes.reduce((a, s) => a + numel(s), 0) * BYTES;
    // The folded filter has the conv's weight count; the bias is one value per output channel.
    const weights = (op.outC * (op.inC / op.groups) * op.kernel[0] * op.kernel[1] + op.outC) * BYTES;
    const outputs = numel(last.outShape) * BYTES;
    bytes = { inputs, weights, outputs, total: inputs + weights + outputs };
  } else {
    // Another fused step (lib/runtime/plan.ts: a BN -> activation, or concat / shuffle / slices as
    // one copy): it reads what comes from outside the step and writes the values no other node of
    // the step reads (the last node; the two halves of a channel split); a BN reads its scale and shift.
    const inside = new Set(nodes.map((n) => n.name));
    let inputs = 0;
    for (const n of nodes) n.inputs.forEach((name, k) => (inputs += inside.has(name) ? 0 : numel(n.inShapes[k]) * BYTES));
    const leaves = nodes.filter((n) => !nodes.some((m) => m.inputs.includes(n.name)));
    const outputs = leaves.reduce((a, n) => a + numel(n.outShape), 0) * BYTES;
    const weights = nodes.reduce((a, n) => a + nodeTraffic(n).weights, 0);
    bytes = { inputs, weights, outputs, total: inputs + weights + outputs };
  }
  return { macs, flops, bytes, intensity: bytes.total > 0 ? flops / bytes.total : flops > 0 ? Infinity : NaN };
}

/** A device's two roofs: peak arithmetic throughput and memory bandwidth. */
export interface Roofs {
  /** GFLOP/s. */
  readonly peakGflops: number;
  /** GB/s (1 GB = 1e9 bytes). */
  readonly peakGBps: number;
}

/** The attainable GFLOP/s at an arithmetic intensity (FLOP/byte): min(peak, intensity × bandwidth). */
export function rooflineBound(intensity: number, roofs: Roofs): number {
  if (!(intensity >= 0)) return NaN;
  return Math.min(roofs.peakGflops, intensity * roofs.peakGBps);
}

/** The intensity where the two roofs meet (FLOP/byte): below it a step is memory-bound. */
export function ridgePoint(roofs: Roofs): number {
  return roofs.peakGflops / roofs.peakGBps;
}

export interface RooflinePoint {
  readonly flops: number;
  readonly bytes: number;
  readonly intensity: number;
  /** Measured GFLOP/s (FLOPs / time); NaN without a positive time. */
  readonly attainedGflops: number;
  /** Measured GB/s (bytes / time). */
  readonly attainedGBps: number;
  /** min(peak, intensity × bandwidth), GFLOP/s; NaN for a step with no FLOPs. */
  readonly boundGflops: number;
  /** The shortest time the roofs allow, ms: max(FLOPs / peak, bytes / bandwidth). */
  readonly boundMs: number;
  /** boundMs / measured ms, in (0, 1] unless the device beats its measured peaks. */
  readonly fraction: number;
  readonly bound: 'compute' | 'memory' | 'none';
}

/** One step's place under the roofs, from its work, traffic and measured time. */
export function rooflinePoint(work: Pick<StepWork, 'flops' | 'bytes' | 'intensity'>, ms: number, roofs: Roofs): RooflinePoint {
  const bytes = work.bytes.total;
  const timed = Number.isFinite(ms) && ms > 0;
  const s = ms / 1000;
  const computeMs = (work.flops / (roofs.peakGflops * 1e9)) * 1000;
  const memoryMs = (bytes / (roofs.peakGBps * 1e9)) * 1000;
  const boundMs = Math.max(computeMs, memoryMs);
  return {
    flops: work.flops,
    bytes,
    intensity: work.intensity,
    attainedGflops: timed ? work.flops / s / 1e9 : NaN,
    attainedGBps: timed ? bytes / s / 1e9 : NaN,
    boundGflops: work.flops > 0 ? rooflineBound(work.intensity, roofs) : NaN,
    boundMs,
    fraction: timed && boundMs > 0 ? boundMs / ms : NaN,
    bound: boundMs === 0 ? 'none' : computeMs >= memoryMs ? 'compute' : 'memory',
  };
}
