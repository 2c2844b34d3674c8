/**
 * URL parameters for architecture knobs, derived from the knob's one declaration in lib/arch
 * (Family.knobSpecs: DENSENET_KNOBS, RESNEXT_KNOBS, …): the range, the step and the doc come from
 * there; the caller gives the default (the model's own value, or the widget's starting point) and
 * may narrow the range to what its figure can show. Widening it is a programming error.
 */
import type { KnobSpec } from '@/lib/arch/family';
import type { BoolParam, IntListParam, IntParam, NumberParam } from './schema';

type Spec<K extends KnobSpec['kind']> = Extract<KnobSpec, { kind: K }>;

/** A narrower [min, max] for one widget; must lie inside the declaration. */
export interface Narrow {
  readonly min?: number;
  readonly max?: number;
}

function narrowed(spec: { min: number; max: number }, n: Narrow, doc: string): { min: number; max: number } {
  const min = n.min ?? spec.min;
  const max = n.max ?? spec.max;
  if (min < spec.min || max > spec.max || min > max)
    throw new RangeError(`[${min}, ${max}] is not inside the declared range [${spec.min}, ${spec.max}] of "${doc}"`);
  return { min, max };
}

function checkDefault(v: number, min: number, max: number, doc: string): number {
  if (!(v >= min && v <= max)) throw new RangeError(`default ${v} is outside [${min}, ${max}] of "${doc}"`);
  return v;
}

export function intKnobP(spec: Spec<'int'>, def: number, n: Narrow = {}): IntParam {
  const { min, max } = narrowed(spec, n, spec.doc);
  return { kind: 'int', min, max, step: spec.step, default: checkDefault(def, min, max, spec.doc), doc: spec.doc, label: spec.label };
}

/** One entry of a list knob as its own integer parameter (a dense block's L). */
export function itemKnobP(spec: Spec<'intList'>, def: number, n: Narrow = {}): IntParam {
  const { min, max } = narrowed(spec, n, spec.itemDoc);
  return { kind: 'int', min, max, step: 1, default: checkDefault(def, min, max, spec.itemDoc), doc: spec.itemDoc };
}

export function numKnobP(spec: Spec<'number'>, def: number, n: Narrow = {}): NumberParam {
  const { min, max } = narrowed(spec, n, spec.doc);
  return {
    kind: 'number',
    min,
    max,
    minExclusive: spec.minExclusive && min === spec.min,
    step: spec.step,
    default: checkDefault(def, min, max, spec.doc),
    doc: spec.doc,
    label: spec.label,
  };
}

export function boolKnobP(spec: Spec<'bool'>, def: boolean): BoolParam {
  return { kind: 'bool', default: def, doc: spec.doc, label: spec.label };
}

export function intListKnobP(spec: Spec<'intList'>, def: readonly number[]): IntListParam {
  return {
    kind: 'intList',
    min: spec.min,
    max: spec.max,
    minLength: spec.minLength,
    maxLength: spec.maxLength,
    default: def,
    doc: spec.doc,
    label: spec.label,
  };
}
