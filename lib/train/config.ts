/**
 * The training parameters, declared once: label, kind, range, default and doc of every setting the
 * /train page, its URL, the `train` widget and the `arch train` command line expose. The URL schema
 * (lib/url-state/train-params.ts) and the CLI flags (trainFlags below) are derived from these
 * declarations; resolveTrainConfig turns settings from any of them into a TrainConfig.
 *
 * Ranges are those PyTorch accepts (torch.optim.SGD / Adam and the schedulers' own checks), cut to
 * what is sensible for a page; defaults are PyTorch's where it has one (Adam's betas and eps,
 * weight_decay 0, StepLR's gamma 0.1, CosineAnnealingLR's eta_min 0) and otherwise what trains a
 * digits model well in a few hundred steps (SGD lr 0.05, momentum 0.9, batch 64).
 */
import type { BoolParam, EnumParam, IntParam, NumberParam } from '../url-state/schema';
import { SEED_MAX, SEED_MIN } from '../url-state/common-params';
import { describeAllowed, formatValue, parseParams } from '../url-state/schema';
import type { OptimizerConfig, ScheduleConfig, TrainConfig } from './types';

/**
 * Where a setting appears besides its name: its URL key and its command-line flag (without --).
 * The URL key keeps its literal type, so the URL schema derived from these (train-params.ts) is
 * typed key by key (`state.lr`, `state.opt`).
 */
interface Names<U extends string = string> {
  /** The /train URL key. */
  readonly url: U;
  /** The CLI flag; a bool whose default is true is switched off by `--no-<flag>`. */
  readonly flag: string;
  readonly label: string;
}
type Decl<P, U extends string = string> = P & Names<U>;

export const OPTIMIZERS = ['sgd', 'adam'] as const;
export const SCHEDULES = ['constant', 'step', 'cosine'] as const;
export type OptimizerKind = (typeof OPTIMIZERS)[number];
export type ScheduleKind = (typeof SCHEDULES)[number];

const enumD = <V extends string, U extends string>(values: readonly V[], def: V, names: Names<U>, doc: string): Decl<EnumParam<V>, U> => ({
  kind: 'enum',
  values,
  default: def,
  doc,
  ...names,
});
const intD = <U extends string>(min: number, max: number, def: number, names: Names<U>, doc: string): Decl<IntParam, U> => ({
  kind: 'int',
  min,
  max,
  step: 1,
  default: def,
  doc,
  ...names,
});
const numD = <U extends string>(
  min: number,
  max: number,
  def: number,
  names: Names<U>,
  doc: string,
  o: { minExclusive?: boolean; step?: number } = {},
): Decl<NumberParam, U> => ({
  kind: 'number',
  min,
  max,
  minExclusive: o.minExclusive ?? false,
  step: o.step,
  default: def,
  doc,
  ...names,
});
const boolD = <U extends string>(def: boolean, names: Names<U>, doc: string): Decl<BoolParam, U> => ({ kind: 'bool', default: def, doc, ...names });

