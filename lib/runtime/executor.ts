/**
 * The executor: runs any ir.ts Graph on the current tfjs backend, NHWC inside, with torchvision's
 * numerics. One Model owns one ParamSet (its weight tensors); weights can be replaced atomically.
 *
 * Memory discipline: every node's computation runs in its own tf.tidy (inside applyNode), and the
 * node outputs are reference-counted by their remaining consumers, so an intermediate is freed as
 * soon as its last consumer has run (peak memory ~ the widest cut of the graph, not the sum of
 * all activations as a single outer tidy would hold). On any error all live intermediates are
 * disposed before rethrowing.
 */
import * as tf from '@tensorflow/tfjs';
import { convKind } from '../arch/conv-kind';
import { type Graph, INPUT, type Node } from '../arch/ir';
import { type GroupConvStrategy, defaultGroupConvStrategy, strategyFolds } from './groupconv';
import { type FusedChain, findChains, findFusedChains } from './fusion';
import { type NodeParams, type ParamSet, buildParams } from './params';
import { type FastPath, type Step, defaultFastPaths, fastPathsFor, planSteps, stepConsumerCounts } from './plan';
import { StepKernels } from './step-kernels';
import { type WeightIssue, WeightLoadError, validateStateDict } from './weights/load-state-dict';
import { type ReadWeightsOptions, readWeightsFile } from './weights/read-weights';
import type { StateDict } from './weights/types';
import type { ValueFinding } from './weights/value-scan';

export interface ModelOptions {
  /** Grouped-conv strategy; 'auto' (default) = the benchmark winner for the current backend. */
  readonly groupConv?: GroupConvStrategy | 'auto';
  /**
   * Fuse conv -> BatchNorm (-> ReLU/ReLU6/sigmoid) chains into one fused conv kernel when their
   * intermediate outputs are not captured (default true). The folded filters (W * scale,
   * bias * scale + shift) are built on first use and kept next to the plain ones.
   */
  readonly fuse?: boolean;
  /**
   * The plan's fast paths when fusing (plan.ts FAST_PATHS); default defaultFastPaths(backend,
   * strategy). Benchmarks pass subsets to measure what each one buys.
   */
  readonly fast?: readonly FastPath[];
}

/** `findings`: the NaN/Inf values or negative running variances a file was refused for. */
export type LoadResult = { readonly ok: true } | { readonly ok: false; readonly issues: readonly WeightIssue[]; readonly findings?: readonly ValueFinding[] };

export interface ExecuteOptions {
  /** Node names whose outputs to return as well, or 'all' for every node. */
  readonly capture?: readonly string[] | 'all';
  /** Override the model's `fuse` option for this call. */
  readonly fuse?: boolean;
  /**
   * Called synchronously after each step of the forward pass, in order: one node, or one fused
   * conv(+BN+activation) chain reported under its conv's name with `fused` listing the nodes it
   * also computed. On synchronous backends (wasm, cpu) the time between two calls is the step's
   * cost in the real (fused) forward, with no extra read-backs; `output` must not be disposed.
   */
  readonly onStep?: (step: ExecuteStep) => void;
  /**
   * Runs each step's computation through this wrapper (synchronously; it must return what `run`
   * returned). The profiler wraps each step's kernels in one GPU timer scope (tf.time) on webgl
   * and webgpu. `node` and `fused` are as in ExecuteStep.
   */
  readonly wrapStep?: (node: string, fused: readonly string[], run: () => tf.Tensor) => tf.Tensor;
}

export interface ExecuteStep {
  readonly node: string;
  readonly fused: readonly string[];
  readonly output: tf.Tensor;
}

export interface ExecuteResult {
  /** The graph output (logits), [N, classes]. Caller disposes. */
  readonly output: tf.Tensor;
  /** Captured node outputs (NHWC or [N,F]), in graph order. Caller disposes every one. */
  readonly captured: Map<string, tf.Tensor>;
}

/** How many times each value (node output or the input) is read by later nodes. */
export function consumerCounts(graph: Graph): Map<string, number> {
  const counts = new Map<string, number>();
  for (const n of graph.nodes) for (const i of n.inputs) counts.set(i, (counts.get(i) ?? 0) + 1);
  return counts;
}

/**
 * After `node` ran: one consumer fewer for each of its inputs; a value whose last consumer this
 * was leaves `values` and is disposed unless `keep` says it is still handed out (the output, a
 * capture). The executor and the train-mode forward (lib/train/forward.ts) free values this way.
 */
