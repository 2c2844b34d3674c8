import { describe, expect, it } from 'vitest';
import { buildGraph, modelIdsFor } from '@/lib/arch';
import { parseParams, toSearchParams } from '@/lib/url-state/schema';
import {
  DEFAULT_TRAIN_MODEL,
  DIGITS_MODELS,
  defaultLayer,
  layerFor,
  modelCost,
  relevantParams,
  trainConfigOf,
  trainPageSchema,
  weightsFilename,
} from './schema';

describe('the training lab URL', () => {
  it('offers exactly the registered digits models and opens with a DenseNet', () => {
    expect(DIGITS_MODELS).toEqual(modelIdsFor('digits'));
    expect(DIGITS_MODELS).toEqual(expect.arrayContaining(['densenet_digits', 'resnext_digits', 'resnet_digits', 'shufflenet_v2_digits', 'mnasnet_digits']));
    expect(DEFAULT_TRAIN_MODEL).toBe('densenet_digits');
  });

  it('round-trips a configuration; the defaults make an empty query', () => {
    const { state, notices } = parseParams(
      trainPageSchema,
      new URLSearchParams('models=resnet_digits,mnasnet_digits&opt=adam&lr=0.001&steps=40&batch=16&backend=wasm'),
    );
    expect(notices).toEqual([]);
    expect(state.models).toEqual(['resnet_digits', 'mnasnet_digits']);
    expect(toSearchParams(trainPageSchema, state).toString()).toBe('models=resnet_digits%2Cmnasnet_digits&opt=adam&lr=0.001&batch=16&steps=40&backend=wasm');
    expect(toSearchParams(trainPageSchema, parseParams(trainPageSchema, new URLSearchParams()).state).toString()).toBe('');
    const { config } = trainConfigOf(state);
    expect(config).toMatchObject({ optimizer: { kind: 'adam', lr: 0.001 }, batchSize: 16, steps: 40 });
  });

  it('gives a bad value a notice and its default', () => {
    const { state, notices } = parseParams(trainPageSchema, new URLSearchParams('lr=fast&models=vgg16&steps=0'));
    expect(notices.map((n) => n.param)).toEqual(['lr', 'models', 'steps']);
    expect(notices[0].message).toMatch(/Using the default, 0.05/);
    expect((state as Record<string, unknown>).lr).toBe(0.05);
    expect(state.models).toEqual([DEFAULT_TRAIN_MODEL]);
  });

  it('passes on the config checks of lib/train/config.ts as notices named by URL key', () => {
    const { state } = parseParams(trainPageSchema, new URLSearchParams('nesterov=1&momentum=0&epochs=2&batch=100'));
    const { config, notices } = trainConfigOf(state);
    expect(notices.map((n) => n.param)).toEqual(['nesterov']);
    expect(notices[0].message).toMatch(/nesterov/);
    expect(config.optimizer).toMatchObject({ kind: 'sgd', nesterov: false });
    // 2 epochs of ⌊8000 / 100⌋ full batches.
    expect(config.steps).toBe(160);
  });

  it('counts a setting as given only away from its default, as the URL does (it leaves defaults out)', () => {
    // steps=500 with epochs: both given, steps win, with a notice.
    const both = trainConfigOf(parseParams(trainPageSchema, new URLSearchParams('steps=500&epochs=2')).state);
    expect(both.notices.map((n) => [n.param, n.message])).toEqual([['epochs', expect.stringMatching(/not both; training 500 steps/)]]);
    expect(both.config.steps).toBe(500);
    // steps=300 is the default: the same URL as none, so epochs alone decide (2 · ⌊8000 / 64⌋).
    const one = trainConfigOf(parseParams(trainPageSchema, new URLSearchParams('steps=300&epochs=2')).state);
    expect(one.notices).toEqual([]);
    expect(one.config.steps).toBe(250);
  });

  it('shows only the settings of the chosen optimizer and schedule', () => {
    const sgd = relevantParams({ opt: 'sgd', schedule: 'constant' });
    expect(sgd).toEqual(expect.arrayContaining(['lr', 'momentum', 'nesterov', 'wd', 'batch', 'steps', 'epochs', 'seed', 'dropout']));
    expect(sgd).not.toContain('beta1');
    expect(sgd).not.toContain('gamma');
    const adam = relevantParams({ opt: 'adam', schedule: 'cosine' });
    expect(adam).toEqual(expect.arrayContaining(['beta1', 'beta2', 'eps', 'tmax', 'etamin']));
    expect(adam).not.toContain('momentum');
    expect(adam).not.toContain('stepsize');
  });
});

describe('what the lab derives from the spec', () => {
  it('counts params and MACs with lib/arch and shows the first convolution by default', () => {
    const g = buildGraph('densenet_digits');
    expect(modelCost('densenet_digits').params).toBeGreaterThan(0);
    const first = defaultLayer(g);
    expect(g.nodes.find((n) => n.name === first)?.op.kind).toBe('conv');
    expect(layerFor(g, 'no.such.layer')).toBe(first);
    const other = g.nodes.at(-2)!.name;
    expect(layerFor(g, other)).toBe(other);
  });

  it('names the weights file after the model and the steps', () => {
    expect(weightsFilename({ id: 'resnet_digits', labQuery: '' }, 40)).toBe('resnet_digits-digits-40steps.safetensors');
  });
});