/** Every training setting, in the order controls, docs and `--help` list them. */
export const TRAIN_SETTINGS = {
  optimizer: enumD(
    OPTIMIZERS,
    'sgd',
    { url: 'opt', flag: 'optimizer', label: 'Optimizer' },
    'torch.optim.SGD (dampening 0) or torch.optim.Adam (L2 weight decay, amsgrad off)',
  ),
  lr: numD(0, 10, 0.05, { url: 'lr', flag: 'lr', label: 'Learning rate' }, 'base learning rate (the schedule starts here); Adam usually wants about 0.001', {
    minExclusive: true,
    step: 0.001,
  }),
  momentum: numD(
    0,
    0.999,
    0.9,
    { url: 'momentum', flag: 'momentum', label: 'Momentum' },
    'SGD momentum (0 = plain SGD); the first step sets the buffer to the gradient, as torch does',
    {
      step: 0.01,
    },
  ),
  nesterov: boolD(false, { url: 'nesterov', flag: 'nesterov', label: 'Nesterov' }, 'SGD with Nesterov momentum (needs momentum above 0)'),
  weightDecay: numD(
    0,
    1,
    0,
    { url: 'wd', flag: 'weight-decay', label: 'Weight decay' },
    'L2 penalty added to the gradient (weight_decay of torch.optim.SGD / Adam)',
    {
      step: 0.0001,
    },
  ),
  beta1: numD(0, 0.9999, 0.9, { url: 'beta1', flag: 'beta1', label: 'Adam β₁' }, "Adam's decay rate of the gradient's running mean", { step: 0.01 }),
  beta2: numD(0, 0.99999, 0.999, { url: 'beta2', flag: 'beta2', label: 'Adam β₂' }, "Adam's decay rate of the squared gradient's running mean", {
    step: 0.001,
  }),
  eps: numD(0, 1, 1e-8, { url: 'eps', flag: 'eps', label: 'Adam ε' }, "Adam's term added to the denominator", { minExclusive: true, step: 1e-8 }),
  schedule: enumD(
    SCHEDULES,
    'constant',
    { url: 'schedule', flag: 'schedule', label: 'Schedule' },
    'learning-rate schedule, stepped every optimizer step: constant, step (StepLR) or cosine (CosineAnnealingLR)',
  ),
  stepSize: intD(1, 100_000, 100, { url: 'stepsize', flag: 'step-size', label: 'Step size' }, 'StepLR: multiply the lr by gamma every this many steps'),
  gamma: numD(0, 1, 0.1, { url: 'gamma', flag: 'gamma', label: 'Gamma' }, "StepLR: the lr's factor at every step size", { minExclusive: true, step: 0.05 }),
  tMax: intD(0, 100_000, 0, { url: 'tmax', flag: 't-max', label: 'T_max' }, 'cosine: steps from the base lr down to the minimum (0 = the whole run)'),
  etaMin: numD(0, 10, 0, { url: 'etamin', flag: 'eta-min', label: 'Minimum lr' }, 'cosine: the lr it anneals to (eta_min)', { step: 0.0001 }),
  batchSize: intD(
    1,
    1024,
    64,
    { url: 'batch', flag: 'batch', label: 'Batch size' },
    'images per step; the last incomplete batch of an epoch is dropped (drop_last)',
  ),
  steps: intD(1, 100_000, 300, { url: 'steps', flag: 'steps', label: 'Steps' }, 'optimizer steps to train (unless epochs is set)'),
  epochs: intD(
    0,
    1000,
    0,
    { url: 'epochs', flag: 'epochs', label: 'Epochs' },
    'passes over the training set (0 = count steps instead); steps = epochs · ⌊N / batch⌋',
  ),
  seed: intD(SEED_MIN, SEED_MAX, 0, { url: 'seed', flag: 'seed', label: 'Seed' }, 'seed of the initial weights, the batch order and the dropout masks'),
  shuffle: boolD(true, { url: 'shuffle', flag: 'shuffle', label: 'Shuffle' }, 'a fresh random batch order every epoch (off: in dataset order)'),
  dropout: boolD(true, { url: 'dropout', flag: 'dropout', label: 'Dropout' }, "the models' dropout layers in training (off: the identity)"),
  preciseBn: intD(
    0,
    10_000,
    0,
    { url: 'precisebn', flag: 'precise-bn', label: 'Precise BN (batches)' },
    "after the last step, every BatchNorm's running mean/var becomes the average over this many training batches, weights unchanged " +
      '(Wu & Johnson 2021 §3; = torch.optim.swa_utils.update_bn; 0 = off)',
  ),
} as const;

export type TrainSettingName = keyof typeof TRAIN_SETTINGS;
type ValueOfDecl<D> = D extends EnumParam<infer V> ? V : D extends { default: infer T } ? T : never;
/** Every setting's value: what a form, a URL or the command line holds. */
export type TrainSettings = { -readonly [K in TrainSettingName]: ValueOfDecl<(typeof TRAIN_SETTINGS)[K]> };
export type TrainDecl = (typeof TRAIN_SETTINGS)[TrainSettingName];

/** A declaration as a plain URL-schema parameter (without its URL key and flag). */
export function declAsParam<D extends TrainDecl>(d: D): Omit<D, 'url' | 'flag'> {
  const p: Record<string, unknown> = { ...d };
  delete p.url;
  delete p.flag;
  return p as Omit<D, 'url' | 'flag'>;
}

