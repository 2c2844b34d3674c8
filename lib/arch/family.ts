/** The shape every architecture family exposes to the registry (registry.ts). */
import type { Graph } from './ir';

export interface Paper {
  readonly title: string;
  readonly authors: string;
  readonly year: number;
  readonly arxiv: string;
}

export type FamilyId = 'densenet' | 'resnext' | 'shufflenet_v2' | 'mnasnet';

/** Knob values as they arrive from a UI, a URL or the CLI: validated by the family. */
export type KnobInput = Readonly<Record<string, unknown>>;

export interface Family<K extends object> {
  readonly id: FamilyId;
  readonly name: string;
  readonly description: string;
  readonly paper: Paper;
  /** Default knob values (the family's reference model). */
  readonly defaults: Readonly<K>;
  /** Default input size (224 for ImageNet models). */
  readonly defaultSize: number;
  /** Merges `knobs` over the defaults and validates every knob; throws SpecError. */
  resolve(knobs: KnobInput): K;
  /** Builds the graph for validated knobs at a square input of `size`. */
  build(knobs: K, size: number, id?: string): Graph;
  /** A short descriptive id for custom knob settings, e.g. `densenet-k12-2.2.2`. */
  describe(knobs: K): string;
}
