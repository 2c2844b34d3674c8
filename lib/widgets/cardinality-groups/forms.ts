/**
 * The three equivalent forms of a ResNeXt block (Xie et al. 2017, Fig. 3), each built as a graph
 * with the spec's GraphBuilder so that lib/arch's cost model counts its parameters and MACs:
 *
 * (a) aggregated transformations: C paths 1×1 (w→d) → 3×3 (d→d) → 1×1 (d→w), summed;
 * (b) early concatenation: C paths 1×1 → 3×3, concatenated, then one 1×1 (C·d→w);
 * (c) grouped convolution: 1×1 (w→C·d) → 3×3 with C groups → 1×1 (C·d→w): the spec's own
 *     `bottleneck` (lib/arch/blocks/bottleneck.ts, torchvision's Bottleneck), named FORM_C_BLOCK.
 *
 * BN follows every conv and ReLU every BN, except that in (a) the BN of the last 1×1 sits after
 * the sum of the paths (one BN over w channels, as in (b) and (c)); then the shortcut is added and
 * a ReLU applied. With that placement the three forms compute the same function and own the same
 * number of parameters (the paper: "strictly equivalent when BN and ReLU are appropriately addressed").
 */
import { bottleneck, BOTTLENECK_EXPANSION, graphCost, GraphBuilder, type Cost, type Graph } from '@/lib/arch';
import { INPUT } from '@/lib/arch/ir';

export type Form = 'a' | 'b' | 'c';
export const FORMS: readonly Form[] = ['a', 'b', 'c'];

/** Module name of form (c)'s bottleneck: its tensors are `block.conv1.weight`, `block.bn1.*`, … */
export const FORM_C_BLOCK = 'block';
/** Its BatchNorms, in order (bn1, bn2 over C·d channels, bn3 over w). */
export const FORM_C_BNS = ['bn1', 'bn2', 'bn3'].map((n) => `${FORM_C_BLOCK}.${n}`);

export const FORM_LABELS: Record<Form, string> = {
  a: '(a) aggregated paths',
  b: '(b) early concatenation',
  c: '(c) grouped convolution',
};

export interface BlockShape {
  /** Cardinality. */
  readonly C: number;
  /** Bottleneck width per path. */
  readonly d: number;
  /** Channels into and out of the block (256 in the paper's conv2 template). */
  readonly width: number;
  /** Spatial size of the feature maps (56 for conv2 at 224×224 input). */
  readonly size: number;
}

/** The paper's conv2-stage template: 256-d in and out, 56×56 maps. */
export const CONV2_TEMPLATE = { width: 256, size: 56 } as const;

function path(b: GraphBuilder, i: number, d: number): string {
  let h = b.conv(`path${i}.conv1`, INPUT, { outC: d, k: 1 });
  h = b.bn(`path${i}.bn1`, h);
  h = b.act(`path${i}.relu1`, h);
  h = b.conv(`path${i}.conv2`, h, { outC: d, k: 3, p: 1 });
  h = b.bn(`path${i}.bn2`, h);
  return b.act(`path${i}.relu2`, h);
}

function finish(b: GraphBuilder, h: string): Graph {
  h = b.bn('bn3', h);
  h = b.add('add', { kind: 'add' }, [h, INPUT]);
  return b.build(b.act('relu3', h));
}

export function formGraph(form: Form, s: BlockShape): Graph {
  const b = new GraphBuilder(`resnext-block-${form}-${s.C}x${s.d}d`, [s.width, s.size, s.size]);
  if (form === 'c') {
    // torchvision's Bottleneck itself, from the spec (planes·4 = width in and out: identity shortcut).
    if (s.width % BOTTLENECK_EXPANSION !== 0) throw new RangeError(`block width ${s.width} is not a multiple of ${BOTTLENECK_EXPANSION}`);
    return b.build(bottleneck(b, FORM_C_BLOCK, INPUT, { planes: s.width / BOTTLENECK_EXPANSION, width: s.C * s.d, cardinality: s.C, stride: 1 }));
  }
  const paths = Array.from({ length: s.C }, (_, i) => path(b, i, s.d));
  if (form === 'b') {
    const cat = s.C === 1 ? paths[0] : b.add('concat', { kind: 'concat' }, paths);
    return finish(b, b.conv('conv3', cat, { outC: s.width, k: 1 }));
  }
  const outs = paths.map((h, i) => b.conv(`path${i}.conv3`, h, { outC: s.width, k: 1 }));
  const sum = outs.length === 1 ? outs[0] : b.add('sum', { kind: 'add' }, outs);
  return finish(b, sum);
}

export interface FormCost {
  readonly form: Form;
  /** Everything in the block (convs and BN). */
  readonly total: Cost;
  /** Conv weights only: the paper's C·(w·d + 3·3·d·d + d·w). */
  readonly convParams: number;
  readonly convMacs: number;
  readonly nodes: number;
}

export function formCost(form: Form, s: BlockShape): FormCost {
  const g = formGraph(form, s);
  const cost = graphCost(g);
  let convParams = 0;
  let convMacs = 0;
  for (const n of g.nodes) {
    if (n.op.kind !== 'conv') continue;
    const c = cost.perNode.get(n.name)!;
    convParams += c.params;
    convMacs += c.macs;
  }
  return { form, total: cost.total, convParams, convMacs, nodes: g.nodes.length };
}
