/**
 * The ResNet / ResNeXt bottleneck block (He et al. 2016, arXiv:1512.03385, Fig. 5 right; Xie et al.
 * 2017, arXiv:1611.05431, Fig. 3c), as torchvision's Bottleneck (torchvision/models/resnet.py):
 * 1×1 conv to `width`, 3×3 conv with C groups (cardinality; C = 1 is ResNet) and the stride
 * ("ResNet v1.5"), 1×1 conv to planes·4, BN after each, ReLU after the first two and after the
 * residual add. The shortcut is a 1×1 conv + BN projection (`downsample`) when the stride or the
 * channels change, the identity otherwise.
 *
 * Names: `<p>.conv1, bn1, relu1, conv2, bn2, relu2, conv3, bn3`, then `<p>.downsample.0/.1`
 * (state_dict order), `<p>.add`, `<p>.relu3` (torchvision applies its one ReLU module three times).
 */
import type { GraphBuilder } from '../builder';

/** torchvision: expansion = 4, the block output is 4·planes. */
export const BOTTLENECK_EXPANSION = 4;

export interface BottleneckConfig {
  /** torchvision `planes`: 64, 128, 256, 512 by stage. */
  readonly planes: number;
  /** Channels of the 3×3 conv: int(planes·d/64)·C (bottleneckWidth in resnext.ts). */
  readonly width: number;
  /** C: groups of the 3×3 conv. */
  readonly cardinality: number;
  readonly stride: number;
}

/** One bottleneck block named p on x; returns its output (after relu3). */
export function bottleneck(b: GraphBuilder, p: string, x: string, cfg: BottleneckConfig, label = p): string {
  const out = cfg.planes * BOTTLENECK_EXPANSION;
  return b.group(p, { kind: 'block', role: 'bottleneck', label }, () => {
    let h = b.conv(`${p}.conv1`, x, { outC: cfg.width, k: 1 });
    h = b.bn(`${p}.bn1`, h);
    h = b.act(`${p}.relu1`, h);
    h = b.conv(`${p}.conv2`, h, { outC: cfg.width, k: 3, s: cfg.stride, p: 1, groups: cfg.cardinality });
    h = b.bn(`${p}.bn2`, h);
    h = b.act(`${p}.relu2`, h);
    h = b.conv(`${p}.conv3`, h, { outC: out, k: 1 });
    h = b.bn(`${p}.bn3`, h);
    let short = x;
    if (cfg.stride !== 1 || b.channels(x) !== out) {
      short = b.group(`${p}.downsample`, { kind: 'branch', role: 'shortcut', label: 'downsample' }, () => {
        const s = b.conv(`${p}.downsample.0`, x, { outC: out, k: 1, s: cfg.stride, p: 0 });
        return b.bn(`${p}.downsample.1`, s);
      });
    }
    h = b.add(`${p}.add`, { kind: 'add' }, [h, short]);
    return b.act(`${p}.relu3`, h);
  });
}