export function releaseInputs(
  node: Pick<Node, 'inputs'>,
  remaining: Map<string, number>,
  values: Map<string, tf.Tensor>,
  keep: (t: tf.Tensor, name: string) => boolean,
): void {
  for (const name of node.inputs) {
    if (name === INPUT) continue;
    const left = (remaining.get(name) ?? 1) - 1;
    remaining.set(name, left);
    if (left === 0) {
      const t = values.get(name);
      values.delete(name);
      if (t && !keep(t, name)) t.dispose();
    }
  }
}

/**
 * Grouped conv -> BN (-> activation) chains, for strategies that run a grouped conv as one kernel
 * (strategyFolds): the same rules as fusion.ts's findFusedChains (interior values not captured and
 * read by nothing else), for the convs it leaves out (1 < groups < inC).
 */
export function findGroupedChains(graph: Graph, capture: ReadonlySet<string>): Map<string, FusedChain> {
  return findChains(graph, capture, (op) => convKind(op) === 'grouped');
}

export class Model {
  readonly graph: Graph;
  readonly groupConv: GroupConvStrategy;
  /** tfjs backend the weights live on. */
  readonly backend: string;
  readonly fuse: boolean;
  /** The fast paths fused passes use (plan.ts). */
  readonly fast: ReadonlySet<FastPath>;
  private params: ParamSet | null = null;
  /** Runs the plan's steps; holds the folded filters (built lazily, reset with the weights). */
  private readonly kernels: StepKernels;
  private readonly fullChains: Map<string, FusedChain>;
  /** The capture-free plans, by fuse setting (plan.ts). */
  private readonly plans = new Map<boolean, Step[]>();
  private disposed = false;

  private constructor(graph: Graph, groupConv: GroupConvStrategy, fuse: boolean, fast: readonly FastPath[] | undefined) {
    this.graph = graph;
    this.groupConv = groupConv;
    this.fuse = fuse;
    this.backend = tf.getBackend();
    this.fast = new Set(fast ? fastPathsFor(fast, groupConv) : defaultFastPaths(this.backend, groupConv));
    this.kernels = new StepKernels(groupConv);
    const names = new Set<string>([INPUT]);
    for (const n of graph.nodes) {
      for (const i of n.inputs) if (!names.has(i)) throw new Error(`graph ${graph.id}: node "${n.name}" reads "${i}" before it is computed`);
      if (names.has(n.name)) throw new Error(`graph ${graph.id}: duplicate node name "${n.name}"`);
      names.add(n.name);
    }
    if (!names.has(graph.output)) throw new Error(`graph ${graph.id}: output "${graph.output}" is not a node`);
    this.fullChains = this.planChains(new Set());
  }

  /** Every conv(+BN+act) chain that runs as one fused kernel when `capture` must stay observable. */
  private planChains(capture: ReadonlySet<string>): Map<string, FusedChain> {
    const chains = findFusedChains(this.graph, capture);
    if (strategyFolds(this.groupConv)) for (const [k, c] of findGroupedChains(this.graph, capture)) chains.set(k, c);
    return chains;
  }

