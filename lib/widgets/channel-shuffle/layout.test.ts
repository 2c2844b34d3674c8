import { describe, expect, it } from 'vitest';
import { describeSlot, referenceTrace } from './logic';
import { SHUFFLE_FIGURE, shuffleLayout, strandPath } from './layout';

describe('channel-shuffle figure layout', () => {
  it('one input row and four typed rows per unit; a stride-2 unit’s split row is marked whole', () => {
    const lay = shuffleLayout(referenceTrace({ channels: 8, units: 3, shuffle: true, firstDownsample: true }));
    expect(lay.rows.map((r) => r.step)).toEqual(['input', ...Array.from({ length: 3 }, () => ['split', 'branch', 'concat', 'shuffle']).flat()]);
    expect(lay.rows.filter((r) => r.whole).map((r) => r.unit)).toEqual([1]);
    // Two boxes for the stride-2 unit's two branches, one per basic unit.
    expect(lay.boxes.map((b) => b.unit)).toEqual([1, 1, 2, 3]);
  });

  it('keeps every slot inside the drawing and the identity half left of the branch', () => {
    const lay = shuffleLayout(referenceTrace({ channels: 12, units: 2, shuffle: false, firstDownsample: false }));
    for (const r of lay.rows) for (const s of r.slots) expect(s.x).toBeGreaterThanOrEqual(SHUFFLE_FIGURE.X0 - SHUFFLE_FIGURE.GAP);
    const split = lay.rows[1];
    const left = split.slots.slice(0, 6).map((s) => s.x);
    const right = split.slots.slice(6).map((s) => s.x);
    expect(Math.max(...left)).toBeLessThan(Math.min(...right));
    expect(strandPath(0, 0, 10, 20)).toBe('M0,0 C0,10 10,10 10,20');
  });

  it('describes slots from their origin, not by parsing their keys', () => {
    const t = referenceTrace({ channels: 8, units: 1, shuffle: true, firstDownsample: true });
    expect(describeSlot(t.units[0].input[2])).toBe('input channel 2');
    expect(describeSlot(t.units[0].left[1])).toBe("channel 1 computed by unit 1's first branch");
    expect(describeSlot(t.units[0].right[3])).toBe("channel 3 computed by unit 1's convolution branch");
  });
});
