/**
 * Documentation of every component a lesson can use in MDX (the registry in mdx-components.tsx),
 * checked by the type system against the components themselves so the docs cannot drift:
 *
 * - a widget's MDX props are its URL schema's parameters, and its docs are made from its
 *   definition in lib/widgets/registry.ts (its MDX tag is made from the same definition, see
 *   components/widgets/mdx-widgets.tsx), parameter table included;
 * - every other component lists its props in a PropDocs object that must name every prop of the
 *   component, no other, with `required` matching the prop's optionality, and lists of allowed
 *   values must be exhaustive (oneOf).
 *
 * That every name in mdx-components.tsx has an entry here (and no entry is stale) is checked when
 * the instructors' page is built (mdxDocsProblems). Components are imported as types only: this
 * module stays free of React at run time.
 */
import type { ComponentProps, JSXElementConstructor } from 'react';
import type { DevicePanel } from '@/components/device/DevicePanel';
import type { Callout } from '@/components/mdx/Callout';
import type { DenseNetConfigTable } from '@/components/widgets/densenet/DenseNetConfigTable';
import type { MnasNetA1Table } from '@/components/widgets/mnasnet/MnasNetA1Table';
import type { CardinalityAblationTable, ResNeXtComparisonTable } from '@/components/widgets/resnext/ResNeXtTables';
import type { ShuffleNetV2Table } from '@/components/widgets/shufflenet/ShuffleNetV2Table';
import { formatValue, type Param, type Schema } from '@/lib/url-state/schema';
import { LESSON_WIDGETS } from '@/lib/widgets/registry';
import type { WidgetMeta } from '@/lib/widgets/types';

/** One documented prop of a non-widget component. */
export interface PropDoc {
  /** The prop's type, as an author writes it. */
  readonly type: string;
  readonly required: boolean;
  /** The value used when it is left out. */
  readonly default?: string;
  readonly doc: string;
}

/**
 * Docs for exactly the props of P: every key (no more), and `required: true` exactly where the
 * prop is not optional. A component without props takes `{}` (and rejects any entry).
 */
export type PropDocs<P> = [keyof P] extends [never]
  ? Readonly<Record<string, never>>
  : { readonly [K in keyof P]-?: PropDoc & { readonly required: object extends Pick<P, K> ? false : true } };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- React's own constraint for ComponentProps
type AnyComponent = JSXElementConstructor<any>;

export interface ComponentDoc {
  readonly kind: 'component';
  /** What it shows, one or two sentences. */
  readonly summary: string;
  /** A line of MDX that uses it. */
  readonly example: string;
  readonly props: Readonly<Record<string, PropDoc>>;
}

export interface WidgetComponentDoc {
  readonly kind: 'widget';
  /** The embeddable widget it is (lib/widgets/registry.ts): its props are this widget's schema. */
  readonly widgetId: string;
  readonly meta: WidgetMeta<Schema>;
}

export type MdxComponentDoc = ComponentDoc | WidgetComponentDoc;

/** A non-widget component's docs, its props checked against the component's prop types. */
export function component<C extends AnyComponent>() {
  return (doc: { summary: string; example: string; props: PropDocs<ComponentProps<C>> }): ComponentDoc => ({
    kind: 'component',
    summary: doc.summary,
    example: doc.example,
    props: doc.props as Readonly<Record<string, PropDoc>>,
  });
}

/**
 * The allowed values of a string-union prop, written out for the docs: the list must name every
 * member of the union (a missing one is a type error), e.g. `oneOf<'note' | 'warning'>()(['note', 'warning'])`.
 */
export function oneOf<T extends string>() {
  return <const A extends readonly T[]>(values: A, ..._exhaustive: [Exclude<T, A[number]>] extends [never] ? [] : [missing: Exclude<T, A[number]>]): string => {
    void _exhaustive; // only its type matters
    return values.map((v) => `"${v}"`).join(' | ');
  };
}

type CalloutProps = ComponentProps<typeof Callout>;

