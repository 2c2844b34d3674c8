/**
 * Every registered widget, one definition at a time (after timm's test_models: one loop over the
 * registry, so a new widget is covered the moment it is defined). Each definition must have a
 * well-formed meta and schema, a loader that resolves to its React component, a unique MDX name
 * that the lessons' MDX components and docs expose (lesson widgets) or none (lab parts), a frame
 * or a component that draws its own, and a home page that exists and shows it.
 */
import { readFileSync } from 'node:fs';
import GithubSlugger from 'github-slugger';
import { describe, expect, it } from 'vitest';
import { WIDGET_LOADERS, loaderOf } from '@/components/widgets/loaders';
import { MDX_COMPONENT_DOCS } from '@/lib/docs/mdx-components-docs';
import { parseParams, toSearchParams, type Schema } from '@/lib/url-state/schema';
import { mdxComponents } from '@/mdx-components';
import { DEFINITIONS, LESSON_WIDGETS, REGISTRY, getWidgetEntry, isWidgetId, type WidgetEntry } from './registry';

/** The heading ids of a lesson, as rehype-slug gives them (github-slugger over `##`/`###` text). */
function lessonAnchors(slug: string): { body: string; anchors: Set<string> } {
  const body = readFileSync(`content/lessons/${slug}.mdx`, 'utf8');
  const slugger = new GithubSlugger();
  const anchors = new Set([...body.matchAll(/^#{2,3} (.+)$/gm)].map((m) => slugger.slug(m[1].replace(/[`*_]/g, '').trim())));
  return { body, anchors };
}

const defaults = (schema: Schema) => parseParams(schema, new URLSearchParams());

describe.each(REGISTRY.map((e) => [e.meta.id, e] as const))('widget %s', (id, entry: WidgetEntry) => {
  it('is keyed by its id, which is URL-safe', () => {
    expect(Object.keys(DEFINITIONS)).toContain(id);
    expect(isWidgetId(id)).toBe(true);
    expect(getWidgetEntry(id)).toBe(entry);
    expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('has a meta and a schema whose defaults parse and round-trip', () => {
    const { meta } = entry;
    expect(meta.title.trim()).not.toBe('');
    expect(meta.description).toMatch(/\.$/);
    expect(Object.keys(meta.schema).length).toBeGreaterThan(0);
    for (const [k, p] of Object.entries(meta.schema)) expect(p.doc.trim(), `${id}.${k} has no doc`).not.toBe('');
    const { state, notices } = defaults(meta.schema);
    expect(notices).toEqual([]);
    // Defaults are left out of a URL, so the default state writes an empty query.
    expect(toSearchParams(meta.schema, state).toString()).toBe('');
    expect(typeof meta.usesTfjs).toBe('boolean');
    expect(typeof meta.usesWebcam).toBe('boolean');
  });

  it('has a loader that resolves to its component', async () => {
    const load = loaderOf(id);
    expect(load).toBeDefined();
    const component = await load!();
    // A function component, or a memo/forwardRef object React can render.
    expect(typeof component === 'function' || (typeof component === 'object' && component !== null && '$$typeof' in component)).toBe(true);
  });

  it('has an MDX name exactly when it sits in a lesson, and lessons and docs expose it', () => {
    if (entry.kind !== 'lesson') {
      expect(entry.mdx).toBeUndefined();
      return;
    }
    expect(entry.mdx).toMatch(/^[A-Z][A-Za-z0-9]+$/);
    expect(mdxComponents[entry.mdx!]).toBeDefined();
    const doc = MDX_COMPONENT_DOCS[entry.mdx!];
    expect(doc?.kind === 'widget' && doc.widgetId === id).toBe(true);
  });

  it('has a frame, or a component that draws its own', () => {
    if (!entry.frame) return; // DenseNet/ResNeXt widgets draw their frame themselves
    expect(entry.frame.title.trim()).not.toBe('');
    expect(entry.frame.testId).toMatch(/^[a-z0-9-]+$/);
  });

  it('links home to a page that shows it, and reserves a plausible height', () => {
    const home = entry.home(defaults(entry.meta.schema).state);
    expect(home.label).toMatch(/^the /);
    if (entry.kind === 'lesson') {
      const m = /^\/lessons\/([a-z0-9-]+)#([a-z0-9-]+)$/.exec(home.href);
      expect(m, home.href).not.toBeNull();
      const { body, anchors } = lessonAnchors(m![1]);
      expect(body).toContain(`<${entry.mdx}`);
      expect([...anchors]).toContain(m![2]);
    } else if (entry.kind === 'lab') {
      expect(home.href).toMatch(/^\/models\/[a-z0-9_]+/);
    } else {
      expect(home.href).toMatch(/^\/train(\?|$)/);
    }
    expect(Number.isInteger(entry.height) && entry.height >= 160 && entry.height <= 2000).toBe(true);
  });

  it('says what Start runs exactly when it uses TensorFlow.js', () => {
    if (entry.meta.usesTfjs) expect(entry.runs).toMatch(/TensorFlow\.js/);
    else expect(entry.runs).toBeUndefined();
  });
});

describe('the registry as a whole', () => {
  it('has one loader per definition, and nothing else', () => {
    expect(Object.keys(WIDGET_LOADERS).sort()).toEqual(Object.keys(DEFINITIONS).sort());
    expect(loaderOf('nope')).toBeUndefined();
    expect(loaderOf('toString')).toBeUndefined();
  });

  it('gives every lesson widget a unique MDX name that no other MDX component uses', () => {
    const names = LESSON_WIDGETS.map((e) => e.mdx);
    expect(new Set(names).size).toBe(names.length);
    const others = Object.keys(mdxComponents).filter((n) => !names.includes(n));
    expect(others.length).toBeGreaterThan(0);
    for (const n of names) expect(others).not.toContain(n);
    expect(REGISTRY.filter((e) => e.kind === 'lesson').map((e) => e.mdx)).toEqual(names);
  });

  it('gives every frame a unique test id', () => {
    const ids = REGISTRY.flatMap((e) => (e.frame?.testId ? [e.frame.testId] : []));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
