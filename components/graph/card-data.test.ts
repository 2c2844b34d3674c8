import { describe, expect, it } from 'vitest';
import { buildGraph } from '@/lib/arch';
import { receptiveFields } from '@/lib/arch/receptive-field';
import { visibleGraph } from '@/lib/graph';
import { ariaLabelOf, cardData } from './card-data';

describe('node card data', () => {
  const g = buildGraph('resnet50', { size: 64 });
  const v = visibleGraph(g, new Set(['layer1', 'layer1.0']));
  const find = (id: string) => v.items.find((i) => i.id === id)!;

  it('describes a node: shapes, params, MACs, FLOPs, bytes, time', () => {
    const c = cardData(find('layer1.0.conv2'), new Map([['layer1.0.conv2', 0.75]]));
    expect(c.title).toBe('layer1.0.conv2');
    expect(c.subtitle).toBe('conv 3x3/1');
    const rows = Object.fromEntries(c.rows);
    expect(rows['Shape in']).toBe('64×16×16');
    expect(rows['Shape out']).toBe('64×16×16');
    expect(rows.Params).toBe('36.9 k (36,864)');
    expect(rows['FLOPs (2×MACs)']).toBe('18.9 M (18,874,368)');
    expect(rows.Time).toBe('0.750 ms');
    expect(rows['Bytes moved']).toBe('279 kB');
  });

  it('describes a collapsed group with summed time, and labels it for screen readers', () => {
    const c = cardData(
      find('layer2'),
      new Map([
        ['layer2.0.conv1', 1],
        ['layer2.1.conv1', 2],
      ]),
    );
    expect(c.title).toBe('Stage 2 (layer2)');
    expect(c.subtitle).toBe('stage · 42 ops');
    expect(Object.fromEntries(c.rows)['Time (sum)']).toBe('3.00 ms');
    // The name holds what the glyph shows (label, then MACs and params), then what it is.
    expect(ariaLabelOf(find('layer2'))).toBe('Stage 2 (layer2), 83.9 M MACs · 1.22 M params, stage of 42 ops, output 512×8×8');
    expect(ariaLabelOf(find('layer1.0.add'))).toBe('layer1.0.add, add → 256×16×16');
  });

  it('states the theoretical receptive field of a node, and of a collapsed group (its output)', () => {
    const fields = receptiveFields(g);
    const node = Object.fromEntries(cardData(find('layer1.0.conv2'), undefined, fields).rows);
    // 7×7/2 stem (7), 3×3/2 max pool (+2·2 = 11, jump 4), the block's 3×3 (+2·4 = 19).
    expect(node['Receptive field']).toBe('19×19 · jump 4');
    // layer1 ends at 11 + 3·(2·4) = 35; layer2.0's 3×3/2 adds 2·4 (jump 8), its 3 more blocks 3·(2·8): 91.
    expect(Object.fromEntries(cardData(find('layer2'), undefined, fields).rows)['Receptive field']).toBe('91×91 · jump 8');
    expect(Object.fromEntries(cardData(find('head'), undefined, fields).rows)['Receptive field']).toBe('whole image');
    expect(Object.fromEntries(cardData(find('head')).rows)['Receptive field']).toBeUndefined();
  });

  it('states bytes moved in SI units (lib/format)', () => {
    expect(Object.fromEntries(cardData(find('layer1.0.conv2')).rows)['Bytes moved']).toMatch(/^[\d.]+ (kB|MB)$/);
  });
});