/** The components that are not widgets, written by hand. */
const COMPONENT_DOCS = {
  Callout: component<typeof Callout>()({
    summary: 'A boxed aside: a note (blue) or a warning (amber), with an optional bold title. Its content is ordinary Markdown.',
    example:
      '<Callout title="Figures tutorials get wrong" tone="warning">\nThe weight decay is $10^{-4}$ with Nesterov momentum 0.9, not $4 \\times 10^{-5}$.\n</Callout>',
    props: {
      title: { type: 'string', required: false, doc: 'bold first line' },
      tone: {
        type: oneOf<NonNullable<CalloutProps['tone']>>()(['note', 'warning']),
        required: false,
        default: 'note' satisfies NonNullable<CalloutProps['tone']>,
        doc: 'colour and meaning of the box',
      },
      children: { type: 'Markdown', required: true, doc: 'the text between the opening and closing tags' },
    },
  }),
  DevicePanel: component<typeof DevicePanel>()({
    summary:
      '“Your device”: loads TensorFlow.js after the page has painted and reports the backend it chose, the GPU renderer and whether GPU timers are available; a button measures the device’s peak GFLOP/s and memory GB/s (the roofs of the lab’s roofline), kept for the session.',
    example: '<DevicePanel />',
    props: {},
  }),
  DenseNetConfigTable: component<typeof DenseNetConfigTable>()({
    summary:
      "The ImageNet DenseNets (121, 169, 201, 161): blocks, growth rate, depth, parameters and MACs computed from this site's specs, beside the paper's Table 3 errors.",
    example: '<DenseNetConfigTable />',
    props: {},
  }),
  ResNeXtComparisonTable: component<typeof ResNeXtComparisonTable>()({
    summary: "ResNeXt paper, Table 1: ResNet-50 against ResNeXt-50 (32×4d), stage by stage, with this site's parameter and MAC counts beside the paper's.",
    example: '<ResNeXtComparisonTable />',
    props: {},
  }),
  CardinalityAblationTable: component<typeof CardinalityAblationTable>()({
    summary: 'ResNeXt paper, Table 3: cardinality against bottleneck width at equal complexity, with the computed parameters and MACs.',
    example: '<CardinalityAblationTable />',
    props: {},
  }),
  ShuffleNetV2Table: component<typeof ShuffleNetV2Table>()({
    summary:
      'ShuffleNet v2 paper, Table 5: the 0.5×, 1×, 1.5× and 2× networks stage by stage, channels and output sizes from the spec, MACs and parameters beside the paper’s.',
    example: '<ShuffleNetV2Table />',
    props: {},
  }),
  MnasNetA1Table: component<typeof MnasNetA1Table>()({
    summary:
      "MnasNet-A1 block by block (the paper's Fig. 7(a)): operation, kernel, squeeze-and-excitation, skip and output size, with parameters and MACs from the spec.",
    example: '<MnasNetA1Table />',
    props: {},
  }),
} as const satisfies Readonly<Record<string, ComponentDoc>>;

/** Every lesson widget, from its definition: its MDX name, and its props = its schema. */
const WIDGET_DOCS: Readonly<Record<string, WidgetComponentDoc>> = Object.fromEntries(
  LESSON_WIDGETS.map((e) => [e.mdx, { kind: 'widget', widgetId: e.meta.id, meta: e.meta } satisfies WidgetComponentDoc]),
);

/** Every MDX component: the general ones first, then the widgets in the order of the lessons. */
export const MDX_COMPONENT_DOCS: Readonly<Record<string, MdxComponentDoc>> = { ...COMPONENT_DOCS, ...WIDGET_DOCS };

export type MdxComponentName = string;
export const MDX_COMPONENT_NAMES: readonly MdxComponentName[] = Object.keys(MDX_COMPONENT_DOCS);

/** Names registered in mdx-components.tsx without docs here, and docs for names no longer registered. */
export function mdxDocsProblems(registered: readonly string[]): { undocumented: string[]; stale: string[] } {
  const documented = new Set<string>(MDX_COMPONENT_NAMES);
  const reg = new Set(registered);
  return { undocumented: registered.filter((n) => !documented.has(n)), stale: MDX_COMPONENT_NAMES.filter((n) => !reg.has(n)) };
}

/** How a value is written as an MDX prop: numbers and booleans in braces, the rest quoted. */
export function mdxPropValue(p: Param, v: unknown): string {
  if (p.kind === 'int' || p.kind === 'number') return `{${String(v)}}`;
  if (p.kind === 'bool') return `{${v ? 'true' : 'false'}}`;
  return `"${formatValue(p, v)}"`;
}

/** A line of MDX using a widget with its first (short) parameters at their defaults. */
export function widgetExample(name: string, meta: WidgetMeta<Schema>, count = 2): string {
  const props = Object.entries(meta.schema)
    .filter(([, p]) => formatValue(p, p.default).length <= 24)
    .slice(0, count)
    .map(([k, p]) => `${k}=${mdxPropValue(p, p.default)}`);
  return `<${name}${props.length ? ` ${props.join(' ')}` : ''} />`;
}
