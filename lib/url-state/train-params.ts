/**
 * URL parameters of the /train page and the `train` widget, derived from the training settings'
 * one declaration (lib/train/config.ts TRAIN_SETTINGS): key, range, step, label and doc come from
 * there. A page may start from other defaults (checked against the declared range, as
 * knob-params.ts does for knobs); it cannot widen a range.
 */
import { declAsParam, TRAIN_SETTINGS, TRAIN_SETTING_NAMES, type TrainSettingName, type TrainSettings, type TrainDecl } from '@/lib/train/config';
import type { Param, Schema, StateOf } from './schema';

type UrlKey<K extends TrainSettingName> = (typeof TRAIN_SETTINGS)[K]['url'];
/** The /train URL schema: one parameter per training setting, under its URL key. */
export type TrainUrlSchema = { readonly [K in TrainSettingName as UrlKey<K>]: Omit<(typeof TRAIN_SETTINGS)[K], 'url' | 'flag'> };

function toParam(d: TrainDecl, def: unknown): Param {
  const p = { ...declAsParam(d), default: def } as Param;
  const ok =
    p.kind === 'enum'
      ? (p.values as readonly string[]).includes(def as string)
      : p.kind === 'bool'
        ? typeof def === 'boolean'
        : p.kind === 'int' || p.kind === 'number'
          ? typeof def === 'number' &&
            def >= p.min &&
            def <= p.max &&
            !(p.kind === 'number' && p.minExclusive && def === p.min) &&
            (p.kind !== 'int' || Number.isInteger(def))
          : false;
  if (!ok) throw new RangeError(`default ${String(def)} is not allowed for "${d.doc}"`);
  return p;
}

/** The schema, optionally starting from other (valid) defaults. */
export function trainUrlParams(defaults: Partial<TrainSettings> = {}): TrainUrlSchema {
  const out: Record<string, Param> = {};
  for (const k of TRAIN_SETTING_NAMES) {
    const d = TRAIN_SETTINGS[k];
    out[d.url] = toParam(d, defaults[k] ?? d.default);
  }
  return out as unknown as TrainUrlSchema;
}

/** The declared schema with the declared defaults. */
export const TRAIN_URL_PARAMS: TrainUrlSchema = trainUrlParams();

/** Parsed URL state (keyed by URL key) → settings (keyed by setting name), for resolveTrainConfig. */
export function settingsFromUrlState(state: StateOf<Schema>): Partial<TrainSettings> {
  const out: Record<string, unknown> = {};
  for (const k of TRAIN_SETTING_NAMES) {
    const v = state[TRAIN_SETTINGS[k].url];
    if (v !== undefined) out[k] = v;
  }
  return out as Partial<TrainSettings>;
}

/** Settings → URL state, for toSearchParams (which leaves out values equal to the defaults). */
export function urlStateFromSettings(settings: Partial<TrainSettings>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of TRAIN_SETTING_NAMES) if (settings[k] !== undefined) out[TRAIN_SETTINGS[k].url] = settings[k];
  return out;
}