export const TRAIN_SETTING_NAMES = Object.keys(TRAIN_SETTINGS) as TrainSettingName[];

export const DEFAULT_TRAIN_SETTINGS: Readonly<TrainSettings> = Object.fromEntries(
  TRAIN_SETTING_NAMES.map((k) => [k, TRAIN_SETTINGS[k].default]),
) as TrainSettings;

export interface TrainIssue {
  /** The setting's name (e.g. `weightDecay`). */
  readonly param: TrainSettingName | string;
  readonly message: string;
}

/** How a message names a setting: as the code does, as the URL does, or as the command line does. */
export type NameStyle = 'setting' | 'url' | 'flag';

export function settingName(k: TrainSettingName, style: NameStyle): string {
  const d = TRAIN_SETTINGS[k];
  if (style === 'url') return d.url;
  if (style === 'flag') return d.kind === 'bool' && d.default ? `--no-${d.flag}` : `--${d.flag}`;
  return k;
}

/** Input values: typed (a form, a parsed URL) or text (a command line); absent = the default. */
export type TrainInput = { readonly [K in TrainSettingName]?: TrainSettings[K] | string };

export interface ResolveContext {
  /** Training-set size: needed for epochs, and to check that one full batch exists. */
  readonly trainSize?: number;
  readonly names?: NameStyle;
  /**
   * The caller refuses rather than repairs (the command line): messages then say what is wrong
   * and what is allowed, without the "using …" of the value that replaced it.
   */
  readonly refuse?: boolean;
}

export interface ResolvedTrain {
  readonly config: TrainConfig;
  /** Every setting as used (bad values replaced by their defaults, tMax 0 made explicit). */
  readonly settings: TrainSettings;
  readonly issues: TrainIssue[];
}

function typedOk(d: TrainDecl, v: unknown): boolean {
  switch (d.kind) {
    case 'enum':
      return typeof v === 'string' && (d.values as readonly string[]).includes(v);
    case 'int':
      return typeof v === 'number' && Number.isInteger(v) && v >= d.min && v <= d.max;
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) && v >= d.min && v <= d.max && !(d.minExclusive && v === d.min);
    case 'bool':
      return typeof v === 'boolean';
  }
}

