/**
 * Every widget that can be embedded, defined once: its meta (id, title, description, URL schema,
 * webcam / tfjs flags), where it lives on the site, and the iframe height it usually needs. The
 * embed route, the share panel, the oEmbed endpoint and the instructors' documentation all read
 * this list; the React components live in components/embed/widget-components.tsx (keyed by id).
 *
 * Framework-free: no React, no tfjs (safe for Node scripts, tests and route handlers).
 */
import { labSchema } from '@/lib/models/lab-schema';
import { toSearchParams, type Schema, type StateOf } from '@/lib/url-state/schema';
import { cardinalityGroupsMeta } from '@/lib/widgets/cardinality-groups/meta';
import { channelProfileMeta } from '@/lib/widgets/channel-profile/meta';
import { channelShuffleMeta } from '@/lib/widgets/channel-shuffle/meta';
import { costCompareMeta } from '@/lib/widgets/cost-compare/meta';
import { denseConnectivityMeta } from '@/lib/widgets/dense-connectivity/meta';
import { denseReuseMeta } from '@/lib/widgets/dense-reuse/meta';
import { groupEquivalenceMeta } from '@/lib/widgets/group-equivalence/meta';
import { guidelineLabMeta } from '@/lib/widgets/guideline-lab/meta';
import { labFeatureMapsMeta } from '@/lib/widgets/lab-feature-maps/meta';
import { labFlopsVsTimeMeta } from '@/lib/widgets/lab-flops-vs-time/meta';
import { labGraphMeta } from '@/lib/widgets/lab-graph/meta';
import { labRunnerMeta } from '@/lib/widgets/lab-runner/meta';
import { rewardExplorerMeta } from '@/lib/widgets/reward-explorer/meta';
import { searchSpaceMeta } from '@/lib/widgets/search-space/meta';
import { timeBreakdownMeta } from '@/lib/widgets/time-breakdown/meta';
import type { WidgetMeta } from '@/lib/widgets/types';

/** A link back to the page of the site the widget comes from. */
export interface HomeLink {
  /** Site-relative path, with query and hash where useful. */
  readonly href: string;
  /** Link text: "the DenseNet lesson", "the densenet121 lab". */
  readonly label: string;
}

export type WidgetKind = 'lesson' | 'lab';

export interface WidgetEntry {
  readonly meta: WidgetMeta<Schema>;
  readonly kind: WidgetKind;
  /** Where the widget lives on the site, for a given state (lab links carry the state along). */
  readonly home: (state: Readonly<Record<string, unknown>>) => HomeLink;
  /** A good iframe height in CSS pixels before the embed reports its real one. */
  readonly height: number;
  /** What pressing Start runs (embeds with run=click), for widgets that use tfjs. */
  readonly runs?: string;
}

const lesson = (slug: string, anchor: string, name: string) => (): HomeLink => ({ href: `/lessons/${slug}#${anchor}`, label: `the ${name} lesson` });

/** The lab page of the chosen model with the widget's own lab parameters (defaults left out). */
const lab =
  (keys: readonly string[]) =>
  (state: Readonly<Record<string, unknown>>): HomeLink => {
    const model = String(state.model);
    const schema = labSchema(model);
    const picked = Object.fromEntries(keys.filter((k) => k in schema && state[k] !== undefined).map((k) => [k, state[k]]));
    const q = toSearchParams(schema, picked as Partial<StateOf<Schema>>).toString();
    return { href: `/models/${model}${q ? `?${q}` : ''}`, label: `the ${model} lab` };
  };

const TFJS = 'Loads TensorFlow.js (about 1.5 MB) and ';

