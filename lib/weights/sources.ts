/**
 * The kinds of weights a model can run with, which of them the site offers for a model, and which
 * one it starts with. One rule for the lab, its embeds and the lesson widgets:
 *
 *   random          seeded He init (lib/runtime/weights/he-init.ts), as torchvision initialises;
 *                   always offered; labelled "random weights" (the wording the site always used:
 *                   "Seeded random (seed N)" in pickers, "random weights (seed N)" in results)
 *   shipped-digits  trained weights shipped with the site, for the digits models
 *                   (shipped-digits.ts; public/weights/digits/)
 *   imagenet        torchvision's ImageNet weights, where the host has added them: its manifest
 *                   (lib/weights/imagenet/manifest.ts, read at run time by load-manifest.ts) gives
 *                   `imagenetAvailable`; imagenet/download.ts fetches, checks and caches the file;
 *                   the lab's picker and Runner use components/lab/useImagenetWeights.ts
 *   file            a .safetensors file the reader picks
 *   trained         weights the reader trained on /train and handed to the lab (lib/train/handoff.ts)
 *
 * The default: weights that have learned when the site has them (the reader's own /train handoff
 * when a link names one, else the shipped digits weights, else the host's ImageNet weights), and
 * random weights otherwise. A file is never a default (nothing is picked yet). Framework-free.
 */
import type { Graph } from '../arch/ir';
import { MODEL_IDS, buildGraph } from '../arch/registry';
import { stateDictKeys } from '../arch/statedict';
import { SHIPPED_DIGITS_IDS, shippedDigits, type ShippedDigits } from './shipped-digits-index';

export const WEIGHT_SOURCE_KINDS = ['random', 'shipped-digits', 'imagenet', 'file', 'trained'] as const;
export type WeightSourceKind = (typeof WEIGHT_SOURCE_KINDS)[number];

/** How a source is named in pickers and captions (random keeps the site's wording). */
export const WEIGHT_SOURCE_LABELS: Readonly<Record<WeightSourceKind, string>> = {
  random: 'Seeded random',
  'shipped-digits': 'Trained (shipped with the site)',
  imagenet: 'ImageNet weights (torchvision)',
  file: 'Your file',
  trained: 'Trained on the Train page',
};

/** What is known, per page, beyond the model id. */
export interface SourceContext {
  /** A /train handoff the URL names and this browser holds for this model. */
  readonly trainedReady?: boolean;
  /** The host's ImageNet manifest lists this model (filled in by the ImageNet weights part). */
  readonly imagenetAvailable?: boolean;
  /**
   * False when the network no longer has the registered model's state_dict (the lab's knobs
   * changed it): weights made for the registered model cannot load then. Default true.
   */
  readonly registeredShape?: boolean;
}

/** The shipped trained weights of `modelId` that fit (null: none ship, or the knobs changed the network). */
export function shippedFor(modelId: string, ctx: SourceContext = {}): ShippedDigits | null {
  return ctx.registeredShape === false ? null : shippedDigits(modelId);
}

/** The sources offered for a model, in the order a picker lists them. */
export function offeredSources(modelId: string, ctx: SourceContext = {}): WeightSourceKind[] {
  const out: WeightSourceKind[] = [];
  if (ctx.trainedReady) out.push('trained');
  if (shippedFor(modelId, ctx)) out.push('shipped-digits');
  if (ctx.imagenetAvailable && ctx.registeredShape !== false) out.push('imagenet');
  out.push('random', 'file');
  return out;
}

/** The source a model starts with (see the rule above). */
export function defaultSource(modelId: string, ctx: SourceContext = {}): WeightSourceKind {
  const offered = offeredSources(modelId, ctx);
  for (const k of ['trained', 'shipped-digits', 'imagenet'] as const) if (offered.includes(k)) return k;
  return 'random';
}

/** True for sources whose weights have learned something (the rest need a "random" caveat). */
export function isTrainedSource(kind: WeightSourceKind): boolean {
  return kind !== 'random';
}

/**
 * The lab's `weights` URL parameter: the choice among what the page can name by itself. A file
 * and a /train handoff are not in it (a file cannot travel in a link; a handoff has its own
 * `trained=<key>`); `file` records that the reader chose to bring one.
 */
export const URL_WEIGHT_SOURCES = ['trained', 'imagenet', 'random', 'file'] as const;
export type UrlWeightSource = (typeof URL_WEIGHT_SOURCES)[number];

const URL_OF: Partial<Record<WeightSourceKind, UrlWeightSource>> = { 'shipped-digits': 'trained', imagenet: 'imagenet', random: 'random', file: 'file' };
const KIND_OF: Readonly<Record<UrlWeightSource, WeightSourceKind>> = { trained: 'shipped-digits', imagenet: 'imagenet', random: 'random', file: 'file' };

export function urlValueOf(kind: WeightSourceKind): UrlWeightSource | null {
  return URL_OF[kind] ?? null;
}

export function kindOfUrlValue(v: UrlWeightSource): WeightSourceKind {
  return KIND_OF[v];
}

/** The URL values a model's lab accepts, its default first. */
export function urlSourcesFor(modelId: string, ctx: SourceContext = {}): UrlWeightSource[] {
  const d = defaultSource(modelId, { ...ctx, trainedReady: false });
  const values = offeredSources(modelId, { ...ctx, trainedReady: false, registeredShape: true })
    .map(urlValueOf)
    .filter((v): v is UrlWeightSource => v !== null);
  const first = urlValueOf(d) as UrlWeightSource;
  return [first, ...values.filter((v) => v !== first)];
}

/** Models with trained weights shipped with the site. */
export const MODELS_WITH_SHIPPED_WEIGHTS: readonly string[] = SHIPPED_DIGITS_IDS;

/**
 * Whether `graph` has the registered model's state_dict (every key and shape), so weights made
 * for the registered model load into it: true at any input size, false once knobs changed it.
 */
export function fitsRegisteredModel(graph: Graph, modelId: string): boolean {
  if (!MODEL_IDS.includes(modelId)) return false;
  const a = stateDictKeys(graph);
  const b = stateDictKeys(buildGraph(modelId));
  return a.length === b.length && a.every((e, i) => e.key === b[i].key && e.shape.join(',') === b[i].shape.join(','));
}
