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
import { type FusedGroupConv, type GroupConvStrategy, defaultGroupConvStrategy, strategyFolds } from './groupconv';
import { type FusedChain, type FusedConv, applyFused, findChains, findFusedChains, foldIntoConv } from './fusion';
import { applyNode } from './ops';
import { type NodeParams, type ParamSet, buildParams } from './params';
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
export function releaseInputs(node: Node, remaining: Map<string, number>, values: Map<string, tf.Tensor>, keep: (t: tf.Tensor, name: string) => boolean): void {
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
  private params: ParamSet | null = null;
  /** Folded conv+BN filters, keyed by conv node name; built lazily, reset with the weights. */
  private fused = new Map<string, FusedConv>();
  /** The same for grouped convs whose strategy folds (one kernel + BN + activation). */
  private fusedGrouped = new Map<string, FusedGroupConv>();
  private readonly fullChains: Map<string, FusedChain>;
  private disposed = false;
  private readonly consumers: Map<string, number>;

  private constructor(graph: Graph, groupConv: GroupConvStrategy, fuse: boolean) {
    this.graph = graph;
    this.groupConv = groupConv;
    this.fuse = fuse;
    this.backend = tf.getBackend();
    this.consumers = consumerCounts(graph);
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
    const m = new Model(graph, strategy, options.fuse ?? true);
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
    this.clearFused();
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
    // Chains whose interior is captured must run unfused; with no captures the plan is cached.
    const chains = !fuse ? new Map<string, FusedChain>() : capture.size === 0 ? this.fullChains : this.planChains(capture);
    const inChain = new Set<string>();
    for (const c of chains.values()) for (const n of c.interior) inChain.add(n);

    const remaining = new Map(this.consumers);
    const values = new Map<string, tf.Tensor>();
    const captured = new Map<string, tf.Tensor>();
    let output: tf.Tensor | null = null;
    try {
      for (const node of this.graph.nodes) {
        // Interior nodes of a fused chain (BN, activation) were computed by the chain's conv.
        if (inChain.has(node.name)) continue;
        const ins = node.inputs.map((name) => (name === INPUT ? input : (values.get(name) as tf.Tensor)));
        const chain = chains.get(node.name);
        const run = chain ? () => this.applyChain(chain, ins[0] as tf.Tensor4D, params) : () => applyNode(node, ins, params.byNode.get(node.name));
        const y = options.wrapStep ? options.wrapStep(node.name, chain ? chain.interior : [], run) : run();
        const name = chain ? chain.out : node.name;
        values.set(name, y);
        options.onStep?.({ node: node.name, fused: chain ? chain.interior : [], output: y });
        if (capture.has(name)) captured.set(name, name === this.graph.output ? tf.clone(y) : y);
        if (name === this.graph.output) output = y;
        releaseInputs(node, remaining, values, (t, name) => t === output || captured.get(name) === t);
      }
    } catch (e) {
      for (const t of values.values()) t.dispose();
      for (const t of captured.values()) t.dispose();
      throw e;
    }
    // Anything still held (dead-end nodes with no consumers) that is neither returned nor captured.
    for (const [name, t] of values) if (t !== output && captured.get(name) !== t) t.dispose();
    if (!output) throw new Error(`graph ${this.graph.id} never computed its output`);
    return { output, captured };
  }

  private applyChain(chain: FusedChain, x: tf.Tensor4D, params: ParamSet): tf.Tensor {
    const op = chain.conv.op;
    if (op.kind === 'conv' && convKind(op) === 'grouped') return this.groupedFusedConv(chain, params).run(x);
    return applyFused(chain, x, this.fusedConv(chain, params));
  }

  private groupedFusedConv(chain: FusedChain, params: ParamSet): FusedGroupConv {
    let f = this.fusedGrouped.get(chain.conv.name);
    if (!f) {
      const c = params.byNode.get(chain.conv.name);
      const b = params.byNode.get(chain.bn.name);
      if (!c || c.kind !== 'conv' || c.conv.kind !== 'grouped' || !c.conv.prepared.fold || !b || b.kind !== 'bn')
        throw new Error(`cannot fuse ${chain.conv.name}`);
      f = c.conv.prepared.fold(b.scale, b.shift, c.conv.bias, chain.act);
      this.fusedGrouped.set(chain.conv.name, f);
    }
    return f;
  }

  private fusedConv(chain: FusedChain, params: ParamSet): FusedConv {
    let f = this.fused.get(chain.conv.name);
    if (!f) {
      f = foldIntoConv(chain, params);
      this.fused.set(chain.conv.name, f);
    }
    return f;
  }

  private clearFused(): void {
    for (const f of this.fused.values()) tf.dispose([f.filter, f.bias]);
    this.fused.clear();
    for (const f of this.fusedGrouped.values()) f.dispose();
    this.fusedGrouped.clear();
  }

  /** Free the weight tensors. Idempotent. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.params?.dispose();
    this.params = null;
    this.clearFused();
  }
}

/** Wrap an NCHW float array (PyTorch layout) as the NHWC tensor the executor takes. */
export function inputFromNCHW(data: Float32Array, shape: readonly [number, number, number, number]): tf.Tensor4D {
  const [n, c, h, w] = shape;
  if (data.length !== n * c * h * w) throw new Error(`input has ${data.length} values, shape [${shape.join(', ')}] needs ${n * c * h * w}`);
  return tf.tidy(() => tf.transpose(tf.tensor4d(data, [n, c, h, w]), [0, 2, 3, 1]));
}
