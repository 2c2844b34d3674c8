/**
 * The instructors' page is generated from the registry and the schemas; these tests check that the
 * generators say what the code does: parameter tables list exactly the accepted parameters, the
 * documented front matter rules are the validator's, the example lesson is valid, the examples'
 * URLs parse cleanly, and the outline's ids are unique.
 */
import { describe, expect, it } from 'vitest';
import { FrontMatterError, validateFrontMatter } from '@/lib/content/frontmatter';
import { splitFrontMatter } from '@/lib/content/split-frontmatter';
import { requestedHeight } from '@/lib/embed/messages';
import { FRAME_PARAM_NAMES, RUNTIME_PARAMS, embedSchema, parseEmbedParams } from '@/lib/embed/schema';
import { parseParams } from '@/lib/url-state/schema';
import { REGISTRY } from '@/lib/widgets/registry';
import { mdxComponents } from '@/mdx-components';
import { exampleCode, exampleSrc } from './examples';
import { EXAMPLE_FRONT_MATTER, FRONT_MATTER_FIELDS, IMPLEMENTATION_FIELDS, PAPER_FIELDS, type FieldDoc } from './frontmatter-docs';
import { EXAMPLE_LESSON, componentsUsed } from './lesson-example';
import { MDX_COMPONENT_DOCS, MDX_COMPONENT_NAMES, mdxDocsProblems, widgetExample } from './mdx-components-docs';
import { commonParamRows, embedParamNames, widgetParamRows } from './params';
import { SECTIONS, mdxSectionId, tocEntries, widgetSectionId } from './sections';
import { ORIGIN_TOKEN, TORCHVISION_MODELS, resizeListenerSnippet, resizeMessageExample } from './snippets';
import { WEIGHT_ISSUE_KINDS, weightIssueExamples } from './weights-docs';

describe('parameter tables', () => {
  it.each(REGISTRY.map((e) => [e.meta.id, e] as const))('%s: one row per schema key, in order', (_id, entry) => {
    expect(widgetParamRows(entry.meta).map((r) => r.name)).toEqual(Object.keys(entry.meta.schema));
    for (const r of widgetParamRows(entry.meta)) {
      expect(r.allowed.length).toBeGreaterThan(0);
      expect(r.doc.length).toBeGreaterThan(0);
    }
  });

  it('the common table covers every frame and runtime parameter, and every widget’s embed schema', () => {
    const common = commonParamRows().map((r) => r.name);
    expect(new Set(common).size).toBe(common.length);
    expect(common).toEqual(expect.arrayContaining([...FRAME_PARAM_NAMES, ...Object.keys(RUNTIME_PARAMS)]));
    for (const { meta } of REGISTRY) {
      const own = Object.keys(meta.schema);
      for (const name of embedParamNames(meta)) expect(own.includes(name) || common.includes(name), `${meta.id}: ${name} undocumented`).toBe(true);
    }
  });
});

describe('live examples and their code', () => {
  it.each(REGISTRY.map((e) => [e.meta.id, e] as const))('%s: parses without notices; run=click where tfjs runs', (id, entry) => {
    const url = new URL(exampleSrc(entry), 'https://x.example');
    expect(url.pathname).toBe(`/embed/${id}`);
    const parsed = parseEmbedParams(entry.meta, url.searchParams);
    expect(parsed.notices).toEqual([]);
    expect(parsed.frame.run).toBe(entry.meta.usesTfjs ? 'click' : 'visible');
    const code = exampleCode(ORIGIN_TOKEN, entry);
    expect(code.link).toBe(`${ORIGIN_TOKEN}${exampleSrc(entry)}`);
    expect(code.iframe).toContain(`src="${ORIGIN_TOKEN}/embed/${id}?v=1`);
    expect(code.iframe).toContain('loading="lazy"');
    expect(code.snippet).toContain(`${ORIGIN_TOKEN}/embed.js`);
  });
});

