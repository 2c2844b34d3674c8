/**
 * Channel split and shuffle (ShuffleNet v2, Ma et al. 2018, Fig. 3c/3d), as data: what every channel
 * position holds after each step of a few consecutive units.
 *
 * A channel position's content is described by
 *   - `key`: a stable identity for drawing strands: `o3` is original input channel 3 carried
 *     unchanged; `u1b2` is output channel 2 of unit 1's convolution branch (`u1a2` for the second
 *     branch of a stride-2 unit);
 *   - `deps`: the original input channels its value depends on;
 *   - `convolved`: whether the value came out of a convolution.
 *
 * The widget computes this with real tfjs ops (./trace-tf.ts: slice, 1×1 conv, concat and the
 * reshape-transpose-reshape channel shuffle of lib/runtime/ops/channels.ts). This file holds the
 * types, the plain-array reference the tests check the tfjs trace against, and the summaries. Both
 * traces follow the units as the spec builds them (./units.ts). No tfjs here.
 */
import { SHUFFLE_UNIT_GROUPS } from '@/lib/arch/blocks/shuffle-unit';
import { planUnits } from './units';

/** Where a computed channel came from: output `channel` of a unit's branch 1 or branch 2. */
export interface SlotOrigin {
  readonly unit: number;
  readonly branch: 1 | 2;
  readonly channel: number;
}

export interface Slot {
  readonly key: string;
  /** null: an original input channel, carried unchanged. */
  readonly origin: SlotOrigin | null;
  /** Original input channels this channel's value depends on, ascending. */
  readonly deps: readonly number[];
  readonly convolved: boolean;
}

export type UnitKind = 'basic' | 'downsample';

export interface UnitTrace {
  readonly kind: UnitKind;
  /** What enters the unit. */
  readonly input: readonly Slot[];
  /** Basic unit: the identity half (channels [0, c′)). Stride-2 unit: branch 1's outputs. */
  readonly left: readonly Slot[];
  /** Basic unit: the half that enters the convolution branch. Stride-2 unit: the whole input. */
  readonly branchIn: readonly Slot[];
  /** Branch outputs (branch 2 of a stride-2 unit). */
  readonly right: readonly Slot[];
  /** Concatenation [left, right]. */
  readonly concat: readonly Slot[];
  /** After the channel shuffle (equal to concat when the shuffle is off). */
  readonly output: readonly Slot[];
  /** output[p] = concat[perm[p]]: the shuffle as computed (identity when the shuffle is off). */
  readonly perm: readonly number[];
}

export interface ShuffleTrace {
  readonly channels: number;
  /** Number of original input channels (channels/2 when the first unit is a stride-2 unit). */
  readonly inputChannels: number;
  readonly shuffle: boolean;
  readonly units: readonly UnitTrace[];
}

export interface TraceOptions {
  /** Channels after every unit (even). */
  readonly channels: number;
  readonly units: number;
  readonly shuffle: boolean;
  /** The first unit is the stride-2 down-sampling unit (input channels/2 → channels). */
  readonly firstDownsample: boolean;
}

/** ShuffleNet v2's shuffle groups (the spec's: two branches). */
export const SHUFFLE_GROUPS = SHUFFLE_UNIT_GROUPS;

/**
 * The shuffle permutation by its definition (PyTorch: view(g, C/g) → transpose → flatten):
 * new channel j·g + i holds old channel i·(C/g) + j. Returns src with output[p] = input[src[p]].
 */
export function shufflePermutation(c: number, groups = SHUFFLE_GROUPS): number[] {
  if (c % groups !== 0) throw new RangeError(`${c} channels cannot be shuffled in ${groups} groups`);
  const per = c / groups;
  const src = new Array<number>(c);
  for (let i = 0; i < groups; i++) for (let j = 0; j < per; j++) src[j * groups + i] = i * per + j;
  return src;
}

const union = (slots: readonly Slot[]): number[] => [...new Set(slots.flatMap((s) => s.deps))].sort((a, b) => a - b);

