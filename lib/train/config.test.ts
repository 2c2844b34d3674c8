/**
 * The training settings: declared once (URL params and CLI flags derive from TRAIN_SETTINGS),
 * resolved with an issue for every bad value (which then takes its default), and round-tripped
 * through the /train URL.
 */
import { describe, expect, it } from 'vitest';
import { parseParams, toSearchParams, type StateOf } from '../url-state/schema';
import { settingsFromUrlState, TRAIN_URL_PARAMS, trainUrlParams, urlStateFromSettings, type TrainUrlSchema } from '../url-state/train-params';
import {
  declAsParam,
  DEFAULT_TRAIN_SETTINGS,
  resolveTrainConfig,
  TRAIN_SETTING_NAMES,
  TRAIN_SETTINGS,
  trainFlags,
  type TrainDecl,
  type TrainSettings,
} from './config';

/** Values each kind of setting must refuse, typed and as text. */
function badValues(d: TrainDecl): unknown[] {
  switch (d.kind) {
    case 'enum':
      return ['nope', '', 3];
    case 'int':
      return [d.max + 1, d.min - 1, 1.5, 'abc', '2.5', String(d.max + 1)];
    case 'number':
      return [d.max * 2 + 1, Number.NaN, Infinity, d.minExclusive ? d.min : d.min - 1, 'x', String(d.max * 2 + 1), '1e999'];
    case 'bool':
      return ['maybe', 2, null];
  }
}

