/**
 * Architecture knobs on /train and in the `train` embed: the URL form (namespaced lab parameters),
 * what a slot trains, bad and hostile values, the lab link and file name a variant gets, and the
 * memory guard on bigger knobs.
 */
import { describe, expect, it } from 'vitest';
import { buildGraph, graphCost, modelKnobs } from '@/lib/arch';
import { labGraph } from '@/lib/models/lab-graph';
import { labSchema, type LabState } from '@/lib/models/lab-schema';
import { encodeMnasBlocks } from '@/lib/models/mnas-code';
import { parseParams, toSearchParams, type Schema, type StateOf } from '@/lib/url-state/schema';
import { TRAIN_DEFINITIONS } from '@/lib/widgets/train-definitions';
import { TRAIN_SLOTS, knobParams, modelCost, setupRefusal, shortKnobNames, slotModel, weightsFilename } from './knobs';
import { DIGITS_MODELS } from './models';
import { trainModelsOf, trainPageSchema, trainWidgetSchema } from './schema';

const parse = (q: string) => parseParams(trainPageSchema, new URLSearchParams(q));
const modelsOf = (q: string) => {
  const { state, notices } = parse(q);
  const r = trainModelsOf(state.models, state);
  return { state, urlNotices: notices, ...r };
};

describe('the knob parameters of /train', () => {
  it.each(DIGITS_MODELS)('%s: every lab knob, under <slot>.<name>, for the model and its second variant, exactly as the lab declares it', (id) => {
    const lab = labSchema(id);
    const names = shortKnobNames(id);
    expect(names.length).toBeGreaterThan(0);
    for (const slot of [id, `${id}-b`]) {
      expect(TRAIN_SLOTS).toContain(slot);
      expect(slotModel(slot)).toBe(id);
      const params = knobParams([slot]);
      expect(Object.keys(params)).toEqual(names.map((n) => `${slot}.${n}`));
      for (const n of names) expect(params[`${slot}.${n}`]).toEqual(lab[n]);
    }
    // The embed trains one model: its knobs have the same names as the model's first slot on /train.
    for (const n of names) expect((trainWidgetSchema as Schema)[`${id}.${n}`]).toEqual(lab[n]);
    expect(Object.keys(trainWidgetSchema).some((k) => k.startsWith(`${id}-b.`))).toBe(false);
  });

  it('DenseNet offers bn_size (torchvision bn_size) next to k, blocks, k0, bottleneck and θ', () => {
    expect(shortKnobNames('densenet_digits')).toEqual(['k', 'blocks', 'init', 'bottleneck', 'bn', 'theta']);
    expect(knobParams(['densenet_digits'])['densenet_digits.bn']).toMatchObject({ kind: 'int', min: 1, max: 8, default: 4 });
  });

  it('the defaults train every model as registered, named by its id, and make an empty query', () => {
    const { models, notices, state } = modelsOf('models=' + DIGITS_MODELS.join(','));
    expect(notices).toEqual([]);
    for (const m of models) {
      expect(m).toMatchObject({ key: m.id, knobs: {}, variant: '', label: m.id, labQuery: '' });
      expect(modelCost(m.id, m.knobs).graph.id).toBe(m.id);
      expect(modelCost(m.id, m.knobs).params).toBe(graphCost(buildGraph(m.id)).total.params);
    }
    expect(toSearchParams(trainPageSchema, { ...state, models: ['densenet_digits'] }).toString()).toBe('');
  });

  it('round-trips two DenseNet variants side by side (k=12 against k=24 with bigger blocks)', () => {
    const q = 'models=densenet_digits%2Cdensenet_digits-b&densenet_digits-b.k=24&densenet_digits-b.blocks=6%2C6%2C6';
    const { models, notices, urlNotices, state } = modelsOf(q);
    expect([...urlNotices, ...notices]).toEqual([]);
    expect(toSearchParams(trainPageSchema, state).toString()).toBe(q);
    expect(models.map((m) => m.key)).toEqual(['densenet_digits', 'densenet_digits-b']);
    expect(models[0]).toMatchObject({ id: 'densenet_digits', knobs: {}, label: 'densenet_digits' });
    expect(models[1]).toMatchObject({
      id: 'densenet_digits',
      knobs: { growthRate: 24, blockConfig: [6, 6, 6] },
      variant: 'k=24 · blocks=6,6,6',
      label: 'densenet_digits (k=24 · blocks=6,6,6)',
      labQuery: 'k=24&blocks=6%2C6%2C6',
    });
    // The graph and its counts follow the knobs: buildGraph(id, knobs), 24 channels per dense layer.
    const { graph, params, macs } = modelCost(models[1].id, models[1].knobs);
    expect(graph).toEqual(buildGraph('densenet_digits', { growthRate: 24, blockConfig: [6, 6, 6] }));
    expect(params).toBeGreaterThan(modelCost('densenet_digits').params);
    expect(macs).toBeGreaterThan(modelCost('densenet_digits').macs);
    const conv2 = graph.nodes.find((n) => n.name === 'features.denseblock1.denselayer1.conv2');
    expect(conv2?.outShape[0]).toBe(24);
  });

  it('a second variant with the same knobs as the first is still named apart', () => {
    const { models } = modelsOf('models=densenet_digits,densenet_digits-b&densenet_digits.k=8&densenet_digits-b.k=8');
    expect(models.map((m) => m.label)).toEqual(['densenet_digits (k=8)', 'densenet_digits (k=8), variant B']);
  });

  it('changes only what the URL changes, in every family (ResNeXt C and d, ShuffleNet repeats, MnasNet α, DenseNet bn_size)', () => {
    const { models, notices } = modelsOf(
      'models=densenet_digits,resnext_digits,shufflenet_v2_digits,mnasnet_digits&densenet_digits.bn=2&resnext_digits.C=8&resnext_digits.d=16&shufflenet_v2_digits.repeats=2,4,2&mnasnet_digits.alpha=0.5',
    );
    expect(notices).toEqual([]);
    expect(models.map((m) => m.knobs)).toEqual([{ bnSize: 2 }, { cardinality: 8, widthPerGroup: 16 }, { stagesRepeats: [2, 4, 2] }, { alpha: 0.5 }]);
    // bn_size 2: the bottleneck makes 2k = 24 channels.
    expect(modelCost('densenet_digits', { bnSize: 2 }).graph.nodes.find((n) => n.name === 'features.denseblock1.denselayer1.conv1')?.outShape[0]).toBe(24);
    // ResNeXt 8×16d: a 3×3 conv of 8 groups over 128 channels in stage 1 (torchvision width = ⌊64·16/64⌋·8).
    const conv = modelCost('resnext_digits', { cardinality: 8, widthPerGroup: 16 }).graph.nodes.find((n) => n.name === 'layer1.0.conv2');
    expect(conv?.op).toMatchObject({ kind: 'conv', groups: 8 });
    expect(conv?.outShape[0]).toBe(128);
    expect(models[1].label).toBe('resnext_digits (C=8 · d=16)');
  });

  it('a MnasNet block code round-trips, and its variant is named without the long code', () => {
    const blocks = (modelKnobs('mnasnet_digits') as { blocks: { layers: number }[] }).blocks.map((b, i) => (i === 2 ? { ...b, layers: 1 } : b));
    const code = encodeMnasBlocks(blocks as never);
    const { models, notices } = modelsOf(`models=mnasnet_digits&mnasnet_digits.blocks=${encodeURIComponent(code)}`);
    expect(notices).toEqual([]);
    expect(models[0].variant).toBe('blocks changed');
    expect((models[0].knobs.blocks as { layers: number }[])[2].layers).toBe(1);
    expect(weightsFilename(models[0], 30)).toMatch(/^mnasnet_digits-blocks[0-9a-f]{8}-digits-30steps\.safetensors$/);
  });
});

