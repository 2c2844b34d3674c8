import { describe, expect, it } from 'vitest';
import { buildGraph, graphCost } from '@/lib/arch';
import { MBCONV_EXPANSIONS, MBCONV_KERNELS } from './meta';
import { findMBConv, hasResidual, macShares, mbconvGraph, stageOps, stagesOf, stageWidths, type MBConvKnobs } from './stages';

const base: MBConvKnobs = { cin: 4, cout: 4, t: 6, kernel: 3, stride: 1, size: 16 };

describe('the MBConv stages, from the spec', () => {
  it('offers MnasNet’s expansions 3 and 6 and kernels 3 and 5', () => {
    expect(MBCONV_EXPANSIONS).toEqual(['3', '6']);
    expect(MBCONV_KERNELS).toEqual(['3', '5']);
  });

  it('expands to t·C_in, keeps it through the depthwise conv, projects to C_out', () => {
    const g = mbconvGraph({ ...base, cin: 8, cout: 6, t: 3 });
    const st = stagesOf(g);
    expect(st.map((s) => s.kind)).toEqual(['expand', 'depthwise', 'project']);
    expect(stageWidths(st)).toEqual([8, 24, 24, 6]);
    // Only the projection is linear: BN and no ReLU after it.
    expect(st.map((s) => s.activated)).toEqual([true, true, false]);
    expect(st[2].ops.map((o) => o.kind)).toEqual(['conv', 'bn']);
    expect(st[0].ops.map((o) => o.kind)).toEqual(['conv', 'bn', 'act']);
    expect(stagesOf(mbconvGraph({ ...base, kernel: 5, stride: 2 })).map(stageOps)).toEqual([
      '1×1 conv → BN → ReLU',
      '5×5 depthwise conv /2 → BN → ReLU',
      '1×1 conv → BN',
    ]);
    expect(stagesOf(mbconvGraph(base)).map(stageOps)[3]).toBe('+ x');
  });

  it('MACs per stage: the cost model equals the hand formulas and sums to the block', () => {
    for (const t of [3, 6])
      for (const kernel of [3, 5])
        for (const stride of [1, 2]) {
          const s = { cin: 4, cout: 6, t, kernel, stride, size: 16 };
          const g = mbconvGraph(s);
          const st = stagesOf(g);
          const mid = t * s.cin;
          const out = stride === 1 ? 16 : 8; // padding k//2: ⌊(16 + 2⌊k/2⌋ − k)/s⌋ + 1
          expect(st[0].outShape).toEqual([mid, 16, 16]);
          expect(st[1].outShape).toEqual([mid, out, out]);
          expect(st.map((x) => x.macs)).toEqual([16 * 16 * s.cin * mid, out * out * mid * kernel * kernel, out * out * mid * s.cout]);
          expect(st.reduce((a, x) => a + x.macs, 0)).toBe(graphCost(g).total.macs);
          expect(st.reduce((a, x) => a + x.params, 0)).toBe(graphCost(g).total.params);
          expect(macShares(st).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
        }
  });

  it('adds the residual exactly where the stride is 1 and C_in = C_out (MobileNetV2 Sec. 3.3)', () => {
    for (const stride of [1, 2])
      for (const cout of [4, 6]) {
        const k = { ...base, stride, cout };
        const st = stagesOf(mbconvGraph(k));
        const add = st.find((s) => s.kind === 'add');
        expect(Boolean(add), JSON.stringify(k)).toBe(hasResidual(k));
        expect(hasResidual(k)).toBe(stride === 1 && cout === 4);
        if (add) {
          expect(add.outShape).toEqual([4, 16, 16]);
          expect(add.macs).toBe(0);
          expect(add.otherOps).toBe(4 * 16 * 16);
        }
      }
  });

  it('finds the same layer in torchvision’s mnasnet1_0 (MnasNet-B1), by op', () => {
    const g = buildGraph('mnasnet1_0');
    // Block 3 of B1 is MBConv3 5×5 from 24 to 40 channels at stride 2, 56×56 → 28×28.
    const r = findMBConv(g, 3, 5)!;
    expect(r).not.toBeNull();
    expect(stageWidths(r.stages).slice(0, 4)).toEqual([24, 72, 72, 40]);
    expect(r.stages.map((s) => s.macs)).toEqual([56 * 56 * 24 * 72, 28 * 28 * 72 * 25, 28 * 28 * 72 * 40]);
    expect(findMBConv(g, 6, 3)).not.toBeNull();
  });
});
