/**
 * DenseNet's three parts (Huang et al. 2017, arXiv:1608.06993, Sec. 3 and Fig. 2), as torchvision
 * builds them (torchvision/models/densenet.py: _DenseLayer, _DenseBlock, _Transition).
 *
 * - denseLayer: H_ℓ reads the concatenation [x_0, …, x_{ℓ-1}] (Eq. 2) and adds k channels: BN-ReLU-
 *   3×3 conv, or with DenseNet-B's bottleneck BN-ReLU-1×1 conv (bn_size·k channels)-BN-ReLU-3×3 conv.
 * - denseBlock: L dense layers; its output is the concatenation of its input and every layer's
 *   k new channels (k0 + L·k).
 * - transition: BN-ReLU-1×1 conv to the given channels (DenseNet-C: ⌊θ·m⌋) and 2×2 average pooling.
 *
 * Names: `<block>.denselayerN.{concat,norm1,relu1,conv1,norm2,relu2,conv2}` (no concat for the first
 * layer, no norm2/relu2/conv2 without the bottleneck, where conv1 is the 3×3 conv), `<block>.concat`,
 * `<transition>.{norm,relu,conv,pool}`.
 */
import type { GraphBuilder } from '../builder';
import { SpecError } from '../errors';

export interface DenseLayerConfig {
  /** k: channels the layer adds (torchvision growth_rate). */
  readonly growthRate: number;
  /** Bottleneck width multiplier (torchvision bn_size; the paper's 4). */
  readonly bnSize: number;
  /** DenseNet-B: the 1×1 bottleneck before the 3×3 conv. */
  readonly bottleneck: boolean;
}

export interface DenseBlockConfig extends DenseLayerConfig {
  /** L: dense layers in the block (one entry of torchvision's block_config). */
  readonly numLayers: number;
}

/**
 * One dense layer named `name` reading `features` (the block input and every earlier layer's
 * output, in order). Returns its k new channels: the node to append to `features`.
 */
export function denseLayer(b: GraphBuilder, name: string, features: readonly string[], cfg: DenseLayerConfig, label = name): string {
  return b.group(name, { kind: 'layer', role: 'dense-layer', label }, () => {
    let h = features.length === 1 ? features[0] : b.add(`${name}.concat`, { kind: 'concat' }, features);
    h = b.bn(`${name}.norm1`, h);
    h = b.act(`${name}.relu1`, h);
    if (!cfg.bottleneck) return b.conv(`${name}.conv1`, h, { outC: cfg.growthRate, k: 3, p: 1 });
    h = b.conv(`${name}.conv1`, h, { outC: cfg.bnSize * cfg.growthRate, k: 1 });
    h = b.bn(`${name}.norm2`, h);
    h = b.act(`${name}.relu2`, h);
    return b.conv(`${name}.conv2`, h, { outC: cfg.growthRate, k: 3, p: 1 });
  });
}

/** A dense block of cfg.numLayers layers `<name>.denselayer1..L` on x; returns the concatenation node. */
export function denseBlock(b: GraphBuilder, name: string, x: string, cfg: DenseBlockConfig, label = name): string {
  return b.group(name, { kind: 'stage', role: 'dense-block', label }, () => {
    const feats = [x];
    for (let j = 1; j <= cfg.numLayers; j++) feats.push(denseLayer(b, `${name}.denselayer${j}`, feats, cfg, `denselayer${j}`));
    return b.add(`${name}.concat`, { kind: 'concat' }, feats);
  });
}

/** A transition to outC channels (torchvision num_output_features) at half the resolution. */
export function transition(b: GraphBuilder, name: string, x: string, outC: number, label = name): string {
  return b.group(name, { kind: 'stage', role: 'transition', label }, () => {
    let h = b.bn(`${name}.norm`, x);
    h = b.act(`${name}.relu`, h);
    h = b.conv(`${name}.conv`, h, { outC, k: 1 });
    return b.avgpool(`${name}.pool`, h, 2, 2);
  });
}

/**
 * DenseNet-C: a transition keeps ⌊θ·m⌋ of m channels (torchvision: num_features // 2), with a guard
 * against θ·m landing a hair below an integer in binary. Throws a SpecError (knob `compression`)
 * when that keeps no channel.
 */
export function transitionChannels(theta: number, m: number): number {
  const kept = Math.floor(theta * m + 1e-9);
  if (kept < 1) throw new SpecError('out_of_range', 'compression', theta, `a value >= ${1 / m} so the transition keeps at least 1 of ${m} channels`);
  return kept;
}