describe('MDX components', () => {
  it('every widget component documents its registered widget', () => {
    for (const name of MDX_COMPONENT_NAMES) {
      const doc = MDX_COMPONENT_DOCS[name];
      if (doc.kind === 'widget')
        expect(
          REGISTRY.some((e) => e.meta === doc.meta),
          name,
        ).toBe(true);
      else expect(doc.example).toContain(`<${name}`);
    }
  });

  it('generated widget examples use valid props', () => {
    for (const name of MDX_COMPONENT_NAMES) {
      const doc = MDX_COMPONENT_DOCS[name];
      if (doc.kind !== 'widget') continue;
      const line = widgetExample(name, doc.meta);
      const props = [...line.matchAll(/(\w+)=(?:\{([^}]*)\}|"([^"]*)")/g)].map((m) => [m[1], m[2] ?? m[3]] as [string, string]);
      expect(props.length, line).toBeGreaterThan(0);
      expect(parseParams(doc.meta.schema, new URLSearchParams(props.map(([k, v]) => [k, v === 'true' ? '1' : v === 'false' ? '0' : v]))).notices, line).toEqual(
        [],
      );
    }
  });

  it('documents exactly the components registered in mdx-components.tsx', () => {
    expect(mdxDocsProblems(Object.keys(mdxComponents))).toEqual({ undocumented: [], stale: [] });
  });

  it('mdxDocsProblems names what is missing on either side', () => {
    expect(mdxDocsProblems(MDX_COMPONENT_NAMES)).toEqual({ undocumented: [], stale: [] });
    expect(mdxDocsProblems([...MDX_COMPONENT_NAMES.slice(1), 'NewThing'])).toEqual({ undocumented: ['NewThing'], stale: [MDX_COMPONENT_NAMES[0]] });
  });
});

describe('front matter docs follow validateFrontMatter', () => {
  const { data } = splitFrontMatter('example.mdx', `${EXAMPLE_FRONT_MATTER}\n`);
  const good = data as Record<string, unknown>;

  it('the example front matter is valid', () => {
    expect(() => validateFrontMatter('example.mdx', good)).not.toThrow();
  });

  /** Values that must pass and fail a documented rule. */
  function probes(f: FieldDoc, current: unknown): { pass: unknown[]; fail: unknown[] } {
    const r = f.rule;
    switch (r.kind) {
      case 'text':
        return { pass: ['x'.repeat(r.maxLength)], fail: ['', 'x'.repeat(r.maxLength + 1), 7] };
      case 'https-url':
        return {
          pass: [`https://a.example/${'x'.repeat(r.maxLength - 18)}`],
          fail: ['http://a.example/', 'not a url', `https://a.example/${'x'.repeat(r.maxLength)}`],
        };
      case 'integer':
        return { pass: [r.min, r.max], fail: [r.min - 1, r.max + 1, r.min + 0.5, String(r.min)] };
      case 'names':
        return { pass: [['A. Author']], fail: [[], [''], 'A. Author'] };
      case 'paper':
        return { pass: [current], fail: [[], 'a paper', { ...(current as object), extra: 1 }] };
      case 'papers':
        return { pass: [[], [good.paper]], fail: ['a paper', [{}]] };
      case 'implementations':
        return { pass: [[], good.implementations], fail: ['some code', [{}], [{ ...(good.implementations as object[])[0], stars: 5 }]] };
    }
  }

  it.each(Object.entries(FRONT_MATTER_FIELDS))('%s', (name, f) => {
    const { pass, fail } = probes(f, good[name]);
    for (const v of pass) expect(() => validateFrontMatter('t.mdx', { ...good, [name]: v }), `${name} = ${JSON.stringify(v)}`).not.toThrow();
    for (const v of fail) expect(() => validateFrontMatter('t.mdx', { ...good, [name]: v }), `${name} = ${JSON.stringify(v)}`).toThrow(FrontMatterError);
    const without = { ...good };
    delete without[name];
    if (f.required) expect(() => validateFrontMatter('t.mdx', without)).toThrow(FrontMatterError);
    else expect(() => validateFrontMatter('t.mdx', without)).not.toThrow();
  });

  it.each(Object.entries(PAPER_FIELDS))('paper.%s', (name, f) => {
    const paper = good.paper as Record<string, unknown>;
    const { pass, fail } = probes(f, paper[name]);
    const withPaper = (v: unknown) => ({ ...good, paper: { ...paper, [name]: v } });
    for (const v of pass) expect(() => validateFrontMatter('t.mdx', withPaper(v)), `paper.${name} = ${JSON.stringify(v)}`).not.toThrow();
    for (const v of fail) expect(() => validateFrontMatter('t.mdx', withPaper(v)), `paper.${name} = ${JSON.stringify(v)}`).toThrow(/paper\./);
  });

  it.each(Object.entries(IMPLEMENTATION_FIELDS))('implementations[].%s', (name, f) => {
    const impl = (good.implementations as Record<string, unknown>[])[0];
    const { pass, fail } = probes(f, impl[name]);
    const withImpl = (v: unknown) => ({ ...good, implementations: [{ ...impl, [name]: v }] });
    for (const v of pass) expect(() => validateFrontMatter('t.mdx', withImpl(v)), `implementations[0].${name} = ${JSON.stringify(v)}`).not.toThrow();
    for (const v of fail)
      expect(() => validateFrontMatter('t.mdx', withImpl(v)), `implementations[0].${name} = ${JSON.stringify(v)}`).toThrow(/implementations\[0\]\./);
    const without = { ...impl };
    delete without[name];
    const check = () => validateFrontMatter('t.mdx', { ...good, implementations: [without] });
    if (f.required) expect(check).toThrow(FrontMatterError);
    else expect(check).not.toThrow();
  });

  it('a field that is not documented is refused', () => {
    expect(() => validateFrontMatter('t.mdx', { ...good, tags: ['cnn'] })).toThrow(FrontMatterError);
  });
});

