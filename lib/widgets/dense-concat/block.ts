/**
 * The widget's dense block as a spec graph, and its seeded input. The block is the spec's own
 * DenseNet-B block (lib/arch/blocks/dense.ts denseBlock, torchvision's _DenseBlock): L layers of
 * BN-ReLU-1×1 conv (bn_size·k = 4k channels)-BN-ReLU-3×3 conv (k channels), each reading the
 * concatenation of the block input and every earlier layer's output. bn_size is DenseNet's default
 * (the paper's 4, DENSENET_DEFAULTS.bnSize). Pure: no tfjs.
 */
import { DENSENET_DEFAULTS, denseBlock, GraphBuilder, groupsWithRole, INPUT, nodeCost, nodesInGroup, type Graph } from '@/lib/arch';
import { mulberry32 } from '@/lib/runtime/weights/he-init';
import type { BlockShape } from './bytes';

/** The block's module prefix, torchvision's name for DenseNet-121's first block. */
export const CONCAT_BLOCK = 'features.denseblock1';

export interface ConcatKnobs {
  readonly L: number;
  readonly k: number;
  readonly k0: number;
  readonly size: number;
}

export function concatBlockGraph(s: ConcatKnobs): Graph {
  const b = new GraphBuilder('dense-concat', [s.k0, s.size, s.size]);
  const out = denseBlock(b, CONCAT_BLOCK, INPUT, { numLayers: s.L, growthRate: s.k, bnSize: DENSENET_DEFAULTS.bnSize, bottleneck: true });
  return b.build(out);
}

export const shapeOfKnobs = (s: ConcatKnobs): BlockShape => ({ k0: s.k0, k: s.k, L: s.L, h: s.size, w: s.size });

/**
 * A smooth seeded input, NCHW [1, k₀, H, W] (PyTorch's layout, the shared storage's): channel c is
 * sin·cos waves of seeded frequency and phase, so the heat maps show shapes rather than noise.
 */
export function smoothInput(k0: number, h: number, w: number, seed: number): Float32Array {
  const rand = mulberry32(seed ^ 0x2545f491);
  const out = new Float32Array(k0 * h * w);
  for (let c = 0; c < k0; c++) {
    const fx = 0.5 + 1.5 * rand();
    const fy = 0.5 + 1.5 * rand();
    const px = 2 * Math.PI * rand();
    const py = 2 * Math.PI * rand();
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) out[(c * h + y) * w + x] = Math.sin((2 * Math.PI * fx * x) / w + px) * Math.cos((2 * Math.PI * fy * y) / h + py);
  }
  return out;
}

/** One dense layer as the spec has it: what it reads, its bottleneck and output widths, its MACs (cost model). */
export interface LayerSpec {
  readonly layer: number;
  readonly inChannels: number;
  readonly bottleneck: number;
  readonly outChannels: number;
  readonly macs: number;
}

/** The dense layers of a graph's first dense block, by role and op. */
export function layerSpecs(graph: Graph): LayerSpec[] {
  const [block] = groupsWithRole(graph, 'dense-block');
  return groupsWithRole(graph, 'dense-layer', block.id).map((g, i) => {
    const nodes = nodesInGroup(graph, g.id);
    const convs = nodes.filter((n) => n.op.kind === 'conv');
    return {
      layer: i + 1,
      inChannels: nodes.find((n) => n.op.kind === 'bn')!.outShape[0],
      bottleneck: convs[0].outShape[0],
      outChannels: convs.at(-1)!.outShape[0],
      macs: nodes.reduce((a, n) => a + nodeCost(n).macs, 0),
    };
  });
}