describe('bad and hostile knob values get a notice and their default', () => {
  it.each([
    ['densenet_digits.k', '0'],
    ['densenet_digits.k', 'abc'],
    ['densenet_digits.k', '12.5'],
    ['densenet_digits.k', '1e400'],
    ['densenet_digits.k', '%3Cscript%3Ealert(1)%3C%2Fscript%3E'],
    ['densenet_digits.blocks', '4,,4'],
    ['densenet_digits.blocks', '4,4,4,4,4,4,4'],
    ['densenet_digits.theta', '0'],
    ['densenet_digits.bottleneck', 'maybe'],
    ['resnext_digits.C', '-1'],
    ['shufflenet_v2_digits.channels', '24,48,96'],
    ['mnasnet_digits.alpha', 'NaN'],
    ['mnasnet_digits.blocks', 'x'.repeat(500)],
  ])('%s=%s', (param, raw) => {
    const id = param.split('.')[0];
    const { models, urlNotices, notices } = modelsOf(`models=${id}&${param}=${raw}`);
    expect(urlNotices.map((n) => n.param)).toEqual([param]);
    expect(urlNotices[0].message).toMatch(/Using the default/);
    expect(notices).toEqual([]);
    expect(models[0]).toMatchObject({ id, knobs: {}, label: id });
  });

  it('a parameter for no model, or a prototype key, is an unknown parameter, and nothing else changes', () => {
    const { models, urlNotices } = modelsOf('models=densenet_digits&vgg16.k=3&__proto__.k=3&constructor=1&densenet_digits.__proto__=1');
    expect(urlNotices.map((n) => n.message)).toEqual(urlNotices.map(() => expect.stringMatching(/^Unknown parameter/)));
    expect(urlNotices).toHaveLength(4);
    // The known parameters are listed with the knobs grouped by model, not one by one.
    expect(urlNotices[0].message).toMatch(
      /Known parameters: models, opt, .*, backend; and namespaced ones such as densenet_digits\.k, for densenet_digits, densenet_digits-b, resnext_digits, .*mnasnet_digits-b\.$/,
    );
    expect(urlNotices[0].message.length).toBeLessThan(600);
    expect(models[0].knobs).toEqual({});
    expect(({} as Record<string, unknown>).k).toBeUndefined();
  });

  it('a MnasNet block code the pattern lets through but that does not decode: a notice, the model’s own blocks, its other knobs kept', () => {
    const { models, urlNotices, notices } = modelsOf('models=mnasnet_digits&mnasnet_digits.blocks=mbconv6:5:0.25:id:1:3&mnasnet_digits.alpha=0.5');
    expect(urlNotices).toEqual([]);
    expect(notices.map((n) => n.param)).toEqual(['mnasnet_digits.blocks']);
    expect(notices[0].message).toMatch(/block code is invalid \(expected 7 blocks/);
    expect(models[0].knobs).toEqual({ alpha: 0.5 });
  });

  it('a combination lib/arch refuses: a notice with its reason, and the model as registered', () => {
    // θ = 0.01 keeps ⌊0.01 · 72⌋ = 0 channels in the first transition.
    const { models, urlNotices, notices } = modelsOf('models=densenet_digits-b&densenet_digits-b.theta=0.01');
    expect(urlNotices).toEqual([]);
    expect(notices.map((n) => n.param)).toEqual(['densenet_digits-b']);
    expect(notices[0].message).toMatch(/densenet_digits cannot be built with theta=0.01: .*compression.*Training densenet_digits as registered instead/);
    expect(models[0]).toMatchObject({ key: 'densenet_digits-b', id: 'densenet_digits', knobs: {}, label: 'densenet_digits (B)' });
  });
});

describe('what a variant is called and where it goes', () => {
  it('the file name says which variant, in file-name-safe characters', () => {
    const { models } = modelsOf('models=densenet_digits&densenet_digits.k=24&densenet_digits.blocks=6,6,6&densenet_digits.bottleneck=0');
    expect(weightsFilename(models[0], 40)).toBe('densenet_digits-k24-blocks6.6.6-bottleneck0-digits-40steps.safetensors');
    expect(weightsFilename({ id: 'mnasnet_digits', labQuery: 'alpha=0.5' }, 7)).toBe('mnasnet_digits-alpha0.5-digits-7steps.safetensors');
  });

  it.each([
    'models=densenet_digits&densenet_digits.k=8&densenet_digits.blocks=2,2,2',
    'models=resnext_digits&resnext_digits.C=8&resnext_digits.d=16',
    'models=shufflenet_v2_digits&shufflenet_v2_digits.repeats=2,2,2&shufflenet_v2_digits.split=0.25',
    'models=mnasnet_digits&mnasnet_digits.alpha=0.75',
  ])('the lab link builds the same network: %s', (q) => {
    const { models } = modelsOf(q);
    const m = models[0];
    expect(m.labQuery).not.toBe('');
    const lab = parseParams(labSchema(m.id), new URLSearchParams(m.labQuery));
    expect(lab.notices).toEqual([]);
    const built = labGraph(m.id, lab.state as LabState);
    if (!built.ok) throw new Error(built.error);
    expect(built.graph).toEqual(modelCost(m.id, m.knobs).graph);
    expect(built.cost.total.params).toBe(modelCost(m.id, m.knobs).params);
  });

  it("the embed's home link on /train carries the knobs under the same names", () => {
    const { state } = parseParams(trainWidgetSchema, new URLSearchParams('model=resnext_digits&resnext_digits.C=8&steps=40'));
    const home = TRAIN_DEFINITIONS.train.home!(state as StateOf<typeof trainWidgetSchema>);
    expect(home.href).toBe('/train?models=resnext_digits&steps=40&resnext_digits.C=8');
    expect(modelsOf(home.href.split('?')[1]).models[0].knobs).toEqual({ cardinality: 8 });
  });
});

describe('the memory guard applies to bigger knobs', () => {
  it('refuses a network too big to train at this batch size, with the numbers, and lets the registered models through', () => {
    for (const id of DIGITS_MODELS) expect(setupRefusal(modelsOf(`models=${id}`).models[0], 64, 'auto')).toBeNull();
    const { models } = modelsOf('models=densenet_digits&densenet_digits.k=128&densenet_digits.blocks=64,64,64&densenet_digits.init=512');
    const m = models[0];
    expect(m.knobs).toMatchObject({ growthRate: 128 });
    const refusal = setupRefusal(m, 1024, 'auto');
    expect(refusal).toMatch(
      /^densenet_digits \(k=128 · blocks=64,64,64 · init=512\): This network is too big to train on WebAssembly: .* a training step of 1024 images needs/,
    );
    expect(refusal).toMatch(/Choose a smaller batch size or smaller knobs\.$/);
    // The WebGPU budget is smaller than WebAssembly's: a size one fits, the other may not.
    expect(setupRefusal(modelsOf('models=resnet_digits').models[0], 1024, 'webgpu')).toMatch(/too big to train on WebGPU/);
  });
});
