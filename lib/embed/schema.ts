/**
 * The URL schema of an embed page, /embed/<widget>?…, defined once per widget by merging:
 *
 *   - the widget's own schema (lib/widgets/<id>/meta.ts), the state of its knobs;
 *   - the frame parameters every embed takes: v, theme, hide, links, id, and run for widgets that
 *     start TensorFlow.js;
 *   - the runtime parameters seed and backend, which mean the same thing in every widget that has
 *     them (RUNTIME_PARAMS, declared once in lib/url-state/common-params.ts and imported by every
 *     meta). A widget may start its seed elsewhere than 0; the merge still checks that its range
 *     agrees with the common one, so `backend=webgl` or `seed=7` can never mean two things.
 *
 * Parsing, link building, the iframe code, the oEmbed endpoint, the hidden-control CSS and the
 * instructors' docs all derive from embedSchema(meta). Framework-free.
 */
import { BACKEND_PARAM, SEED_PARAM } from '@/lib/url-state/common-params';
import {
  boolP,
  describeAllowed,
  enumP,
  parseParams,
  setP,
  stringP,
  toSearchParams,
  type Notice,
  type Param,
  type ParamSource,
  type Schema,
  type StateOf,
} from '@/lib/url-state/schema';
import type { WidgetMeta } from '@/lib/widgets/types';

/** The current version of the embed URL format (the `v` parameter). */
export const EMBED_VERSION = 1;
export const EMBED_VERSIONS = ['1'] as const;
export const THEMES = ['auto', 'light', 'dark'] as const;
export const RUN_MODES = ['visible', 'click'] as const;
/** Parts of the frame around the widget that `hide` can remove, besides the widget's controls. */
export const FRAME_PARTS = ['title', 'description', 'share'] as const;
export { BACKEND_CHOICES } from '@/lib/url-state/common-params';

export type Theme = (typeof THEMES)[number];
export type RunMode = (typeof RUN_MODES)[number];

/** Parameters of the frame around any widget. */
export const FRAME_PARAMS = {
  v: enumP(EMBED_VERSIONS, '1', `version of the embed URL format (current: ${EMBED_VERSION}); links made by the site always carry it`),
  theme: enumP(THEMES, 'auto', "colour theme: auto follows the reader's system setting"),
  links: boolP(true, "show a link back to the widget's lesson or lab on the site (opens in a new tab)"),
  id: stringP(/^[A-Za-z0-9_.:-]*$/, 'letters, digits and _ . : -', 64, '', 'a name for this embed, sent back in its resize messages (default: the widget id)'),
} as const;

/** Only for widgets that use TensorFlow.js. */
export const RUN_PARAM = enumP(
  RUN_MODES,
  'visible',
  'when TensorFlow.js may start: as soon as the widget is scrolled into view, or only after a click on Start',
);

/** Shared by every widget with random weights or a choice of backend. */
export const RUNTIME_PARAMS = {
  seed: SEED_PARAM,
  backend: BACKEND_PARAM,
} as const;

export const FRAME_PARAM_NAMES = ['v', 'theme', 'hide', 'run', 'links', 'id'] as const;

export interface FrameState {
  v: string;
  theme: Theme;
  hide: readonly string[];
  run: RunMode;
  links: boolean;
  id: string;
}

export class EmbedSchemaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbedSchemaError';
  }
}

/** Why a widget's own declaration of a runtime parameter disagrees with the common one, or null. */
export function runtimeConflict(name: keyof typeof RUNTIME_PARAMS, own: Param): string | null {
  const common = RUNTIME_PARAMS[name];
  if (own.kind !== common.kind) return `is a ${own.kind} parameter, but ${name} is a ${common.kind} everywhere else`;
  if (own.kind === 'enum' && common.kind === 'enum') {
    const extra = own.values.filter((v) => !(common.values as readonly string[]).includes(v));
    return extra.length ? `allows ${extra.join(', ')}, which no other widget accepts` : null;
  }
  if (own.kind === 'int' && common.kind === 'int') {
    return own.min < common.min || own.max > common.max ? `ranges ${own.min}–${own.max}, outside the common ${common.min}–${common.max}` : null;
  }
  return null;
}

/** The names `hide` accepts for a widget: its own parameters (each control's data-control) and the frame's parts. */
export function hideValues(meta: WidgetMeta<Schema>): string[] {
  return [...Object.keys(meta.schema), ...FRAME_PARTS];
}

const cache = new WeakMap<object, Schema>();

/**
 * The whole URL schema of a widget's embed page: its own parameters first (runtime ones included
 * where it has them), then the frame's. Throws EmbedSchemaError when a widget parameter clashes
 * with a frame parameter or disagrees with a runtime parameter (a programming error; the unit
 * tests merge every registered widget).
 */