  /** Create a model with weights. Throws WeightLoadError (listing every problem) on bad weights. */
  static create(graph: Graph, weights: StateDict, options: ModelOptions = {}): Model {
    const strategy = !options.groupConv || options.groupConv === 'auto' ? defaultGroupConvStrategy(tf.getBackend()) : options.groupConv;
    const m = new Model(graph, strategy, options.fuse ?? true, options.fast);
    const r = m.loadStateDict(weights);
    if (!r.ok) throw new WeightLoadError(r.issues);
    return m;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  private live(): ParamSet {
    if (this.disposed) throw new Error(`model ${this.graph.id} has been disposed`);
    if (!this.params) throw new Error(`model ${this.graph.id} has no weights loaded`);
    return this.params;
  }

  /** The tensors of one node (for the profiler and debugging); undefined for weightless ops. */
  paramsOf(name: string): NodeParams | undefined {
    return this.live().byNode.get(name);
  }

  /**
   * Replace the weights. Validation of every key and shape happens first; tensors are built next;
   * only when both succeed are the old tensors swapped out and disposed. Never throws: a bad
   * state dict returns {ok: false, issues} and leaves the previous weights in place.
   */
  loadStateDict(sd: StateDict): LoadResult {
    if (this.disposed) return { ok: false, issues: [{ kind: 'parse', key: '', message: 'model has been disposed' }] };
    const issues = validateStateDict(this.graph, sd);
    if (issues.length) return { ok: false, issues };
    let next: ParamSet;
    try {
      next = buildParams(this.graph, sd, this.groupConv);
    } catch (e) {
      return { ok: false, issues: [{ kind: 'parse', key: '', message: `could not create weight tensors: ${(e as Error).message}` }] };
    }
    const prev = this.params;
    this.params = next;
    prev?.dispose();
    this.kernels.clear();
    return { ok: true };
  }

  /**
   * Parse a .safetensors file and load it (same guarantees as loadStateDict), through the one
   * validated path (weights/read-weights.ts): format rules, fit, then values.
   */
  loadSafetensors(bytes: ArrayBuffer | ArrayBufferView, options: ReadWeightsOptions = {}): LoadResult {
    const r = readWeightsFile(bytes, this.graph, options);
    return r.ok ? this.loadStateDict(r.sd) : r;
  }

  /** Logits for an NHWC batch. Caller disposes the result. */
  predict(input: tf.Tensor4D): tf.Tensor {
    return this.execute(input).output;
  }

  /** Forward pass returning the output plus any captured node outputs. */
  execute(input: tf.Tensor4D, options: ExecuteOptions = {}): ExecuteResult {
    const params = this.live();
    if (input.rank !== 4) throw new Error(`input must be NHWC [N,H,W,C], got rank ${input.rank}`);
    const wantC = this.graph.input[0];
    if (input.shape[3] !== wantC) throw new Error(`input has ${input.shape[3]} channels, ${this.graph.id} expects ${wantC} (NHWC layout?)`);
    const captureAll = options.capture === 'all';
    const capture = new Set(captureAll ? this.graph.nodes.map((n) => n.name) : (options.capture ?? []));
    for (const c of capture) if (!captureAll && !this.graph.nodes.some((n) => n.name === c)) throw new Error(`no node named "${c}" in ${this.graph.id}`);

    const fuse = options.fuse ?? this.fuse;
    const steps = this.plan(capture, fuse);

    const remaining = stepConsumerCounts(steps);
    const values = new Map<string, tf.Tensor>();
    const captured = new Map<string, tf.Tensor>();
    let output: tf.Tensor | null = null;
    const handedOut = (t: tf.Tensor, name: string) => t === output || captured.get(name) === t;
    try {
      for (const step of steps) {
        const ins = step.inputs.map((name) => (name === INPUT ? input : (values.get(name) as tf.Tensor)));
        let outs: tf.Tensor[] = [];
        const run = () => {
          outs = this.kernels.run(step, ins, params);
          return outs[0];
        };
        if (options.wrapStep) options.wrapStep(step.lead, step.fused, run);
        else run();
        for (let i = 0; i < step.outputs.length; i++) {
          const name = step.outputs[i];
          const y = outs[i];
          values.set(name, y);
          if (capture.has(name)) captured.set(name, name === this.graph.output ? tf.clone(y) : y);
          if (name === this.graph.output) output = y;
        }
        options.onStep?.({ node: step.lead, fused: step.fused, output: outs[0] });
        releaseInputs(step, remaining, values, handedOut);
      }
    } catch (e) {
      for (const t of values.values()) t.dispose();
      for (const t of captured.values()) t.dispose();
      throw e;
    }
    // Anything still held (dead-end nodes with no consumers) that is neither returned nor captured.
    for (const [name, t] of values) if (!handedOut(t, name)) t.dispose();
    if (!output) throw new Error(`graph ${this.graph.id} never computed its output`);
    return { output, captured };
  }

  /** The steps of a pass; with nothing captured the plan is cached (one per fuse setting). */
  private plan(capture: ReadonlySet<string>, fuse: boolean): Step[] {
    const cached = capture.size === 0 ? this.plans.get(fuse) : undefined;
    if (cached) return cached;
    // Chains whose interior is captured must run unfused.
    const chains = !fuse ? new Map<string, FusedChain>() : capture.size === 0 ? this.fullChains : this.planChains(capture);
    const steps = planSteps(this.graph, { capture, chains, fast: fuse ? this.fast : new Set() });
    if (capture.size === 0) this.plans.set(fuse, steps);
    return steps;
  }

  /** Free the weight tensors. Idempotent. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.params?.dispose();
    this.params = null;
    this.kernels.clear();
  }
}

/** Wrap an NCHW float array (PyTorch layout) as the NHWC tensor the executor takes. */
export function inputFromNCHW(data: Float32Array, shape: readonly [number, number, number, number]): tf.Tensor4D {
  const [n, c, h, w] = shape;
  if (data.length !== n * c * h * w) throw new Error(`input has ${data.length} values, shape [${shape.join(', ')}] needs ${n * c * h * w}`);
  return tf.tidy(() => tf.transpose(tf.tensor4d(data, [n, c, h, w]), [0, 2, 3, 1]));
}
