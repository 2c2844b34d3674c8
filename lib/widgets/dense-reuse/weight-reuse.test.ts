import { describe, expect, it } from 'vitest';
import { buildGraph, densenet } from '@/lib/arch';
import { scrambleNames } from '@/lib/arch/testing/scramble';
import { heInit } from '@/lib/runtime/weights/he-init';
import type { StateDict } from '@/lib/runtime/weights/types';
import { bandMeanAbs, blockReuse, networkReuse, reuseFindings, traceBands, type BlockReuse } from './weight-reuse';

/** A DenseNet-B of one block: k0 = 2 stem channels, L = 2 layers of k = 1, bottleneck 2k = 2. */
const tiny = () =>
  densenet({ growthRate: 1, blockConfig: [2], initFeatures: 2, bottleneck: true, bnSize: 2, stem: 'small', inChannels: 1, numClasses: 2 }, 16, 'tiny');

const t = (shape: number[], values: number[]) => ({ shape, data: Float32Array.from(values) });

/** Only the weights the computation reads (the first conv of each layer, the classifier). */
const handMade = (): StateDict =>
  new Map([
    // layer 1 reads x0 (2 channels): rows o0 = [1, −2], o1 = [3, −4]
    ['features.denseblock1.denselayer1.conv1.weight', t([2, 2, 1, 1], [1, -2, 3, -4])],
    // layer 2 reads [x0 (2), x1 (1)]: o0 = [0.5, −0.5 | 2], o1 = [1.5, −1.5 | −4]
    ['features.denseblock1.denselayer2.conv1.weight', t([2, 3, 1, 1], [0.5, -0.5, 2, 1.5, -1.5, -4])],
    // the classifier reads the block output [x0 (2), x1 (1), x2 (1)] through BN, ReLU, pooling, flatten
    ['classifier.weight', t([2, 4], [1, 1, 0, 2, -3, 1, 4, -2])],
  ]);