export function embedSchema(meta: WidgetMeta<Schema>): Schema {
  const known = cache.get(meta);
  if (known) return known;
  const own = meta.schema;
  for (const name of Object.keys(own)) {
    if ((FRAME_PARAM_NAMES as readonly string[]).includes(name))
      throw new EmbedSchemaError(`${meta.id}: parameter "${name}" clashes with the embed frame's "${name}"`);
    if (name in RUNTIME_PARAMS) {
      const why = runtimeConflict(name as keyof typeof RUNTIME_PARAMS, own[name]);
      if (why) throw new EmbedSchemaError(`${meta.id}: its "${name}" ${why}`);
    }
  }
  const merged: Schema = {
    ...own,
    v: FRAME_PARAMS.v,
    theme: FRAME_PARAMS.theme,
    hide: setP(hideValues(meta), [], 'controls or parts of the frame to hide, comma-separated'),
    ...(meta.usesTfjs ? { run: RUN_PARAM } : {}),
    links: FRAME_PARAMS.links,
    id: FRAME_PARAMS.id,
  };
  cache.set(meta, merged);
  return merged;
}

/** Which parameters of the merged schema are the widget's, which the frame's (for docs). */
export function paramOrigin(meta: WidgetMeta<Schema>, name: string): 'widget' | 'runtime' | 'frame' {
  if (name in meta.schema) return name in RUNTIME_PARAMS ? 'runtime' : 'widget';
  return 'frame';
}

export interface ParsedEmbed {
  /** The widget's state: every key of its own schema, valid. */
  readonly state: StateOf<Schema>;
  readonly frame: FrameState;
  readonly notices: Notice[];
}

/**
 * Reads an embed URL's parameters. Never throws: a bad or unknown parameter becomes a notice and
 * that parameter keeps its default. An unknown version is read as the current one, with a notice.
 */
export function parseEmbedParams(meta: WidgetMeta<Schema>, src: ParamSource): ParsedEmbed {
  const schema = embedSchema(meta);
  const { state, notices } = parseParams(schema, src);
  const all = state as Record<string, unknown>;
  const widgetState = Object.fromEntries(Object.keys(meta.schema).map((k) => [k, all[k]])) as StateOf<Schema>;
  const frame: FrameState = {
    v: String(all.v),
    theme: all.theme as Theme,
    hide: all.hide as readonly string[],
    run: (meta.usesTfjs ? all.run : 'visible') as RunMode,
    links: all.links as boolean,
    id: String(all.id),
  };
  const out = notices.map((n) =>
    n.param === 'v'
      ? {
          ...n,
          message: `This link uses version "${n.given}" of the embed format, which this site does not know (${describeAllowed(schema.v)}); its parameters were read as version ${EMBED_VERSION}.`,
        }
      : n,
  );
  return { state: widgetState, frame, notices: out };
}

export const DEFAULT_FRAME: FrameState = { v: String(EMBED_VERSION), theme: 'auto', hide: [], run: 'visible', links: true, id: '' };

/**
 * The query string of an embed URL: v first (links are pinned to a format version), then the
 * widget's parameters and the frame's, each left out when it has its default value.
 */
export function embedQuery(meta: WidgetMeta<Schema>, state: Readonly<Record<string, unknown>>, frame: Partial<FrameState> = {}): string {
  const schema = embedSchema(meta);
  const { v: _v, ...rest } = { ...frame };
  void _v;
  const params = toSearchParams(schema, { ...state, ...rest } as Partial<StateOf<Schema>>);
  params.delete('v');
  const q = params.toString();
  return `v=${EMBED_VERSION}${q ? `&${q}` : ''}`;
}

/** Site-relative path of a widget's embed page. */
export function embedPath(id: string): string {
  return `/embed/${id}`;
}

/** Absolute (with origin) or site-relative URL of an embed page for a state. */
export function embedUrl(origin: string, meta: WidgetMeta<Schema>, state: Readonly<Record<string, unknown>>, frame: Partial<FrameState> = {}): string {
  return `${origin.replace(/\/+$/, '')}${embedPath(meta.id)}?${embedQuery(meta, state, frame)}`;
}

/** The CSS that hides the controls and frame parts named by `hide` (names come from the schema, never raw input). */
export function hiddenCss(meta: WidgetMeta<Schema>, hide: readonly string[], scope = '[data-embed-root]'): string {
  const allowed = new Set(hideValues(meta));
  return hide
    .filter((h) => allowed.has(h) && /^[A-Za-z0-9_-]+$/.test(h))
    .map((h) => `${scope} [data-control="${h}"],${scope} [data-part="${h}"]{display:none!important}`)
    .join('\n');
}