function shown(v: unknown): string {
  const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/**
 * Validates and combines training settings. Never throws: a bad value becomes an issue that names
 * the setting, what was given, what is allowed and the default used instead; settings that
 * contradict each other (Nesterov without momentum, steps and epochs both, a batch larger than the
 * training set) get an issue saying which one wins.
 */
export function resolveTrainConfig(input: TrainInput, ctx: ResolveContext = {}): ResolvedTrain {
  const style = ctx.names ?? 'setting';
  const issues: TrainIssue[] = [];
  /** An issue: the problem, then (unless the caller refuses) what is used instead. */
  const add = (param: string, problem: string, instead: string) => issues.push({ param, message: ctx.refuse ? `${problem}.` : `${problem}${instead}.` });
  const s = { ...DEFAULT_TRAIN_SETTINGS } as Record<TrainSettingName, unknown>;
  const given = new Set<TrainSettingName>();
  for (const [k, raw] of Object.entries(input)) {
    if (raw === undefined) continue;
    if (!Object.prototype.hasOwnProperty.call(TRAIN_SETTINGS, k)) {
      add(k, `Unknown training setting "${shown(k)}"${ctx.refuse ? '' : ' was ignored'}. Known settings: ${TRAIN_SETTING_NAMES.join(', ')}`, '');
      continue;
    }
    const key = k as TrainSettingName;
    const d = TRAIN_SETTINGS[key];
    let value: unknown = raw;
    let ok: boolean;
    if (typeof raw === 'string' && d.kind !== 'enum') {
      const r = parseParams({ [key]: d }, { [key]: raw });
      ok = r.notices.length === 0;
      value = r.state[key];
    } else ok = typedOk(d, raw);
    if (ok) {
      s[key] = value;
      given.add(key);
    } else {
      const name = settingName(key, style);
      const def = formatValue(d, d.default);
      const problem = `${d.label} (${name}) cannot be "${shown(raw)}": it must be ${describeAllowed(d)}`;
      add(key, ctx.refuse ? `${problem} (default ${def})` : problem, `. Using the default, ${def}`);
    }
  }
  const v = s as TrainSettings;
  const name = (k: TrainSettingName) => settingName(k, style);

  if (v.optimizer === 'sgd' && v.nesterov && v.momentum === 0) {
    // torch.optim.SGD raises "Nesterov momentum requires a momentum and zero dampening".
    add('nesterov', `Nesterov momentum (${name('nesterov')}) needs a momentum above 0`, '; training without Nesterov');
    v.nesterov = false;
  }
  if (ctx.trainSize !== undefined && v.batchSize > ctx.trainSize) {
    const use = Math.min(TRAIN_SETTINGS.batchSize.default, ctx.trainSize);
    add(
      'batchSize',
      `Batch size (${name('batchSize')}) ${v.batchSize} is larger than the training set (${ctx.trainSize} images), so no full batch exists`,
      `; using ${use}`,
    );
    v.batchSize = use;
  }
  if (v.epochs > 0) {
    if (given.has('steps')) {
      add('epochs', `Give steps (${name('steps')}) or epochs (${name('epochs')}), not both`, `; training ${v.steps} steps`);
      v.epochs = 0;
    } else if (ctx.trainSize === undefined) {
      add('epochs', `Epochs (${name('epochs')}) need the training-set size, which is not known here`, `; training ${v.steps} steps`);
      v.epochs = 0;
    } else {
      const perEpoch = Math.floor(ctx.trainSize / v.batchSize);
      v.steps = v.epochs * perEpoch;
    }
  }
  if (v.tMax === 0) v.tMax = v.steps;

  const optimizer: OptimizerConfig =
    v.optimizer === 'sgd'
      ? { kind: 'sgd', lr: v.lr, momentum: v.momentum, nesterov: v.nesterov, weightDecay: v.weightDecay }
      : { kind: 'adam', lr: v.lr, beta1: v.beta1, beta2: v.beta2, eps: v.eps, weightDecay: v.weightDecay };
  const schedule: ScheduleConfig =
    v.schedule === 'constant'
      ? { kind: 'constant' }
      : v.schedule === 'step'
        ? { kind: 'step', stepSize: v.stepSize, gamma: v.gamma }
        : { kind: 'cosine', tMax: v.tMax, etaMin: v.etaMin };
  return {
    config: { optimizer, schedule, batchSize: v.batchSize, steps: v.steps, seed: v.seed, shuffle: v.shuffle, dropout: v.dropout, preciseBn: v.preciseBn },
    settings: v,
    issues,
  };
}

/** One command-line flag of `arch train`, derived from a declaration. */
export interface TrainFlag {
  readonly setting: TrainSettingName;
  /** With the leading dashes: `--lr`, `--nesterov`, `--no-shuffle`. */
  readonly flag: string;
  /** False for switches (bools): `--nesterov` sets true, `--no-shuffle` sets false. */
  readonly takesValue: boolean;
  /** The flag as typed, with its value's placeholder: `--lr X`, `--optimizer sgd|adam`, `--nesterov`. */
  readonly usage: string;
  /** What it does and what it takes: `base learning rate … (a number above 0 up to 10; default 0.05)`. */
  readonly doc: string;
}

/** The training flags of `arch train`, in declaration order. */
export function trainFlags(): TrainFlag[] {
  return TRAIN_SETTING_NAMES.map((k) => {
    const d = TRAIN_SETTINGS[k];
    const flag = settingName(k, 'flag');
    if (d.kind === 'bool') return { setting: k, flag, takesValue: false, usage: flag, doc: d.default ? `turn off: ${d.doc}` : d.doc };
    const meta = d.kind === 'enum' ? d.values.join('|') : d.kind === 'int' ? 'N' : 'X';
    return { setting: k, flag, takesValue: true, usage: `${flag} ${meta}`, doc: `${d.doc} (${describeAllowed(d)}; default ${formatValue(d, d.default)})` };
  });
}