/** A computed channel's identity: `u1b2` = output channel 2 of unit 1's branch 2 (`a` for branch 1). */
export function computedSlot(unit: number, branch: 1 | 2, channel: number, deps: readonly number[]): Slot {
  return { key: `u${unit}${branch === 1 ? 'a' : 'b'}${channel}`, origin: { unit, branch, channel }, deps, convolved: true };
}

export function inputSlot(k: number): Slot {
  return { key: `o${k}`, origin: null, deps: [k], convolved: false };
}

/** Plain-array reference of what trace-tf.ts computes with tensors, unit by unit as the spec plans them. */
export function referenceTrace(o: TraceOptions): ShuffleTrace {
  checkOptions(o);
  const inputChannels = o.firstDownsample ? o.channels / 2 : o.channels;
  let x: Slot[] = Array.from({ length: inputChannels }, (_, k) => inputSlot(k));
  const units: UnitTrace[] = planUnits(o).map((plan, i) => {
    const u = i + 1;
    let left: Slot[];
    let branchIn: Slot[];
    let right: Slot[];
    if (!plan.split) {
      branchIn = x;
      const deps = union(x);
      left = Array.from({ length: plan.leftOut }, (_, j) => computedSlot(u, 1, j, deps));
      right = Array.from({ length: plan.rightOut }, (_, j) => computedSlot(u, 2, j, deps));
    } else {
      left = x.slice(0, plan.split[0]);
      branchIn = x.slice(plan.split[0]);
      const deps = union(branchIn);
      right = Array.from({ length: plan.rightOut }, (_, j) => computedSlot(u, 2, j, deps));
    }
    const concat = [...left, ...right];
    const perm = o.shuffle ? shufflePermutation(concat.length, plan.shuffleGroups) : concat.map((_, p) => p);
    const output = perm.map((p) => concat[p]);
    const unit: UnitTrace = { kind: plan.kind, input: x, left, branchIn, right, concat, output, perm };
    x = output;
    return unit;
  });
  return { channels: o.channels, inputChannels, shuffle: o.shuffle, units };
}

/** A channel position in words, for tooltips: what it holds. */
export function describeSlot(s: Slot): string {
  if (!s.origin) return `input channel ${s.deps[0]}`;
  return `channel ${s.origin.channel} computed by unit ${s.origin.unit}'s ${s.origin.branch === 1 ? 'first' : 'convolution'} branch`;
}

export function checkOptions(o: TraceOptions): void {
  if (!Number.isInteger(o.channels) || o.channels < 4 || o.channels % 4 !== 0) throw new RangeError(`channels must be a multiple of 4, got ${o.channels}`);
  if (!Number.isInteger(o.units) || o.units < 1 || o.units > 6) throw new RangeError(`units must be 1..6, got ${o.units}`);
}

/**
 * Original input channels that never entered a convolution branch in the traced units: the
 * channels that, without the shuffle, pass every basic unit untouched.
 */
export function neverConvolved(t: ShuffleTrace): number[] {
  const met = new Set<number>();
  for (const u of t.units) for (const s of u.branchIn) for (const d of s.deps) met.add(d);
  return Array.from({ length: t.inputChannels }, (_, k) => k).filter((k) => !met.has(k));
}

/** Does a channel position carry information from original channel k? */
export function dependsOn(s: Slot, k: number): boolean {
  return s.deps.includes(k);
}

/** The 4 steps of a unit, in the order the reader steps through them. */
export const UNIT_STEPS = ['split', 'branch', 'concat', 'shuffle'] as const;
export type UnitStep = (typeof UNIT_STEPS)[number];

/** Step s (1-based over all units) → which unit and which step; step 0 is the input only. */
export function stepAt(s: number): { unit: number; step: UnitStep } | null {
  if (s <= 0) return null;
  return { unit: Math.floor((s - 1) / UNIT_STEPS.length) + 1, step: UNIT_STEPS[(s - 1) % UNIT_STEPS.length] };
}

export function stepCount(units: number): number {
  return units * UNIT_STEPS.length;
}
