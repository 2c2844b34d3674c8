/**
 * A trainable model: one tf.Variable per trainable state_dict tensor (conv and linear weights and
 * biases, BatchNorm's weight γ and bias β), keyed by its torchvision key, in the layout its tfjs
 * op reads (layout.ts). BatchNorm's running_mean / running_var are non-trainable variables that
 * train-mode forwards update (batchnorm.ts); num_batches_tracked is a plain counter per BN, as
 * PyTorch's int64 buffer (incremented once per train-mode forward).
 *
 * Building is all-or-nothing: the state dict is validated first (every key and shape, the same
 * validation as inference), and a failure part-way disposes what was created.
 */
import * as tf from '@tensorflow/tfjs';
import type { Graph, Node } from '../arch/ir';
import { nodeTensors, stateDictKeys } from '../arch/statedict';
import { WeightLoadError, validateStateDict } from '../runtime/weights/load-state-dict';
import type { StateDict } from '../runtime/weights/types';
import { type TensorRole, type TrainGroupConv, fromTrainLayout, toTrainLayout, trainShape } from './layout';
import type { TrainParam } from './optim';

export type { TrainParam };

export interface ConvVars {
  readonly filter: tf.Variable;
  readonly bias: tf.Variable | null;
}

export interface LinearVars {
  readonly weight: tf.Variable;
  readonly bias: tf.Variable | null;
}

export interface BnVars {
  readonly weight: tf.Variable;
  readonly bias: tf.Variable;
  /** Non-trainable: updated by train-mode forwards, read by evaluation. */
  readonly runningMean: tf.Variable;
  readonly runningVar: tf.Variable;
}

export interface TrainableOptions {
  /** How grouped convs train (default 'split', see grouped.ts). */
  readonly groupConv?: TrainGroupConv;
  /** num_batches_tracked per BN, by full key (`bn1.num_batches_tracked`); default 0. */
  readonly numBatchesTracked?: ReadonlyMap<string, number>;
}

/** Default grouped-conv training strategy (grouped.ts explains the measurement). */
export const DEFAULT_TRAIN_GROUP_CONV: TrainGroupConv = 'split';

let nextModelId = 0;

/** The node that owns each state_dict key. */
function ownerOfKeys(graph: Graph): Map<string, Node> {
  const owner = new Map<string, Node>();
  for (const n of graph.nodes) for (const e of nodeTensors(n)) owner.set(e.key, n);
  return owner;
}

const ROLES = new Set<string>(['weight', 'bias', 'running_mean', 'running_var']);

function roleOf(key: string, node: Node): TensorRole {
  const role = key.slice(node.name.length + 1);
  if (!ROLES.has(role)) throw new Error(`internal: unexpected tensor role in ${key}`);
  return role as TensorRole;
}

export class TrainableModel {
  readonly graph: Graph;
  readonly groupConv: TrainGroupConv;
  /** Trainable tensors in torchvision state_dict order. */
  readonly params: readonly TrainParam[];
  readonly conv: ReadonlyMap<string, ConvVars>;
  readonly linear: ReadonlyMap<string, LinearVars>;
  readonly bn: ReadonlyMap<string, BnVars>;
  private readonly counters: Map<string, number>;
  /** Every variable (trainable or not) by state_dict key. */
  private readonly byKey: Map<string, tf.Variable>;
  private disposed = false;

  private constructor(graph: Graph, groupConv: TrainGroupConv, byKey: Map<string, tf.Variable>, counters: Map<string, number>) {
    this.graph = graph;
    this.groupConv = groupConv;
    this.byKey = byKey;
    this.counters = counters;
    const conv = new Map<string, ConvVars>();
    const linear = new Map<string, LinearVars>();
    const bn = new Map<string, BnVars>();
    const v = (key: string) => byKey.get(key) as tf.Variable;
    for (const node of graph.nodes) {
      const op = node.op;
      const k = (r: string) => `${node.name}.${r}`;
      if (op.kind === 'conv') conv.set(node.name, { filter: v(k('weight')), bias: op.bias ? v(k('bias')) : null });
      else if (op.kind === 'linear') linear.set(node.name, { weight: v(k('weight')), bias: op.bias ? v(k('bias')) : null });
      else if (op.kind === 'bn')
        bn.set(node.name, { weight: v(k('weight')), bias: v(k('bias')), runningMean: v(k('running_mean')), runningVar: v(k('running_var')) });
    }
    this.conv = conv;
    this.linear = linear;
    this.bn = bn;
    this.params = [...byKey].filter(([, variable]) => variable.trainable).map(([key, variable]) => ({ key, variable }));
  }