describe('resolveTrainConfig', () => {
  it('defaults: SGD lr 0.05 momentum 0.9, constant lr, batch 64, 300 steps, shuffle and dropout on, precise BN off', () => {
    const r = resolveTrainConfig({});
    expect(r.issues).toEqual([]);
    expect(r.config).toEqual({
      optimizer: { kind: 'sgd', lr: 0.05, momentum: 0.9, nesterov: false, weightDecay: 0 },
      schedule: { kind: 'constant' },
      batchSize: 64,
      steps: 300,
      seed: 0,
      shuffle: true,
      dropout: true,
      preciseBn: 0,
    });
    expect(r.settings).toEqual({ ...DEFAULT_TRAIN_SETTINGS, tMax: 300 });
  });

  it('precise BN: a whole number of batches from 0 (off) to 10,000; --precise-bn on the command line', () => {
    expect(resolveTrainConfig({ preciseBn: '125' }).config.preciseBn).toBe(125);
    const bad = resolveTrainConfig({ preciseBn: '-1' }, { names: 'flag', refuse: true });
    expect(bad.issues.map((i) => i.message)).toEqual([
      'Precise BN (batches) (--precise-bn) cannot be "-1": it must be a whole number from 0 to 10000 (default 0).',
    ]);
    expect(bad.config.preciseBn).toBe(0);
  });

  it('Adam, StepLR and cosine settings reach the config; text values parse', () => {
    const adam = resolveTrainConfig({
      optimizer: 'adam',
      lr: '0.001',
      beta1: 0.8,
      beta2: '0.99',
      eps: '1e-6',
      weightDecay: 0.01,
      schedule: 'step',
      stepSize: '30',
      gamma: 0.5,
    });
    expect(adam.issues).toEqual([]);
    expect(adam.config.optimizer).toEqual({ kind: 'adam', lr: 0.001, beta1: 0.8, beta2: 0.99, eps: 1e-6, weightDecay: 0.01 });
    expect(adam.config.schedule).toEqual({ kind: 'step', stepSize: 30, gamma: 0.5 });
    const cos = resolveTrainConfig({ schedule: 'cosine', steps: 120, etaMin: 0.001, nesterov: true, shuffle: false, dropout: 'false' });
    expect(cos.issues).toEqual([]);
    expect(cos.config.schedule).toEqual({ kind: 'cosine', tMax: 120, etaMin: 0.001 });
    expect(cos.config).toMatchObject({ steps: 120, shuffle: false, dropout: false, optimizer: { nesterov: true } });
    expect(resolveTrainConfig({ schedule: 'cosine', tMax: 50 }).config.schedule).toEqual({ kind: 'cosine', tMax: 50, etaMin: 0 });
  });

  for (const k of TRAIN_SETTING_NAMES) {
    const d = TRAIN_SETTINGS[k];
    it(`${k}: every bad value gets an issue naming it, what is allowed and the default`, () => {
      for (const bad of badValues(d)) {
        const r = resolveTrainConfig({ [k]: bad } as never);
        expect(r.issues, `${k} = ${String(bad)}`).toHaveLength(1);
        const [issue] = r.issues;
        expect(issue.param).toBe(k);
        expect(issue.message).toContain(`${d.label} (${k}) cannot be`);
        expect(issue.message).toMatch(/it must be (one of|a whole number|a number|0 or 1)/);
        expect(issue.message).toContain(`Using the default, ${d.kind === 'bool' ? (d.default ? '1' : '0') : String(d.default)}.`);
        const used = k === 'tMax' ? r.settings.steps : d.default;
        expect(r.settings[k]).toBe(used);
      }
    });
  }

  it('names a setting as the URL or the command line does', () => {
    expect(resolveTrainConfig({ weightDecay: -1 }, { names: 'flag' }).issues[0].message).toBe(
      'Weight decay (--weight-decay) cannot be "-1": it must be a number from 0 to 1. Using the default, 0.',
    );
    expect(resolveTrainConfig({ shuffle: 'x' }, { names: 'flag' }).issues[0].message).toContain('(--no-shuffle)');
    expect(resolveTrainConfig({ lr: 'abc', nesterov: true, momentum: 0 }, { names: 'flag', refuse: true }).issues.map((i) => i.message)).toEqual([
      'Learning rate (--lr) cannot be "abc": it must be a number above 0 up to 10 (default 0.05).',
      'Nesterov momentum (--nesterov) needs a momentum above 0.',
    ]);
    expect(resolveTrainConfig({ lr: '0' }, { names: 'url' }).issues[0].message).toBe(
      'Learning rate (lr) cannot be "0": it must be a number above 0 up to 10. Using the default, 0.05.',
    );
  });

  it('settings that contradict each other: the issue says which wins', () => {
    const nest = resolveTrainConfig({ nesterov: true, momentum: 0 });
    expect(nest.issues.map((i) => i.param)).toEqual(['nesterov']);
    expect(nest.config.optimizer).toMatchObject({ nesterov: false, momentum: 0 });
    // Adam has no Nesterov: no issue.
    expect(resolveTrainConfig({ optimizer: 'adam', nesterov: true, momentum: 0 }).issues).toEqual([]);

    const both = resolveTrainConfig({ steps: 40, epochs: 2 }, { trainSize: 8000 });
    expect(both.issues).toEqual([{ param: 'epochs', message: 'Give steps (steps) or epochs (epochs), not both; training 40 steps.' }]);
    expect(both.config.steps).toBe(40);

    const epochs = resolveTrainConfig({ epochs: 3, batchSize: 64, schedule: 'cosine' }, { trainSize: 8000 });
    expect(epochs.issues).toEqual([]);
    expect(epochs.config.steps).toBe(3 * 125);
    expect(epochs.config.schedule).toMatchObject({ tMax: 375 });
    expect(resolveTrainConfig({ epochs: 1, batchSize: 3 }, { trainSize: 10 }).config.steps).toBe(3);
    expect(resolveTrainConfig({ epochs: 2 }).issues[0]).toMatchObject({ param: 'epochs', message: expect.stringContaining('training-set size') });

    const big = resolveTrainConfig({ batchSize: 500 }, { trainSize: 100, names: 'flag' });
    expect(big.issues).toEqual([
      { param: 'batchSize', message: 'Batch size (--batch) 500 is larger than the training set (100 images), so no full batch exists; using 64.' },
    ]);
    expect(resolveTrainConfig({ batchSize: 500 }, { trainSize: 20 }).config.batchSize).toBe(20);
  });

  it('an unknown setting is an issue, not an error', () => {
    const r = resolveTrainConfig({ learningRate: 0.1 } as never);
    expect(r.issues).toEqual([{ param: 'learningRate', message: expect.stringContaining('Unknown training setting "learningRate"') }]);
    expect(r.config.optimizer.lr).toBe(0.05);
  });
});

