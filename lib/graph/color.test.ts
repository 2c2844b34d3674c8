import { describe, expect, it } from 'vitest';
import { colorScale, textColorFor } from './color';
import { itemValue, itemTime } from './metrics';
import { visibleGraph } from './visible';
import { registered } from './fixtures';

describe('colorScale', () => {
  it('is logarithmic across orders of magnitude, with decade ticks', () => {
    const s = colorScale('macs', [0, 1e3, 5e4, 2e7, undefined]);
    expect(s.kind).toBe('log');
    expect(s.domain).toEqual([1e3, 2e7]);
    expect(s.ticks.map((t) => t.label)).toEqual(['1 k', '10 k', '100 k', '1 M', '10 M']);
    expect(s.ticks[0].offset).toBe(0);
    expect(s.title).toBe('MACs (log scale)');
    // Zero and missing values get no colour: the neutral theme fill.
    expect(s.color(0)).toBeNull();
    expect(s.color(undefined)).toBeNull();
    expect(s.color(1e5)).toMatch(/^rgb/);
  });

  it('is monotone in lightness (darker = more)', () => {
    const s = colorScale('params', [10, 1e6]);
    const light = (v: number) => Number(/rgb\((\d+)/.exec(s.color(v)!)![1]);
    expect(light(10)).toBeGreaterThan(light(1e3));
    expect(light(1e3)).toBeGreaterThan(light(1e6));
  });

  it('is linear over a narrow range, and copes with a single value or none', () => {
    expect(colorScale('time', [2, 3, 4]).kind).toBe('linear');
    expect(colorScale('time', [5]).color(5)).toMatch(/^rgb/);
    const none = colorScale('time', []);
    expect(none.color(undefined)).toBeNull();
    expect(none.ticks.length).toBeGreaterThan(0);
  });

  it('formats each mode', () => {
    // The site's one count and time formats (lib/format).
    expect(colorScale('output', [1, 1e6]).ticks.at(-1)?.label).toBe('1 M');
    expect(colorScale('time', [0.5, 12.34]).format(12.34)).toBe('12.3 ms');
  });

  it('picks readable text for every fill', () => {
    expect(textColorFor('#ffffcc')).toBe('#0f172a');
    expect(textColorFor('#4d004b')).toBe('#ffffff');
    const s = colorScale('macs', [1, 1e9]);
    for (const t of s.stops) expect(['#0f172a', '#ffffff']).toContain(textColorFor(t.color));
  });
});

describe('item values', () => {
  it('sums times over a collapsed group and leaves untimed items undefined', () => {
    const g = registered('resnet50');
    const v = visibleGraph(g, new Set());
    const times = new Map([
      ['conv1', 1.5],
      ['bn1', 0.25],
    ]);
    const stem = v.items.find((i) => i.id === 'stem')!;
    expect(itemTime(stem, times)).toBe(1.75);
    expect(
      itemValue(
        v.items.find((i) => i.id === 'layer1')!,
        'time',
        times,
      ),
    ).toBeUndefined();
    expect(itemValue(stem, 'time')).toBeUndefined();
    expect(itemValue(stem, 'output')).toBe(64 * 16 * 16);
    expect(itemValue(v.items[0], 'macs')).toBeUndefined();
  });
});
