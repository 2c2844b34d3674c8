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
  /**
   * BatchNorm2d: weight, bias, running_mean, running_var (+ num_batches_tracked). `momentum` is
   * PyTorch's: running = (1 − momentum)·running + momentum·batch statistic, in train mode only.
   * torchvision uses 0.1 everywhere except MNASNet (1 − 0.9997, mnasnet.py's _BN_MOMENTUM).
   */
  | { kind: 'bn'; channels: number; eps: number; momentum: number }
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

/** The conv op (see convKind in conv-kind.ts for dense / grouped / depthwise). */
export type ConvOp = Extract<Op, { kind: 'conv' }>;

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

/** How deep a group sits in the nesting (stage → block → layer), for collapsing and drawing. */
export type GroupKind = 'stem' | 'stage' | 'block' | 'layer' | 'branch' | 'se' | 'head';

/**
 * What a group is in its paper: set by the block builder that made it (lib/arch/blocks), never
 * derived from its name or label. Widgets select parts of a network by role.
 */
export type GroupRole =
  /** The first convs (and pool) before the first stage. */
  | 'stem'
  /** A sequence of repeated blocks (ResNeXt layerN, ShuffleNet stageN, a MnasNet block stack). */
  | 'stage'
  /** DenseNet _DenseBlock: layers that each read the concatenation of all earlier outputs. */
  | 'dense-block'
  /** DenseNet _DenseLayer: BN-ReLU-(1×1 bottleneck)-3×3 conv adding k channels. */
  | 'dense-layer'
  /** DenseNet _Transition: BN-ReLU-1×1 conv (compression θ) and 2×2 average pooling. */
  | 'transition'
  /** ResNet/ResNeXt Bottleneck: 1×1, 3×3 (grouped, C groups), 1×1, plus the residual. */
  | 'bottleneck'
  /** The projection on a residual shortcut (torchvision `downsample`). */
  | 'shortcut'
  /** ShuffleNet v2 InvertedResidual: channel split (or none at stride 2), branches, concat, shuffle. */
  | 'shuffle-unit'
  /** One branch of a multi-branch unit (ShuffleNet v2 branch1 / branch2). */
  | 'branch'
  /** MnasNet / MobileNetV2 inverted residual: 1×1 expansion, k×k depthwise, 1×1 projection. */
  | 'mbconv'
  /** Depthwise separable conv: k×k depthwise, 1×1 pointwise (MnasNet SepConv). */
  | 'sepconv'
  /** A plain conv-BN-ReLU layer (MnasNet's regular conv choice, ShuffleNet v2's conv5). */
  | 'conv'
  /** Squeeze-and-excitation (Hu et al. 2018). */
  | 'se'
  /** Global pooling and the final linear layer (with any head convs before them). */
  | 'classifier';

/** Nesting (stage → block → layer) so graphs can collapse and expand. */
export interface Group {
  readonly id: string;
  readonly kind: GroupKind;
  /** The paper concept this group is (see GroupRole). */
  readonly role: GroupRole;
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
