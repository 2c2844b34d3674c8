import { describe, expect, it } from 'vitest';
import { BACKEND_ORDER } from '@/lib/runtime/backend-names';
import { enumP, intP, type Schema } from '@/lib/url-state/schema';
import { REGISTRY, WIDGETS, WIDGET_IDS, getWidget, getWidgetEntry } from '@/lib/widgets/registry';
import type { WidgetMeta } from '@/lib/widgets/types';
import {
  EMBED_VERSION,
  EmbedSchemaError,
  FRAME_PARTS,
  RUNTIME_PARAMS,
  embedQuery,
  embedSchema,
  embedUrl,
  hiddenCss,
  hideValues,
  paramOrigin,
  parseEmbedParams,
} from './schema';

const fake = (schema: Schema, usesTfjs = false): WidgetMeta<Schema> => ({
  id: 'fake',
  title: 'Fake',
  description: 'A test widget.',
  schema,
  usesWebcam: false,
  usesTfjs,
});

describe('the registry', () => {
  it('has unique, URL-safe ids, and every lesson widget plus the four lab parts', () => {
    expect(new Set(WIDGET_IDS).size).toBe(WIDGET_IDS.length);
    for (const id of WIDGET_IDS) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(WIDGET_IDS).toEqual(expect.arrayContaining(['lab-graph', 'lab-runner', 'lab-feature-maps', 'lab-flops-vs-time']));
    expect(REGISTRY.filter((e) => e.kind === 'lesson')).toHaveLength(17);
    expect(getWidget('nope')).toBeUndefined();
  });

  it('links every widget back to its lesson, lab or the training lab, carrying the state', () => {
    const home = { lesson: /^\/lessons\/[a-z0-9-]+#[a-z0-9-]+$/, lab: /^\/models\/[a-z0-9_]+/, train: /^\/train(\?|$)/ };
    for (const e of REGISTRY) expect(e.home(parseEmbedParams(e.meta, new URLSearchParams()).state).href).toMatch(home[e.kind]);
    const runner = getWidgetEntry('lab-runner')!;
    expect(runner.home({ model: 'resnet50', backend: 'wasm', sample: 'chelsea', seed: 3 }).href).toBe('/models/resnet50?backend=wasm&seed=3');
    const train = getWidgetEntry('train')!;
    const state = parseEmbedParams(train.meta, new URLSearchParams('model=resnet_digits&steps=50&backend=wasm')).state;
    expect(train.home(state).href).toBe('/train?models=resnet_digits&steps=50&backend=wasm');
  });

  it('says what Start runs for every widget that uses TensorFlow.js', () => {
    for (const e of REGISTRY) if (e.meta.usesTfjs) expect(e.runs, e.meta.id).toMatch(/TensorFlow\.js/);
  });
});

describe('embedSchema: the widget schema merged with the frame and runtime parameters', () => {
  it.each(WIDGETS.map((m) => [m.id, m] as const))('%s merges without conflict', (_id, meta) => {
    const schema = embedSchema(meta);
    const keys = Object.keys(schema);
    // The widget's own parameters come first, unchanged.
    expect(keys.slice(0, Object.keys(meta.schema).length)).toEqual(Object.keys(meta.schema));
    for (const k of Object.keys(meta.schema)) expect(schema[k]).toBe(meta.schema[k]);
    for (const k of ['v', 'theme', 'hide', 'links', 'id']) expect(schema[k], k).toBeDefined();
    expect('run' in schema).toBe(meta.usesTfjs);
    // hide accepts exactly the widget's parameters and the frame's parts.
    const hide = schema.hide;
    expect(hide.kind).toBe('set');
    if (hide.kind === 'set') expect(hide.values).toEqual([...Object.keys(meta.schema), ...FRAME_PARTS]);
    // Runtime parameters, where the widget has them, agree with the common ones.
    for (const name of ['seed', 'backend'] as const) {
      const own = meta.schema[name];
      if (!own) continue;
      expect(own.kind).toBe(RUNTIME_PARAMS[name].kind);
      if (own.kind === 'enum') expect(['auto', ...BACKEND_ORDER]).toEqual(expect.arrayContaining([...own.values]));
      expect(paramOrigin(meta, name)).toBe('runtime');
    }
    // Defaults parse back to defaults, with no notices.
    const parsed = parseEmbedParams(meta, new URLSearchParams());
    expect(parsed.notices).toEqual([]);
    expect(parsed.frame).toEqual({ v: '1', theme: 'auto', hide: [], run: 'visible', links: true, id: '' });
  });

  it('rejects a widget parameter named like a frame parameter, and a runtime parameter that means something else', () => {
    expect(() => embedSchema(fake({ theme: enumP(['x'] as const, 'x', 'doc') }))).toThrow(EmbedSchemaError);
    expect(() => embedSchema(fake({ backend: enumP(['auto', 'metal'] as const, 'auto', 'doc') }))).toThrow(/metal/);
    expect(() => embedSchema(fake({ seed: intP(-5, 5, 0, 'doc') }))).toThrow(/seed/);
    expect(() => embedSchema(fake({ seed: intP(0, 999, 1, 'doc'), backend: enumP(['auto', 'wasm'] as const, 'auto', 'doc') }))).not.toThrow();
  });
});

describe('parsing and writing embed URLs', () => {
  const meta = getWidget('dense-connectivity')!;

  it('round-trips a state through its URL, pinned to the current version', () => {
    const state = { ...parseEmbedParams(meta, new URLSearchParams()).state, L: 9, bottleneck: true, theta: 0.5 };
    const q = embedQuery(meta, state, { theme: 'dark', hide: ['k0', 'share'], id: 'my-embed' });
    expect(q).toBe(`v=${EMBED_VERSION}&L=9&bottleneck=1&theta=0.5&theme=dark&hide=k0%2Cshare&id=my-embed`);
    const back = parseEmbedParams(meta, new URLSearchParams(q));
    expect(back.notices).toEqual([]);
    expect(back.state).toEqual(state);
    expect(back.frame).toMatchObject({ theme: 'dark', hide: ['k0', 'share'], id: 'my-embed' });
    expect(embedUrl('https://x.org/', meta, state)).toBe('https://x.org/embed/dense-connectivity?v=1&L=9&bottleneck=1&theta=0.5');
  });

  it('never throws: bad values and unknown parameters become notices and defaults', () => {
    const r = parseEmbedParams(meta, new URLSearchParams('v=7&L=99&theme=neon&hide=k0,nope&wat=1&links=maybe'));
    expect(r.state.L).toBe(5);
    expect(r.frame).toMatchObject({ v: '1', theme: 'auto', hide: [], links: true });
    const byParam = Object.fromEntries(r.notices.map((n) => [n.param, n]));
    expect(byParam.v.message).toMatch(/version "7".*read as version 1/);
    expect(byParam.L).toMatchObject({ given: '99', allowed: 'a whole number from 1 to 12' });
    expect(byParam.theme.allowed).toBe('one of auto, light, dark');
    expect(byParam.hide.allowed).toContain('a comma-separated list of L, k, k0');
    expect(byParam.wat.message).toContain('Unknown parameter "wat"');
    expect(byParam.links.allowed).toBe('0 or 1');
  });

  it('offers run only to widgets that use TensorFlow.js', () => {
    const r = parseEmbedParams(meta, new URLSearchParams('run=click'));
    expect(r.notices.map((n) => n.param)).toEqual(['run']);
    const tf = getWidget('lab-runner')!;
    expect(parseEmbedParams(tf, new URLSearchParams('run=click')).frame.run).toBe('click');
  });

  it('generates hiding CSS only for names the schema allows', () => {
    expect(hideValues(meta)).toEqual(['L', 'k', 'k0', 'bottleneck', 'theta', 'focus', 'title', 'description', 'share']);
    expect(hiddenCss(meta, ['k0', 'title'])).toBe(
      '[data-embed-root] [data-control="k0"],[data-embed-root] [data-part="k0"]{display:none!important}\n[data-embed-root] [data-control="title"],[data-embed-root] [data-part="title"]{display:none!important}',
    );
    // An injection attempt never reaches the CSS: the schema rejects it, and hiddenCss checks again.
    const evil = 'k0"]{}body{display:none}[x="';
    expect(parseEmbedParams(meta, new URLSearchParams({ hide: evil })).frame.hide).toEqual([]);
    expect(hiddenCss(meta, [evil])).toBe('');
  });
});
