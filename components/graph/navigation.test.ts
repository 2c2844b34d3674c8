import { describe, expect, it } from 'vitest';
import { buildGraph } from '@/lib/arch';
import { DEFAULT_LAYOUT, layoutGraph, visibleGraph } from '@/lib/graph';
import { focusEntries, navigate } from './navigation';

describe('keyboard navigation', () => {
  const g = buildGraph('resnet50', { size: 64 });
  const layout = layoutGraph(visibleGraph(g, new Set(['layer1', 'layer1.0'])));
  const entries = focusEntries(layout, DEFAULT_LAYOUT.header);

  it('orders frames, items and expand-all buttons in reading order', () => {
    const keys = entries.map((e) => e.key);
    expect(keys.slice(0, 6)).toEqual(['item:input', 'item:stem', 'frame:layer1', 'frame:layer1.0', 'item:layer1.0.conv1', 'item:layer1.0.downsample']);
    expect(keys).toContain('expand-all:layer2');
    expect(keys.indexOf('expand-all:layer2')).toBe(keys.indexOf('item:layer2') + 1);
  });

  it('moves down, up, and sideways to a parallel branch', () => {
    expect(navigate(entries, 'item:stem', 'ArrowDown')?.key).toBe('frame:layer1');
    expect(navigate(entries, 'item:stem', 'ArrowUp')?.key).toBe('item:input');
    expect(navigate(entries, 'item:layer1.0.conv1', 'ArrowRight')?.key).toBe('item:layer1.0.downsample');
    expect(navigate(entries, 'item:layer1.0.downsample', 'ArrowLeft')?.key).toBe('item:layer1.0.conv1');
    expect(navigate(entries, 'item:head', 'ArrowDown')?.key).toBe('item:head');
    expect(navigate(entries, 'item:layer1.0.bn1', 'ArrowRight')?.key).toBe('item:layer1.0.bn1');
    expect(navigate(entries, 'item:head', 'Home')?.key).toBe('item:input');
  });
});
