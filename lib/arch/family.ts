/** The shape every architecture family exposes to the registry (registry.ts). */
import type { Graph } from './ir';

export interface Paper {
  readonly title: string;
  readonly authors: string;
  readonly year: number;
  readonly arxiv: string;
}

export type FamilyId = 'densenet' | 'resnext' | 'shufflenet_v2' | 'mnasnet';

/**
 * A knob as a reader sets it (lab knobs, widget controls, URL parameters), declared once next to
 * the family's knobs: the range a control offers, the step it moves by and one line of
 * documentation. URL schemas derive their parameters from it (lib/url-state/knob-params.ts); a
 * widget may narrow the range to what its figure can show, never widen it. The spec's own
 * validation (resolve) checks what makes a network valid, which can be looser.
 */
export type KnobSpec = KnobText &
  (
    | { readonly kind: 'int'; readonly min: number; readonly max: number; readonly step: number }
    | { readonly kind: 'number'; readonly min: number; readonly max: number; readonly minExclusive: boolean; readonly step: number }
    | { readonly kind: 'bool' }
    | {
        readonly kind: 'intList';
        readonly min: number;
        readonly max: number;
        readonly minLength: number;
        readonly maxLength: number;
        /** Doc of one entry, for a control that sets a single one (a dense block's L). */
        readonly itemDoc: string;
      }
    /** A structured value that the URL layer encodes as text (MnasNet's 7 block choices). */
    | { readonly kind: 'code' }
  );

interface KnobText {
  /** The control's label, e.g. "Growth rate k". */
  readonly label: string;
  /** One line for the control's hint and the parameter docs. */
  readonly doc: string;
}

/** The declared knobs of a family (those a reader can set). */
export type KnobSpecs<K> = { readonly [P in keyof K]?: KnobSpec };

/** Knob values as they arrive from a UI, a URL or the CLI: validated by the family. */
export type KnobInput = Readonly<Record<string, unknown>>;

export interface Family<K extends object> {
  readonly id: FamilyId;
  readonly name: string;
  readonly description: string;
  readonly paper: Paper;
  /** Default knob values (the family's reference model). */
  readonly defaults: Readonly<K>;
  /** Range, step and doc of each knob a reader can set: the one declaration URL schemas derive from. */
  readonly knobSpecs: KnobSpecs<K>;
  /** Default input size (224 for ImageNet models). */
  readonly defaultSize: number;
  /** Merges `knobs` over the defaults and validates every knob; throws SpecError. */
  resolve(knobs: KnobInput): K;
  /** Builds the graph for validated knobs at a square input of `size`. */
  build(knobs: K, size: number, id?: string): Graph;
  /** A short descriptive id for custom knob settings, e.g. `densenet-k12-2.2.2`. */
  describe(knobs: K): string;
}