describe('the example lesson', () => {
  it('has valid front matter and uses only documented components', () => {
    const { data, body } = splitFrontMatter('example.mdx', EXAMPLE_LESSON);
    expect(() => validateFrontMatter('example.mdx', data)).not.toThrow();
    const used = componentsUsed(body);
    expect(used.length).toBeGreaterThan(0);
    for (const name of used) expect(MDX_COMPONENT_NAMES as readonly string[]).toContain(name);
  });
});

describe('outline', () => {
  it('every heading id is unique and URL-safe', () => {
    const ids = [...Object.values(SECTIONS).map((s) => s.id), ...REGISTRY.map((e) => widgetSectionId(e.meta.id)), ...MDX_COMPONENT_NAMES.map(mdxSectionId)];
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9-]*$/);
    expect(tocEntries().filter((e) => e.id.startsWith('widget-')).length).toBe(REGISTRY.length);
  });
});

describe('snippets', () => {
  it('the resize message example is what embeds send and the host accepts', () => {
    const [ours, lti] = resizeMessageExample('demo', 640)
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(ours).toEqual({ type: 'layerwise:resize', id: 'demo', height: 640 });
    expect(lti).toEqual({ subject: 'lti.frameResize', height: 640 });
    expect(requestedHeight(ours)).toBe(640);
    expect(requestedHeight(lti)).toBe(640);
    expect(resizeListenerSnippet('https://a.example')).toContain('"https://a.example"');
  });

  it('torchvision models are the registered ones torchvision has', () => {
    expect(TORCHVISION_MODELS).toContain('resnet50');
    expect(TORCHVISION_MODELS).not.toContain('densenet_bc_100_k12');
    expect(TORCHVISION_MODELS).not.toContain('mnasnet_a1');
  });
});

describe('weights errors', () => {
  it('each kind of problem has a real example line', () => {
    const ex = weightIssueExamples();
    for (const kind of WEIGHT_ISSUE_KINDS) expect(ex[kind].line.length, kind).toBeGreaterThan(10);
    expect(ex.shape.line).toMatch(/expected shape \[.*\], the file has \[/);
    expect(ex.missing.line).toContain('missing from the file');
    expect(ex.unexpected.line).toContain('not part of this model');
    expect(ex.parse.line).toContain('could not be used');
  });
});

it('embedSchema of every widget builds (the docs read it)', () => {
  for (const { meta } of REGISTRY) expect(Object.keys(embedSchema(meta)).length).toBeGreaterThan(Object.keys(meta.schema).length);
});
