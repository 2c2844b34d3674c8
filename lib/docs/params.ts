/**
 * Parameter tables for the instructors' documentation, generated from the URL schemas (nothing is
 * written twice): a widget's own parameters come from its meta's schema, the parameters every embed
 * takes from lib/embed/schema.ts. Framework-free.
 */
import { FRAME_PARAM_NAMES, FRAME_PARAMS, FRAME_PARTS, RUN_PARAM, RUNTIME_PARAMS, embedSchema, hideValues } from '@/lib/embed/schema';
import { describeAllowed, formatValue, type Param, type Schema } from '@/lib/url-state/schema';
import type { WidgetMeta } from '@/lib/widgets/types';

export interface ParamRow {
  /** The URL parameter (and MDX prop) name. */
  readonly name: string;
  /** The kind of value, in words: "whole number", "one of a list"… */
  readonly type: string;
  /** What it accepts (describeAllowed, the words notices use). */
  readonly allowed: string;
  /** The default in its URL form; '' when the default is empty. */
  readonly default: string;
  readonly doc: string;
  /** Only for some widgets: which ones take it. */
  readonly scope?: string;
}

const KIND_LABEL: Record<Param['kind'], string> = {
  enum: 'one of a list',
  int: 'whole number',
  number: 'number',
  bool: 'on/off (0 or 1)',
  intList: 'list of whole numbers',
  set: 'comma-separated list',
  string: 'text',
};

export function kindLabel(p: Param): string {
  return KIND_LABEL[p.kind];
}

export function paramRow(name: string, p: Param): ParamRow {
  return { name, type: kindLabel(p), allowed: describeAllowed(p), default: formatValue(p, p.default), doc: p.doc };
}

/** One row per parameter of a schema, in declaration order. */
export function schemaRows(schema: Schema): ParamRow[] {
  return Object.entries(schema).map(([name, p]) => paramRow(name, p));
}

/** The widget's own parameters (its state): exactly the keys of meta.schema, in order. */
export function widgetParamRows(meta: WidgetMeta<Schema>): ParamRow[] {
  return schemaRows(meta.schema);
}

/** Which of a widget's own parameters are the shared runtime ones (seed, backend). */
export function runtimeParamNames(meta: WidgetMeta<Schema>): string[] {
  return Object.keys(meta.schema).filter((k) => k in RUNTIME_PARAMS);
}

/** What `hide` accepts for one widget (its parameter names and the frame's parts). */
export function hideAllowed(meta: WidgetMeta<Schema>): string {
  return describeAllowed(embedSchema(meta).hide);
}

const SCOPE: Readonly<Record<string, string>> = {
  run: 'widgets that use TensorFlow.js',
  seed: 'widgets with random weights or inputs (a widget may allow a smaller range: see its table)',
  backend: 'widgets that run TensorFlow.js',
};

/**
 * The parameters every embed page takes besides its widget's own, once for all widgets: the frame's
 * (FRAME_PARAM_NAMES: v, theme, hide, run, links, id) and the runtime ones (RUNTIME_PARAMS: seed,
 * backend) that mean the same in every widget that has them.
 */
export function commonParamRows(): ParamRow[] {
  const frame = FRAME_PARAM_NAMES.map((name): ParamRow => {
    if (name === 'hide') {
      return {
        name,
        type: KIND_LABEL.set,
        allowed: `a comma-separated list of the widget's own parameter names (each hides that control) and ${FRAME_PARTS.join(', ')}`,
        default: '',
        doc: 'controls or parts of the frame to hide',
      };
    }
    const p: Param = name === 'run' ? RUN_PARAM : FRAME_PARAMS[name];
    return { ...paramRow(name, p), ...(SCOPE[name] ? { scope: SCOPE[name] } : {}) };
  });
  const runtime = Object.entries(RUNTIME_PARAMS).map(([name, p]): ParamRow => ({ ...paramRow(name, p), ...(SCOPE[name] ? { scope: SCOPE[name] } : {}) }));
  return [...frame, ...runtime];
}

/** Every name the merged embed schema of a widget accepts (its own, then the frame's). */
export function embedParamNames(meta: WidgetMeta<Schema>): string[] {
  return Object.keys(embedSchema(meta));
}

export { hideValues };