describe('which earlier layers a dense layer weights (DenseNet Fig. 5)', () => {
  it('mean |w| per source, on a hand-made state dict: exact numbers', () => {
    const r = blockReuse(tiny(), handMade(), 'features.denseblock1');
    expect(r.layers).toBe(2);
    expect(r.sources).toEqual(['features.relu0', 'features.denseblock1.denselayer1.conv2', 'features.denseblock1.denselayer2.conv2']);
    expect(r.targets.map((x) => [x.layer, x.kind, x.weighted])).toEqual([
      [1, 'dense-layer', 'features.denseblock1.denselayer1.conv1'],
      [2, 'dense-layer', 'features.denseblock1.denselayer2.conv1'],
      [3, 'classifier', 'classifier'],
    ]);
    // (1 + 2 + 3 + 4) / 4
    expect(r.targets[0].meanAbs).toEqual([2.5]);
    expect(r.targets[0].relative).toEqual([1]);
    // x0: (0.5 + 0.5 + 1.5 + 1.5) / 4 = 1; x1: (2 + 4) / 2 = 3
    expect(r.targets[1].meanAbs).toEqual([1, 3]);
    expect(r.targets[1].relative).toEqual([1 / 3, 1]);
    // x0: (1 + 1 + 3 + 1) / 4 = 1.5; x1: (0 + 4) / 2 = 2; x2: (2 + 2) / 2 = 2
    expect(r.targets[2].meanAbs).toEqual([1.5, 2, 2]);
    expect(r.targets[2].relative).toEqual([0.75, 1, 1]);
    expect(r.targets[2].bands).toEqual([
      { source: 0, start: 0, size: 2 },
      { source: 1, start: 2, size: 1 },
      { source: 2, start: 3, size: 1 },
    ]);
  });

  it('averages over kernel taps too (a 3×3 conv, no bottleneck)', () => {
    const w = t([1, 2, 3, 3], [...Array(9).fill(-1), ...Array(8).fill(2), 20]);
    // source 0 = channel 0 (nine taps of |−1|), source 1 = channel 1: (8·2 + 20) / 9 = 4
    expect(
      bandMeanAbs(
        w,
        [
          { source: 0, start: 0, size: 1 },
          { source: 1, start: 1, size: 1 },
        ],
        2,
      ),
    ).toEqual([1, 4]);
  });

  it('the channel map comes from the concatenations, whatever the nodes are called', () => {
    const g = tiny();
    const { graph, original } = scrambleNames(g);
    const sd: StateDict = new Map();
    const renamed = new Map(graph.nodes.map((n) => [original(n.name), n.name]));
    for (const [k, v] of handMade()) {
      const node = k.slice(0, -'.weight'.length);
      sd.set(`${renamed.get(node)}.weight`, v);
    }
    const block = graph.groups.find((x) => x.role === 'dense-block')!.id;
    const r = blockReuse(graph, sd, block);
    expect(r.targets.map((x) => x.meanAbs)).toEqual([[2.5], [1, 3], [1.5, 2, 2]]);
    expect(r.sources.map(original)).toEqual(blockReuse(g, handMade(), 'features.denseblock1').sources);
  });

  it('densenet_digits: three blocks of four layers; a transition after blocks 1 and 2, the classifier after block 3', () => {
    const g = buildGraph('densenet_digits');
    const r = networkReuse(g, heInit(g, 0));
    expect(r.map((b) => b.targets.map((x) => x.kind))).toEqual([
      ['dense-layer', 'dense-layer', 'dense-layer', 'dense-layer', 'transition'],
      ['dense-layer', 'dense-layer', 'dense-layer', 'dense-layer', 'transition'],
      ['dense-layer', 'dense-layer', 'dense-layer', 'dense-layer', 'classifier'],
    ]);
    // k0 = 24 from the stem, k = 12 per layer; block 2 starts from transition1's ⌊0.5 · 72⌋ = 36.
    expect(r[0].targets[3].bands.map((b) => b.size)).toEqual([24, 12, 12, 12]);
    expect(r[1].targets[4].bands.map((b) => b.size)).toEqual([36, 12, 12, 12, 12]);
    expect(r[2].targets[4].bands.map((b) => b.start)).toEqual([0, 42, 54, 66, 78]);
    for (const b of r) for (const x of b.targets) expect(Math.max(...x.relative)).toBe(1);
  });

  it('refuses what is not a concatenation of the block’s sources', () => {
    const g = tiny();
    expect(() => traceBands(g, 'features.denseblock1.denselayer1.conv1', ['features.relu0'])).toThrow(/does not pass/);
    expect(() => blockReuse(g, new Map(), 'features.denseblock1')).toThrow(/no features\.denseblock1\.denselayer1\.conv1\.weight/);
    expect(() => blockReuse(g, handMade(), 'stem')).toThrow(/no dense block stem/);
  });

  it('counts the paper’s observations: x₀ least weighted after block 1, the classifier’s share on x₀', () => {
    const target = (layer: number, relative: number[], kind: 'dense-layer' | 'transition' | 'classifier' = 'dense-layer') => ({
      layer,
      kind,
      weighted: '',
      bands: [],
      meanAbs: relative,
      relative,
    });
    const block = (targets: ReturnType<typeof target>[]): BlockReuse => ({ block: '', label: '', layers: 2, sources: [], targets });
    const reuse = [
      block([target(1, [1]), target(2, [0.1, 1]), target(3, [0.1, 1, 1], 'transition')]), // block 1: not counted
      block([target(1, [1]), target(2, [0.5, 1]), target(3, [1, 0.4, 0.9], 'transition')]),
      block([target(1, [1]), target(2, [1, 0.9]), target(3, [0.25, 1, 0.5], 'classifier')]),
    ];
    expect(reuseFindings(reuse)).toEqual({ x0Least: { count: 2, of: 4 }, classifierX0: 0.25 });
  });
});
