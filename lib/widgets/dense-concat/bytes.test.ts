import { describe, expect, it } from 'vitest';
import { buildGraph } from '@/lib/arch';
import { concatBlockGraph, layerSpecs } from './block';
import {
  blockShapeOf,
  naiveBytes,
  naiveBytesClosedForm,
  naiveOverShared,
  realBlock,
  runningBytes,
  sharedBytes,
  sharedStorageBytes,
  specConcatBytes,
  stateChannels,
  type BlockShape,
} from './bytes';

const toy: BlockShape = { k0: 2, k: 1, L: 3, h: 1, w: 1 };

describe('bytes copied by the concatenations', () => {
  it('counts a hand-sized block by hand', () => {
    // States of 3, 4 and 5 channels, 1×1, float32: naive copies each whole; shared writes 2 + 1 + 1 + 1.
    expect(naiveBytes(toy)).toBe((3 + 4 + 5) * 4);
    expect(sharedBytes(toy)).toBe(5 * 4);
    expect(sharedStorageBytes(toy)).toBe(5 * 4);
    expect(runningBytes(toy).map((r) => [r.channels, r.naiveStep, r.naiveTotal, r.sharedStep, r.sharedTotal])).toEqual([
      [2, 0, 0, 8, 8],
      [3, 12, 12, 4, 12],
      [4, 16, 28, 4, 16],
      [5, 20, 48, 4, 20],
    ]);
  });

  it('the sum equals its closed form H·W·4·(L·k0 + k·L(L+1)/2)', () => {
    for (const s of [toy, { k0: 64, k: 32, L: 6, h: 56, w: 56 }, { k0: 7, k: 5, L: 8, h: 3, w: 4 }])
      for (let l = 0; l <= s.L; l++) expect(naiveBytes(s, l)).toBe(naiveBytesClosedForm(s, l));
  });

  it('naive grows quadratically and shared linearly with the layers', () => {
    const s = { k0: 8, k: 4, L: 8, h: 8, w: 8 };
    const rows = runningBytes(s);
    const second = (xs: number[]) => xs.slice(2).map((x, i) => x - 2 * xs[i + 1] + xs[i]);
    // Constant second difference k·H·W·4 (a parabola) against zero (a line).
    expect(new Set(second(rows.map((r) => r.naiveTotal)))).toEqual(new Set([4 * 64 * 4]));
    expect(new Set(second(rows.map((r) => r.sharedTotal)))).toEqual(new Set([0]));
    expect(stateChannels(s, s.L)).toBe(40);
  });

  it('the naive count is what the spec’s concat nodes write, for the toy block and every block of DenseNet-121', () => {
    const g = concatBlockGraph({ L: 5, k: 3, k0: 6, size: 17 });
    expect(blockShapeOf(g)).toEqual({ k0: 6, k: 3, L: 5, h: 17, w: 17 });
    expect(specConcatBytes(g)).toBe(naiveBytes(blockShapeOf(g)));
    const d121 = buildGraph('densenet121');
    for (let b = 0; b < 4; b++) expect(specConcatBytes(d121, b)).toBe(naiveBytes(blockShapeOf(d121, b)));
  });

  it('gives DenseNet-121’s first block from the spec: k0 = 64, k = 32, L = 6 at 56×56', () => {
    const r = realBlock('densenet121', 1);
    expect(r.shape).toEqual({ k0: 64, k: 32, L: 6, h: 56, w: 56 });
    // Σ_{ℓ=1..6} (64 + 32ℓ) = 1056 channels of 56×56 float32 against 64 + 6·32 = 256.
    expect(r.naive).toBe(1056 * 56 * 56 * 4);
    expect(r.naive).toBe(13_246_464);
    expect(r.shared).toBe(256 * 56 * 56 * 4);
    expect(r.shared).toBe(3_211_264);
    expect(naiveOverShared(r.shape)).toBeCloseTo(4.125, 10);
    // Block 3 (24 layers at 14×14) is where it bites: 15.4×.
    const b3 = realBlock('densenet121', 3);
    expect(b3.shape).toEqual({ k0: 256, k: 32, L: 24, h: 14, w: 14 });
    expect(b3.naive / b3.shared).toBeCloseTo(15744 / 1024, 10);
  });
});

describe('the toy block’s layers, from the spec', () => {
  it('layer ℓ reads k0 + (ℓ−1)k channels through a 4k bottleneck and adds k', () => {
    const g = concatBlockGraph({ L: 3, k: 2, k0: 5, size: 16 });
    expect(layerSpecs(g)).toEqual(
      [5, 7, 9].map((c, i) => ({ layer: i + 1, inChannels: c, bottleneck: 8, outChannels: 2, macs: 256 * c * 8 + 256 * 8 * 2 * 9 })),
    );
  });
});
