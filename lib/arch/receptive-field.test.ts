/**
 * Theoretical receptive fields (receptive-field.ts): the recurrence on tiny hand-computed graphs,
 * every registered model, and agreement with PyTorch's input gradients (fixtures/rf_fixture.json,
 * made by scripts/py/make_rf_fixture.py).
 */
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from './builder';
import { moduleOutput } from './graph-utils';
import { INPUT, type Pair } from './ir';
import { cellBox, fieldRows, formatField, receptiveFields, stepField, INPUT_FIELD, unionFields } from './receptive-field';
import { buildGraph, MODELS } from './registry';
import fixture from './fixtures/rf_fixture.json';

const tiny = () => new GraphBuilder('tiny', [1, 32, 32]);

describe('receptive-field recurrence (Araujo et al. 2019)', () => {
  it('two 3×3/1 convs see 5×5, jump 1, starting in the padding at −2', () => {
    const b = tiny();
    b.conv('a', INPUT, { outC: 4, k: 3 });
    b.conv('b', 'a', { outC: 4, k: 3 });
    const f = receptiveFields(b.build('b'));
    expect(f.get('a')).toEqual({ rf: [3, 3], jump: [1, 1], start: [-1, -1], global: false });
    expect(f.get('b')).toEqual({ rf: [5, 5], jump: [1, 1], start: [-2, -2], global: false });
  });

  it('a stride-2 3×3 then a 3×3 sees 7×7 with jump 2', () => {
    const b = tiny();
    b.conv('a', INPUT, { outC: 4, k: 3, s: 2 });
    b.conv('b', 'a', { outC: 4, k: 3 });
    const f = receptiveFields(b.build('b')).get('b')!;
    expect(f).toEqual({ rf: [7, 7], jump: [2, 2], start: [-3, -3], global: false });
    // Cell (2, 1) covers rows −3 + 2·2 .. +6 and columns −3 + 2 .. +6; clipped to a 32×32 image.
    expect(cellBox(f, [2, 1], [32, 32])).toEqual([1, 0, 7, 5]);
  });

  it('padding moves the start, not the size; no padding starts at 0', () => {
    const b = tiny();
    b.conv('p0', INPUT, { outC: 2, k: 5, p: 0 });
    b.conv('p3', INPUT, { outC: 2, k: 5, p: 3 });
    b.conv('rect', INPUT, { outC: 2, k: [1, 7], p: [0, 3] });
    const f = receptiveFields(b.build('rect'));
    expect(f.get('p0')).toMatchObject({ rf: [5, 5], start: [0, 0] });
    expect(f.get('p3')).toMatchObject({ rf: [5, 5], start: [-3, -3] });
    expect(f.get('rect')).toMatchObject({ rf: [1, 7], start: [0, -3] });
  });

  it('dilation d widens a k×k kernel to d·(k − 1) + 1', () => {
    const a = stepField(INPUT_FIELD, [3, 3], [1, 1], [2, 2], [2, 2]);
    expect(a).toEqual({ rf: [5, 5], jump: [1, 1], start: [-2, -2], global: false });
    const s2 = stepField(INPUT_FIELD, [3, 3], [2, 2], [1, 1]);
    // After a stride 2, a 3×3 dilated by 2 spans 5 cells of the 2-pixel grid: 3 + 4·2 = 11.
    expect(stepField(s2, [3, 3], [1, 1], [2, 2], [2, 2])).toEqual({ rf: [11, 11], jump: [2, 2], start: [-5, -5], global: false });
  });

  it('pooling steps like a conv of its geometry (3×3/2 max pool after 7×7/2: ResNet stem 11, jump 4)', () => {
    const b = tiny();
    b.conv('conv1', INPUT, { outC: 4, k: 7, s: 2, p: 3 });
    b.maxpool('maxpool', 'conv1', 3, 2, 1);
    b.avgpool('avg', 'maxpool', 2, 2);
    const f = receptiveFields(b.build('avg'));
    expect(f.get('maxpool')).toEqual({ rf: [11, 11], jump: [4, 4], start: [-5, -5], global: false });
    expect(f.get('avg')).toEqual({ rf: [15, 15], jump: [8, 8], start: [-5, -5], global: false });
  });

  it('add and concat take the union (bounding box) of their branches', () => {
    const b = tiny();
    const x = b.conv('x', INPUT, { outC: 4, k: 3 }); // rf 3, start −1
    const deep = b.conv('deep', b.conv('mid', x, { outC: 4, k: 3 }), { outC: 4, k: 3 }); // rf 7, start −3
    const offset = b.conv('offset', x, { outC: 4, k: 3, p: 0 }); // rf 5, start −1 (shrinks the map)
    b.add('sum', { kind: 'add' }, [x, deep]);
    b.add('cat', { kind: 'concat' }, [deep, x]);
    const f = receptiveFields(b.build('cat'));
    expect(f.get('sum')).toEqual({ rf: [7, 7], jump: [1, 1], start: [-3, -3], global: false });
    expect(f.get('cat')).toEqual(f.get('sum'));
    // Unaligned branches: [−1, 3] ∪ [−3, 3] → [−3, 3]; [−1, 3] ∪ [0, 0] → [−1, 3].
    expect(unionFields([f.get(offset)!, f.get(deep)!], [32, 32]).rf).toEqual([7, 7]);
    expect(unionFields([f.get(offset)!, INPUT_FIELD], [32, 32])).toMatchObject({ rf: [5, 5], start: [-1, -1] });
    // Different jumps cannot be one union for all cells: said, not guessed.
    expect(() => unionFields([f.get(x)!, stepField(INPUT_FIELD, [1, 1], [2, 2], [0, 0])], [32, 32], 'bad')).toThrow(/bad.*different jumps/);
  });

  it('a channel split keeps its input field; the widest branch wins at the concat (ShuffleNet v2 unit)', () => {
    const b = tiny();
    const x = b.conv('x', INPUT, { outC: 4, k: 3 });
    const left = b.add('split.0', { kind: 'slice', start: 0, size: 2 }, [x]);
    const right = b.add('split.1', { kind: 'slice', start: 2, size: 2 }, [x]);
    const dw = b.conv('branch2.3', right, { outC: 2, k: 3, groups: 2 });
    const cat = b.add('concat', { kind: 'concat' }, [left, dw]);
    b.add('shuffle', { kind: 'shuffle', groups: 2 }, [cat]);
    const f = receptiveFields(b.build('shuffle'));
    expect(f.get('split.0')).toEqual(f.get('x'));
    expect(f.get('split.1')).toEqual(f.get('x'));
    expect(f.get('shuffle')).toEqual({ rf: [5, 5], jump: [1, 1], start: [-2, -2], global: false });
  });

  it('a global pool and everything after it (SE scale, classifier) covers the whole image', () => {
    const b = tiny();
    const x = b.conv('x', INPUT, { outC: 4, k: 3, s: 2 });
    const pooled = b.gap('se.avgpool', x, true);
    const s = b.conv('se.fc1', pooled, { outC: 4, k: 1, bias: true });
    b.add('se.scale', { kind: 'mul' }, [x, s]);
    const g = b.gap('mean', 'se.scale', false);
    b.linear('fc', g, 10);
    const f = receptiveFields(b.build('fc'));
    for (const n of ['se.avgpool', 'se.fc1', 'mean', 'fc']) expect(f.get(n), n).toEqual({ rf: [32, 32], jump: [32, 32], start: [0, 0], global: true });
    // SE's scale keeps its grid (jump 2) but every cell reads the whole image.
    expect(f.get('se.scale')).toEqual({ rf: [32, 32], jump: [2, 2], start: [0, 0], global: true });
    expect(cellBox(f.get('se.scale')!, [3, 3], [32, 32])).toEqual([0, 0, 31, 31]);
    expect(formatField(f.get('fc')!)).toBe('whole image');
    expect(formatField(f.get('x')!)).toBe('3×3 · jump 2');
  });
});