  /** Variables from a torchvision-layout state dict. Throws WeightLoadError listing every problem. */
  static fromStateDict(graph: Graph, sd: StateDict, options: TrainableOptions = {}): TrainableModel {
    const issues = validateStateDict(graph, sd);
    if (issues.length) throw new WeightLoadError(issues);
    const groupConv = options.groupConv ?? DEFAULT_TRAIN_GROUP_CONV;
    const owner = ownerOfKeys(graph);
    const id = nextModelId++;
    const byKey = new Map<string, tf.Variable>();
    const counters = new Map<string, number>();
    try {
      for (const e of stateDictKeys(graph)) {
        const node = owner.get(e.key) as Node;
        if (e.key.endsWith('.num_batches_tracked')) {
          const n = options.numBatchesTracked?.get(e.key) ?? 0;
          if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${e.key} must be a non-negative integer, got ${n}`);
          counters.set(e.key, n);
          continue;
        }
        const role = roleOf(e.key, node);
        const t = sd.get(e.key) as { data: Float32Array };
        const data = toTrainLayout(node, role, t.data, groupConv);
        const trainable = role === 'weight' || role === 'bias';
        // Names are global in tfjs' engine: prefix with a model id so two models can coexist.
        const value = tf.tensor(data, trainShape(node, role, e.shape, groupConv), 'float32');
        byKey.set(e.key, tf.variable(value, trainable, `train${id}/${e.key}`, 'float32'));
        value.dispose();
      }
    } catch (e) {
      for (const v of byKey.values()) v.dispose();
      throw e;
    }
    return new TrainableModel(graph, groupConv, byKey, counters);
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  private live(): void {
    if (this.disposed) throw new Error(`trainable model ${this.graph.id} has been disposed`);
  }

  /** Variables held (trainable and running statistics). */
  get numVariables(): number {
    return this.byKey.size;
  }

  /** The trainable variables, in `params` order (for tf.variableGrads). */
  trainableVariables(): tf.Variable[] {
    this.live();
    return this.params.map((p) => p.variable);
  }

  /** num_batches_tracked of every BN, by full key, in state_dict order. */
  numBatchesTracked(): ReadonlyMap<string, number> {
    return new Map(this.counters);
  }

  /** One train-mode forward has passed every BN: PyTorch increments num_batches_tracked by 1. */
  countBatch(): void {
    for (const [k, n] of this.counters) this.counters.set(k, n + 1);
  }

  /** Every num_batches_tracked back to 0 (`update_bn`'s reset before precise BN, precise-bn.ts). */
  resetBatchesTracked(): void {
    for (const k of this.counters.keys()) this.counters.set(k, 0);
  }

  /** The whole state dict (PyTorch layout, float tensors; num_batches_tracked via numBatchesTracked()). */
  async stateDict(): Promise<StateDict> {
    this.live();
    const keys = stateDictKeys(this.graph).filter((e) => this.byKey.has(e.key));
    const values = await Promise.all(keys.map((e) => (this.byKey.get(e.key) as tf.Variable).data() as Promise<Float32Array>));
    const owner = ownerOfKeys(this.graph);
    const sd: StateDict = new Map();
    keys.forEach((e, i) => {
      const node = owner.get(e.key) as Node;
      // data() may hand back the backend's own buffer (cpu): copy before converting.
      const data = fromTrainLayout(node, roleOf(e.key, node), Float32Array.from(values[i]), this.groupConv);
      sd.set(e.key, { shape: e.shape, data });
    });
    return sd;
  }

  /** Free every variable. Idempotent. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const v of this.byKey.values()) v.dispose();
    this.byKey.clear();
  }
}
