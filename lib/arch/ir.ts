/**
 * The architecture IR: one typed, framework-free description of a network.
 *
 * Every consumer (the tfjs runtime, the D3 graphs, the FLOPs/params counters, the lesson tables)
 * reads this and nothing else. A layer's kind is always `node.op.kind`, never guessed from its name.
 *
 * Conventions
 * - Shapes are channels-first without the batch dimension: `[C, H, W]` for feature maps, `[F]` after
 *   flattening, exactly as torchvision prints them.
 * - `name` is unique in a graph. For nodes that own tensors (conv, bn, linear) it is exactly the
 *   torchvision module name, i.e. the `state_dict` key prefix (`features.denseblock1.denselayer1.conv1`,
 *   `layer1.0.conv2`), so real torchvision weights load by name. Nodes without tensors (relu, add,
 *   concat, split, shuffle, pooling...) get a descriptive unique name in the same namespace.
 * - Nodes are listed in a topological order: every input of a node appears before it.
 */

export type Shape = readonly number[];

/** A 2-D pair, [height, width]. */
export type Pair = readonly [number, number];

export type Activation = 'relu' | 'relu6' | 'sigmoid';

export type Op =
  /** PyTorch Conv2d with explicit symmetric padding. Weight [outC, inC/groups, kh, kw]. */
  | {
      kind: 'conv';
      inC: number;
      outC: number;
      kernel: Pair;
      stride: Pair;
      padding: Pair;
      groups: number;
      bias: boolean;
    }
  /** Eval-mode BatchNorm2d: weight, bias, running_mean, running_var (num_batches_tracked ignored). */
  | { kind: 'bn'; channels: number; eps: number }
  | { kind: 'act'; fn: Activation }
  | { kind: 'maxpool'; kernel: Pair; stride: Pair; padding: Pair; ceilMode: boolean }
  /** AvgPool2d (count_include_pad=True, PyTorch's default). */
  | { kind: 'avgpool'; kernel: Pair; stride: Pair; padding: Pair; ceilMode: boolean }
  /** Global average pooling: AdaptiveAvgPool2d((1,1)) or x.mean([2,3]); keepDims keeps [C,1,1]. */
  | { kind: 'gap'; keepDims: boolean }
  | { kind: 'flatten' }
  /** Linear: weight [outF, inF]. */
  | { kind: 'linear'; inF: number; outF: number; bias: boolean }
  | { kind: 'dropout'; p: number }
  /** Concatenate all inputs along channels, in input order. */
  | { kind: 'concat' }
  /** Element-wise sum of all inputs (residual connection). */
  | { kind: 'add' }
  /** Channel-wise scale: inputs[0] [C,H,W] times inputs[1] [C,1,1] (squeeze-and-excitation). */
  | { kind: 'mul' }
  /** Channels [start, start+size) of the input (one half of x.chunk(2, dim=1)). */
  | { kind: 'slice'; start: number; size: number }
  /** ShuffleNet channel shuffle: view(g, C/g) -> transpose -> flatten. */
  | { kind: 'shuffle'; groups: number };

export type OpKind = Op['kind'];

export interface Node {
  /** Unique; equal to the torchvision module name for nodes that own tensors. */
  readonly name: string;
  readonly op: Op;
  /** Names of input nodes; the graph input is called `input`. */
  readonly inputs: readonly string[];
  readonly inShapes: readonly Shape[];
  readonly outShape: Shape;
  /** The innermost group this node belongs to (see Group.id), or null at top level. */
  readonly group: string | null;
}

export type GroupKind = 'stem' | 'stage' | 'block' | 'layer' | 'branch' | 'se' | 'head';

/** Nesting (stage → block → layer) so graphs can collapse and expand. */
export interface Group {
  readonly id: string;
  readonly kind: GroupKind;
  /** Human label, e.g. "Dense block 1" or "layer1.0". */
  readonly label: string;
  readonly parent: string | null;
}

export interface Graph {
  /** Registered id (`densenet121`) or a descriptive id for custom knob settings. */
  readonly id: string;
  readonly input: Shape;
  readonly nodes: readonly Node[];
  readonly groups: readonly Group[];
  /** Name of the node whose value is the network output (the logits). */
  readonly output: string;
}

export const INPUT = 'input';