describe('every registered model', () => {
  it.each(MODELS.map((m) => m.id))('%s: a field for every node, jumps are strides, the logits are global', (id) => {
    const g = buildGraph(id);
    const rows = fieldRows(g);
    expect(rows.map((r) => r.name)).toEqual(g.nodes.map((n) => n.name));
    const size = g.input[1];
    for (const [r, n] of rows.map((r, i) => [r, g.nodes[i]] as const)) {
      expect(r.rf[0], r.name).toBeGreaterThanOrEqual(1);
      // On a spatial map, cell spacing × cell count spans the image (up to the last partial window).
      if (!r.global && n.outShape.length === 3) {
        expect(Math.abs(r.jump[0] * n.outShape[1] - size), r.name).toBeLessThan(r.jump[0]);
      }
    }
    expect(rows.find((r) => r.name === g.output)!.global).toBe(true);
  });

  it('torchvision ResNet-50 reaches 427 pixels before its pool (stride on the 3×3, ResNet v1.5)', () => {
    const f = receptiveFields(buildGraph('resnet50'));
    expect(f.get('layer4.2.relu3')).toEqual({ rf: [427, 427], jump: [32, 32], start: [-213, -213], global: false });
  });
});

interface FixtureCell {
  cell: Pair | null;
  box: [number, number, number, number];
}

describe('PyTorch input gradients agree (positive weights, identity BN, max → avg pool)', () => {
  const models = fixture.models as { id: string; size: number; layers: { module: string; outShape: number[]; cells: FixtureCell[] }[] }[];

  it('covers one model per family and all five digits models, early to late layers', () => {
    expect(models.map((m) => m.id)).toEqual(
      expect.arrayContaining(['densenet121', 'resnext50_32x4d', 'resnet50', 'shufflenet_v2_x1_0', 'mnasnet1_0', 'densenet_digits', 'mnasnet_digits']),
    );
    expect(models.reduce((a, m) => a + m.layers.length, 0)).toBeGreaterThan(100);
  });

  it.each(models.map((m) => [m.id, m.size, m] as const))('%s at %i: every probed cell box equals the theoretical box', (_id, size, m) => {
    const g = buildGraph(m.id, { size });
    const fields = receptiveFields(g);
    for (const l of m.layers) {
      const node = moduleOutput(g, l.module);
      expect(node, l.module).toBeDefined();
      expect([...node!.outShape], l.module).toEqual(l.outShape);
      const f = fields.get(node!.name)!;
      for (const c of l.cells) {
        expect(cellBox(f, c.cell ?? [0, 0], [size, size]), `${l.module} (${node!.name}) cell ${c.cell}`).toEqual(c.box);
      }
    }
  });
});
