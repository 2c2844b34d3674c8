/**
 * MnasNet's layer ops (Tan et al. 2019, arXiv:1807.11626, Sec. 4.1 and Fig. 7), as torchvision's
 * MNASNet builds them (torchvision/models/mnasnet.py: _InvertedResidual) and the search space adds:
 *
 * - mbconv: the mobile inverted bottleneck of MobileNetV2 (Sandler et al. 2018): 1×1 expansion to
 *   E·in channels-BN-ReLU, k×k depthwise (stride)-BN-ReLU, [SE], 1×1 projection-BN (no ReLU: the
 *   linear bottleneck);
 * - sepconv: the depthwise separable conv: k×k depthwise-BN-ReLU, [SE], 1×1-BN;
 * - convLayer: a regular k×k conv-BN-ReLU, [SE];
 * - squeezeExcite (Hu et al. 2018): global pool, 1×1 reduce + ReLU, 1×1 expand + sigmoid, scale.
 * Each adds the identity residual `<p>.add` when asked and the stride is 1 and channels match.
 *
 * Names: the ops are `<p>.layers.0, 1, …` in order (torchvision's _InvertedResidual.layers), SE
 * inside as `…layers.I.{avgpool,fc1,activation,fc2,scale_activation,scale}`. `names` overrides the
 * op names (MnasNet's inlined first SepConv uses the network's own `layers.3..7`).
 */
import type { GraphBuilder } from '../builder';
import type { GroupKind } from '../ir';

export interface MnasLayerConfig {
  readonly outC: number;
  readonly kernel: number;
  readonly stride: number;
  /** SE ratio: reduce to max(1, int(inC·se)) channels (the paper's TF code); 0 = no SE. */
  readonly se: number;
  /** Identity residual (applied only where stride = 1 and inC = outC). */
  readonly residual: boolean;
}

export interface MBConvConfig extends MnasLayerConfig {
  /** E: the 1×1 expansion conv widens to E·inC channels (MnasNet: 1, 3 or 6). */
  readonly expansion: number;
}

export interface LayerOptions {
  readonly label?: string;
  /** Nesting level of the group (default 'block': one layer of a stack). */
  readonly kind?: GroupKind;
  /** Generator of op names (default `<p>.layers.0`, `<p>.layers.1`, …). */
  readonly names?: () => string;
}

const sequence = (prefix: string) => {
  let i = 0;
  return () => `${prefix}.${i++}`;
};

/** Mobile inverted bottleneck named p on x; returns its output. */
export function mbconv(b: GraphBuilder, p: string, x: string, cfg: MBConvConfig, opts: LayerOptions = {}): string {
  return layer(b, p, x, cfg, 'mbconv', opts, (next, h) => {
    const mid = b.channels(x) * cfg.expansion;
    h = b.conv(next(), h, { outC: mid, k: 1 });
    h = b.bn(next(), h);
    h = b.act(next(), h);
    return depthwiseThenProject(b, next, h, mid, cfg, b.channels(x));
  });
}

/** Depthwise separable conv named p on x; returns its output. */
export function sepconv(b: GraphBuilder, p: string, x: string, cfg: MnasLayerConfig, opts: LayerOptions = {}): string {
  return layer(b, p, x, cfg, 'sepconv', opts, (next, h) => depthwiseThenProject(b, next, h, b.channels(x), cfg, b.channels(x)));
}

/** Regular k×k conv-BN-ReLU (MnasNet's "conv" choice) named p on x; returns its output. */
export function convLayer(b: GraphBuilder, p: string, x: string, cfg: MnasLayerConfig, opts: LayerOptions = {}): string {
  return layer(b, p, x, cfg, 'conv', opts, (next, h) => {
    h = b.conv(next(), h, { outC: cfg.outC, k: cfg.kernel, s: cfg.stride });
    h = b.bn(next(), h);
    h = b.act(next(), h);
    return se(b, next, h, cfg, b.channels(x));
  });
}

/** Squeeze-and-excitation named p on x, reducing to `reduced` channels; returns the scaled x. */
export function squeezeExcite(b: GraphBuilder, p: string, x: string, reduced: number): string {
  return b.group(p, { kind: 'se', role: 'se', label: 'SE' }, () => {
    const c = b.channels(x);
    let s = b.gap(`${p}.avgpool`, x, true);
    s = b.conv(`${p}.fc1`, s, { outC: reduced, k: 1, bias: true });
    s = b.act(`${p}.activation`, s);
    s = b.conv(`${p}.fc2`, s, { outC: c, k: 1, bias: true });
    s = b.act(`${p}.scale_activation`, s, 'sigmoid');
    return b.add(`${p}.scale`, { kind: 'mul' }, [x, s]);
  });
}

function layer(
  b: GraphBuilder,
  p: string,
  x: string,
  cfg: MnasLayerConfig,
  role: 'mbconv' | 'sepconv' | 'conv',
  opts: LayerOptions,
  body: (next: () => string, h: string) => string,
): string {
  return b.group(p, { kind: opts.kind ?? 'block', role, label: opts.label ?? p }, () => {
    const h = body(opts.names ?? sequence(`${p}.layers`), x);
    return cfg.residual && cfg.stride === 1 && b.channels(x) === cfg.outC ? b.add(`${p}.add`, { kind: 'add' }, [h, x]) : h;
  });
}

/** k×k depthwise-BN-ReLU on `mid` channels, [SE], 1×1 projection-BN. */
function depthwiseThenProject(b: GraphBuilder, next: () => string, h: string, mid: number, cfg: MnasLayerConfig, inC: number): string {
  h = b.conv(next(), h, { outC: mid, k: cfg.kernel, s: cfg.stride, groups: mid });
  h = b.bn(next(), h);
  h = b.act(next(), h);
  h = se(b, next, h, cfg, inC);
  h = b.conv(next(), h, { outC: cfg.outC, k: 1 });
  return b.bn(next(), h);
}

function se(b: GraphBuilder, next: () => string, h: string, cfg: MnasLayerConfig, inC: number): string {
  return cfg.se > 0 ? squeezeExcite(b, next(), h, Math.max(1, Math.trunc(inC * cfg.se))) : h;
}