describe('the /train URL parameters derive from the declarations', () => {
  it('each has its setting’s kind, range, step, label, doc and default', () => {
    for (const k of TRAIN_SETTING_NAMES) {
      const d = TRAIN_SETTINGS[k];
      const p = (TRAIN_URL_PARAMS as unknown as Record<string, Record<string, unknown>>)[d.url];
      expect(p, k).toEqual(declAsParam(d));
      expect(p).not.toHaveProperty('flag');
    }
    expect(Object.keys(TRAIN_URL_PARAMS)).toHaveLength(TRAIN_SETTING_NAMES.length);
  });

  it('a page may start elsewhere inside the range, never outside it', () => {
    expect(trainUrlParams({ steps: 50, optimizer: 'adam' }).steps.default).toBe(50);
    expect(trainUrlParams({ optimizer: 'adam' }).opt.default).toBe('adam');
    expect(() => trainUrlParams({ steps: 10 ** 6 })).toThrow(RangeError);
    expect(() => trainUrlParams({ lr: 0 })).toThrow(RangeError);
    expect(() => trainUrlParams({ batchSize: 2.5 })).toThrow(RangeError);
  });

  it('round trip: settings → URL → settings → the same config', () => {
    const settings: Partial<TrainSettings> = {
      optimizer: 'adam',
      lr: 0.001,
      eps: 1e-6,
      beta2: 0.99,
      weightDecay: 0.0005,
      schedule: 'cosine',
      etaMin: 0.0001,
      batchSize: 32,
      steps: 250,
      seed: 12345,
      shuffle: false,
      dropout: false,
    };
    const url = toSearchParams(TRAIN_URL_PARAMS, urlStateFromSettings(settings) as Partial<StateOf<TrainUrlSchema>>);
    expect(url.toString()).toBe(
      'opt=adam&lr=0.001&wd=0.0005&beta2=0.99&eps=0.000001&schedule=cosine&etamin=0.0001&batch=32&steps=250&seed=12345&shuffle=0&dropout=0',
    );
    const parsed = parseParams(TRAIN_URL_PARAMS, new URLSearchParams(url.toString()));
    expect(parsed.notices).toEqual([]);
    const back = settingsFromUrlState(parsed.state);
    expect(back).toEqual({ ...DEFAULT_TRAIN_SETTINGS, ...settings });
    expect(resolveTrainConfig(back).config).toEqual(resolveTrainConfig(settings).config);
    // Defaults stay out of the URL.
    expect(toSearchParams(TRAIN_URL_PARAMS, urlStateFromSettings(DEFAULT_TRAIN_SETTINGS) as Partial<StateOf<TrainUrlSchema>>).toString()).toBe('');
  });

  it('a bad URL value gets a notice and its default', () => {
    const { state, notices } = parseParams(TRAIN_URL_PARAMS, new URLSearchParams('lr=-1&opt=rmsprop&batch=64'));
    expect(notices.map((n) => n.param)).toEqual(['lr', 'opt']);
    expect(notices[1].message).toBe('"opt" cannot be "rmsprop": it must be one of sgd, adam. Using the default, sgd.');
    expect(resolveTrainConfig(settingsFromUrlState(state)).config.optimizer).toEqual(resolveTrainConfig({}).config.optimizer);
  });
});

describe('the command-line flags derive from the declarations', () => {
  it('has the flags of `arch train`, each with its range and default in the help', () => {
    const flags = trainFlags();
    const names = flags.map((f) => f.flag);
    for (const f of [
      '--steps',
      '--epochs',
      '--batch',
      '--optimizer',
      '--lr',
      '--momentum',
      '--nesterov',
      '--weight-decay',
      '--seed',
      '--no-shuffle',
      '--no-dropout',
    ])
      expect(names).toContain(f);
    expect(flags.find((f) => f.flag === '--nesterov')).toMatchObject({ setting: 'nesterov', takesValue: false });
    expect(flags.find((f) => f.flag === '--no-shuffle')).toMatchObject({ setting: 'shuffle', takesValue: false });
    expect(flags.find((f) => f.flag === '--lr')).toMatchObject({
      usage: '--lr X',
      doc: 'base learning rate (the schedule starts here); Adam usually wants about 0.001 (a number above 0 up to 10; default 0.05)',
    });
    expect(flags.find((f) => f.flag === '--optimizer')!.usage).toBe('--optimizer sgd|adam');
    expect(flags.find((f) => f.flag === '--no-shuffle')!.usage).toBe('--no-shuffle');
  });
});
