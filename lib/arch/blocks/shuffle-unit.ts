/**
 * The ShuffleNet v2 unit (Ma et al. 2018, arXiv:1807.11164, Fig. 3c/3d), as torchvision's
 * InvertedResidual (torchvision/models/shufflenetv2.py).
 *
 * - stride 1 (basic unit): channel split into c′ = round(r·c) identity channels and c − c′ that go
 *   through branch2 (1×1 conv-BN-ReLU, 3×3 depthwise-BN, 1×1 conv-BN-ReLU), concat, shuffle.
 * - stride 2 (downsampling unit): no split; branch1 (3×3 depthwise s2-BN, 1×1 conv-BN-ReLU) and
 *   branch2 (with a stride-2 depthwise) both read the whole input and write round(r·oup) and
 *   oup − round(r·oup) channels.
 * Then concat and the channel shuffle with 2 groups (view(2, C/2) → transpose → flatten).
 * torchvision only has r = 0.5 (x.chunk(2)); see shufflenet.ts for other ratios.
 *
 * Names: torchvision's `<p>.branch1.0-4`, `<p>.branch2.0-7`; added non-tensor nodes `<p>.split.0`,
 * `<p>.split.1` (the two slices), `<p>.concat`, `<p>.shuffle`.
 */
import type { GraphBuilder } from '../builder';

/** Groups of ShuffleNet v2's channel shuffle (two branches). */
export const SHUFFLE_UNIT_GROUPS = 2;

export interface ShuffleUnitConfig {
  /** Output channels (torchvision oup). */
  readonly outC: number;
  /** 1: basic unit with channel split; 2: downsampling unit. */
  readonly stride: 1 | 2;
  /** Fraction of channels on the identity side (c′/c; torchvision 0.5). */
  readonly splitRatio: number;
}

/** Channels kept on the identity side for c channels (== c/2 for the default ratio). */
export function identityChannels(c: number, ratio: number): number {
  return Math.round(ratio * c);
}

/** One unit named p on x; returns its output (the shuffle). */
export function shuffleUnit(b: GraphBuilder, p: string, x: string, cfg: ShuffleUnitConfig, label = p): string {
  return b.group(p, { kind: 'block', role: 'shuffle-unit', label }, () => {
    const inp = b.channels(x);
    let left: string;
    let right: string;
    if (cfg.stride === 2) {
      const c1 = identityChannels(cfg.outC, cfg.splitRatio);
      left = b.group(`${p}.branch1`, { kind: 'branch', role: 'branch', label: 'branch1' }, () => {
        let h = b.conv(`${p}.branch1.0`, x, { outC: inp, k: 3, s: 2, p: 1, groups: inp });
        h = b.bn(`${p}.branch1.1`, h);
        h = b.conv(`${p}.branch1.2`, h, { outC: c1, k: 1 });
        h = b.bn(`${p}.branch1.3`, h);
        return b.act(`${p}.branch1.4`, h);
      });
      right = branch2(b, p, x, cfg.outC - c1, 2);
    } else {
      const c1 = identityChannels(inp, cfg.splitRatio);
      left = b.add(`${p}.split.0`, { kind: 'slice', start: 0, size: c1 }, [x]);
      const x2 = b.add(`${p}.split.1`, { kind: 'slice', start: c1, size: inp - c1 }, [x]);
      right = branch2(b, p, x2, inp - c1, 1);
    }
    const cat = b.add(`${p}.concat`, { kind: 'concat' }, [left, right]);
    return b.add(`${p}.shuffle`, { kind: 'shuffle', groups: SHUFFLE_UNIT_GROUPS }, [cat]);
  });
}

/** 1×1 conv → 3×3 depthwise (stride s) → 1×1 conv, BN after each, ReLU after the 1×1s. */
function branch2(b: GraphBuilder, p: string, x: string, c: number, s: number): string {
  return b.group(`${p}.branch2`, { kind: 'branch', role: 'branch', label: 'branch2' }, () => {
    let h = b.conv(`${p}.branch2.0`, x, { outC: c, k: 1 });
    h = b.bn(`${p}.branch2.1`, h);
    h = b.act(`${p}.branch2.2`, h);
    h = b.conv(`${p}.branch2.3`, h, { outC: c, k: 3, s, p: 1, groups: c });
    h = b.bn(`${p}.branch2.4`, h);
    h = b.conv(`${p}.branch2.5`, h, { outC: c, k: 1 });
    h = b.bn(`${p}.branch2.6`, h);
    return b.act(`${p}.branch2.7`, h);
  });
}
