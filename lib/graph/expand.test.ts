import { describe, expect, it } from 'vitest';
import { expandAll, expandSubtree, setExpanded, toggleExpanded } from './expand';
import { descendantGroups } from './hierarchy';
import { registered } from './fixtures';

describe('expansion helpers', () => {
  const g = registered('resnet50');

  it('toggles without mutating', () => {
    const a = new Set(['layer1']);
    const b = toggleExpanded(a, 'layer1');
    expect([...a]).toEqual(['layer1']);
    expect([...b]).toEqual([]);
    expect([...toggleExpanded(b, 'layer2')]).toEqual(['layer2']);
  });

  it('expands a whole stage, parents first', () => {
    expect(descendantGroups(g, 'layer2')).toEqual(['layer2', 'layer2.0', 'layer2.0.downsample', 'layer2.1', 'layer2.2', 'layer2.3']);
    expect([...expandSubtree(g, new Set(['head']), 'layer1')]).toEqual(['head', 'layer1', 'layer1.0', 'layer1.0.downsample', 'layer1.1', 'layer1.2']);
    expect([...setExpanded(new Set(['a', 'b']), ['a'], false)]).toEqual(['b']);
    expect(expandAll(g).size).toBe(g.groups.length);
  });
});
