/**
 * Every widget, defined once. A definition (lib/widgets/definition.ts) holds everything the site
 * needs to know about a widget except its React code: its meta (id, title, description, URL
 * schema, webcam / tfjs flags), the name lessons use for it in MDX, the frame lessons and embeds
 * draw around it, where it lives on the site, and the iframe height it usually needs. The MDX
 * components (mdx-components.tsx), the lesson shell, the embed pages, the share panel, the oEmbed
 * endpoint and /instructors all read these definitions; the lessons' are in
 * lesson-definitions.ts, the lab's parts in lab-definitions.ts (which the lab imports alone), the
 * training lab's in train-definitions.ts.
 *
 * Framework-free: no React, no tfjs (safe for Node scripts, tests and route handlers). The code of
 * each widget is the one other place a widget is named: components/widgets/loaders.ts maps every
 * id of DEFINITIONS to an `import()` of its component, typed by the definition's schema, so a
 * definition without a loader (or a loader of the wrong widget) fails type-checking, and
 * lib/widgets/registry.test.ts resolves every loader. Keeping the import() thunks out of these
 * files keeps React out of Node, and lets the bundler give each widget its own chunk.
 *
 * Adding a widget: write lib/widgets/<id>/meta.ts (schema and logic) and its component, add its
 * definition to lesson-definitions.ts and its loader to loaders.ts. Lessons can then use it by
 * its `mdx` name, and it has an embed page, a share panel and a section in /instructors.
 */
import type { Schema } from '@/lib/url-state/schema';
import type { WidgetDefinition } from '@/lib/widgets/definition';
import { LAB_DEFINITIONS } from '@/lib/widgets/lab-definitions';
import { LESSON_DEFINITIONS } from '@/lib/widgets/lesson-definitions';
import { TRAIN_DEFINITIONS } from '@/lib/widgets/train-definitions';
import type { WidgetMeta } from '@/lib/widgets/types';

export type { HomeLink, WidgetDefinition, WidgetFrameSpec, WidgetKind } from '@/lib/widgets/definition';
/** A registered widget's definition, its schema erased (what code that looks widgets up by id gets). */
export type WidgetEntry = WidgetDefinition<Schema>;

/**
 * Every widget, keyed by its id (the embed page's URL segment; a test checks key = meta.id), in the
 * order of the site: the lessons' (lesson-definitions.ts), the lab's parts (lab-definitions.ts), then
 * the training lab's (train-definitions.ts).
 */
export const DEFINITIONS = { ...LESSON_DEFINITIONS, ...LAB_DEFINITIONS, ...TRAIN_DEFINITIONS };

export type WidgetId = keyof typeof DEFINITIONS;
/** The URL schema of a registered widget, by id. */
export type SchemaOf<Id extends WidgetId> = (typeof DEFINITIONS)[Id] extends WidgetDefinition<infer S> ? S : never;

/** Every definition, in the order of the site. */
export const REGISTRY: readonly WidgetEntry[] = Object.values(DEFINITIONS);

/** The widgets lessons can use, each by its MDX name. */
export const LESSON_WIDGETS: readonly (WidgetEntry & { readonly mdx: string })[] = REGISTRY.filter(
  (e): e is WidgetEntry & { mdx: string } => e.mdx !== undefined,
);

/** Every widget's meta, in the order of the site (lessons, the lab's parts, the training lab's). */
export const WIDGETS: readonly WidgetMeta<Schema>[] = REGISTRY.map((e) => e.meta);
export const WIDGET_IDS: readonly string[] = WIDGETS.map((m) => m.id);

const byId = new Map(REGISTRY.map((e) => [e.meta.id, e]));

export function isWidgetId(id: string): id is WidgetId {
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