export const REGISTRY: readonly WidgetEntry[] = [
  { meta: denseConnectivityMeta, kind: 'lesson', home: lesson('densenet', 'dense-connectivity', 'DenseNet'), height: 900 },
  {
    meta: denseReuseMeta,
    kind: 'lesson',
    home: lesson('densenet', 'real-reuse-in-real-tensors', 'DenseNet'),
    height: 760,
    runs: `${TFJS}runs a small seeded dense block on a photo.`,
  },
  { meta: channelProfileMeta, kind: 'lesson', home: lesson('densenet', 'the-imagenet-configurations', 'DenseNet'), height: 560 },
  {
    meta: costCompareMeta,
    kind: 'lesson',
    home: lesson('densenet', 'the-memory-cost-of-concatenation', 'DenseNet'),
    height: 820,
    runs: `${TFJS}times two whole networks on this device.`,
  },
  { meta: cardinalityGroupsMeta, kind: 'lesson', home: lesson('resnext', 'three-equivalent-forms', 'ResNeXt'), height: 900 },
  {
    meta: groupEquivalenceMeta,
    kind: 'lesson',
    home: lesson('resnext', 'equivalence-proven-live', 'ResNeXt'),
    height: 640,
    runs: `${TFJS}runs one ResNeXt block in three equivalent forms.`,
  },
  {
    meta: timeBreakdownMeta,
    kind: 'lesson',
    home: lesson('shufflenet-v2', 'flops-are-an-indirect-metric', 'ShuffleNet v2'),
    height: 720,
    runs: `${TFJS}profiles shufflenet_v2_x1_0 layer by layer on this device.`,
  },
  {
    meta: guidelineLabMeta,
    kind: 'lesson',
    home: lesson('shufflenet-v2', 'run-them-here', 'ShuffleNet v2'),
    height: 820,
    runs: `${TFJS}runs the paper's G1–G4 micro-benchmarks on this device.`,
  },
  {
    meta: channelShuffleMeta,
    kind: 'lesson',
    home: lesson('shufflenet-v2', 'channel-split-and-shuffle', 'ShuffleNet v2'),
    height: 900,
    runs: `${TFJS}computes the channel permutation of three units on a tiny tensor.`,
  },
  { meta: rewardExplorerMeta, kind: 'lesson', home: lesson('mnasnet', 'the-reward', 'MnasNet'), height: 720 },
  {
    meta: searchSpaceMeta,
    kind: 'lesson',
    home: lesson('mnasnet', 'a-factorized-hierarchical-search-space', 'MnasNet'),
    height: 980,
    runs: `${TFJS}builds sampled architectures and measures their latency on this device.`,
  },
  { meta: labGraphMeta, kind: 'lab', home: lab(['size', 'open', 'layer', 'color']), height: 760 },
  {
    meta: labRunnerMeta,
    kind: 'lab',
    home: lab(['backend', 'sample', 'seed']),
    height: 640,
    runs: `${TFJS}runs the model on the photo (seeded random weights).`,
  },
  {
    meta: labFeatureMapsMeta,
    kind: 'lab',
    home: lab(['layer', 'sample', 'seed', 'backend']),
    height: 820,
    runs: `${TFJS}runs the model on the photo and reads one layer's output.`,
  },
  {
    meta: labFlopsVsTimeMeta,
    kind: 'lab',
    home: lab(['psize', 'backend', 'seed']),
    height: 900,
    runs: `${TFJS}runs the model once; Profile then times every layer.`,
  },
];

/** Every widget's meta, in the order of the site (lessons, then the lab's parts). */
export const WIDGETS: readonly WidgetMeta<Schema>[] = REGISTRY.map((e) => e.meta);
export const WIDGET_IDS: readonly string[] = WIDGETS.map((m) => m.id);

const byId = new Map(REGISTRY.map((e) => [e.meta.id, e]));

export function isWidgetId(id: string): boolean {
  return byId.has(id);
}

/** The meta of a registered widget, or undefined. */
export function getWidget(id: string): WidgetMeta<Schema> | undefined {
  return byId.get(id)?.meta;
}

/** The whole registry entry (meta, home link, height) of a registered widget, or undefined. */
export function getWidgetEntry(id: string): WidgetEntry | undefined {
  return byId.get(id);
}
