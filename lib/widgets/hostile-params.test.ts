/**
 * Property test: hostile and random values for EVERY parameter of EVERY registered widget's embed
 * schema (lib/widgets/registry.ts + lib/embed/schema.ts). Each case must give a state in which every
 * value lies within its parameter's declared type, range or allowed set, and a notice for whatever
 * could not be used; nothing may throw. Rendering the notices (components/ui/Notices.tsx) and the
 * embed frame (components/embed/EmbedFrame.tsx) with those values must never produce markup from
 * the input: no tag, no event-handler attribute.
 *
 * Cases come from a seeded PRNG (mulberry32), so a failure names its seed and case number and
 * reproduces: HOSTILE_SEED=<n> npx vitest run lib/widgets/hostile-params.test.ts
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EmbedFrame } from '@/components/embed/EmbedFrame';
import { Notices } from '@/components/ui/Notices';
import { EMBED_VERSIONS, RUN_MODES, THEMES, embedSchema, embedUrl, hideValues, parseEmbedParams, type ParsedEmbed } from '@/lib/embed/schema';
import { formatValue, type Notice, type Param, type ParamSource, type Schema } from '@/lib/url-state/schema';
import { REGISTRY } from '@/lib/widgets/registry';
import type { WidgetMeta } from '@/lib/widgets/types';

// ---- the embed frame, rendered outside Next: its URL comes from here, widgets are stubs ----------
const nav = vi.hoisted(() => ({ params: new URLSearchParams() }));
vi.mock('next/navigation', () => ({ useSearchParams: () => nav.params }));
vi.mock('@/components/embed/widget-components', async () => {
  const { createElement: h } = await import('react');
  // The stub prints the widget's state as text, so accepted values are rendered too.
  const Stub = ({ state }: { state: unknown }) => h('pre', { 'data-stub': '' }, JSON.stringify(state));
  return { embedWidget: () => Stub };
});

// ---- seeded PRNG ------------------------------------------------------------------------------
const SEED = Number(process.env.HOSTILE_SEED ?? 20240607) >>> 0;
const CASES_PER_PARAM = Number(process.env.HOSTILE_CASES ?? 300);
/** How many of each parameter's cases are also rendered (all the markup-looking ones, then some). */
const RENDERED_PER_PARAM = 40;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const int = (rng: Rng, n: number) => Math.floor(rng() * n);
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[int(rng, xs.length)];

/** Seed for one (widget, parameter): stable when other widgets or parameters are added. */
function seedFor(...parts: string[]): number {
  let h = SEED ^ 0x9e3779b9;
  for (const ch of parts.join('\u0001')) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h >>> 0;
}

// ---- hostile values ---------------------------------------------------------------------------
const MARKUP = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '</style><script>alert(document.domain)</script>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<a href="javascript:alert(1)">x</a>',
  '<img src=x onerror=alert(1)//',
  '<<script>script>alert(1)<</script>/script>',
  'javascript:alert(1)',
  '${alert(1)}',
  '{{constructor.constructor("alert(1)")()}}',
  '<style>*{display:none}</style>',
  '&lt;script&gt;',
];

const FIXED: readonly string[] = [
  // empty and blank
  '',
  ' ',
  '\t',
  '\n',
  '\r\n',
  // long
  'a'.repeat(100_000),
  '9'.repeat(100_000),
  '<script>'.repeat(12_500),
  `${'1,'.repeat(50_000)}1`,
  // markup
  ...MARKUP,
  // numbers
  '-1',
  '-0',
  '0',
  '1',
  '-999999999999999',
  '999999999999999',
  '9999999999999999999999',
  '1e309',
  '-1e309',
  '1e-309',
  '1e308',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x10',
  '0b11',
  '1e2',
  '1.',
  '.5',
  '+1',
  ' 1',
  '1 ',
  '01',
  '1_000',
  '1,000',
  '١٢',
  '１',
  '2147483647',
  '2147483648',
  '4294967296',
  String(2 ** 53 + 1),
  '-2147483649',
  '0.1e1',
  '1.7976931348623157e308',
  '5e-324',
  // words
  'true',
  'false',
  'TRUE',
  'null',
  'undefined',
  'on',
  'yes',
  // unicode
  '\u202Eevil\u202C',
  '\u202E1',
  '\u2066x\u2069',
  '🙂',
  '👩‍👩‍👧‍👦',
  '\u200B',
  '\u200B1',
  '1\u200B',
  '\u0000',
  'a\u0000b',
  '1\u0000',
  '\uFEFF1',
  '\uD800',
  '\uDFFF1',
  'ß',
  'İ',
  'Ａ',
  '\u0301',
  // prototype keys as values
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '__defineGetter__',
  // commas and junk lists
  ',',
  ',,',
  ',,,,',
  'a,,b',
  ',title',
  'title,',
  'title,title',
  'title,<script>',
  'share,__proto__',
  // URL syntax
  '%00',
  '%3Cscript%3E',
  '%E0%A4%A',
  '%',
  '&',
  '=',
  '#',
  '?',
  '&theme=dark',
  '../../etc/passwd',
];

const ALPHABET = [
  ...'abcxyzABCXYZ0123456789',
  ...'<>"\'&=,;:/\\-_.%+ #?()[]{}!*|`~^$@',
  '\u0000',
  '\u001f',
  '\u007f',
  '\u202E',
  '\u200B',
  '\uFEFF',
  '🙂',
  '\uD800',
  'é',
  'ß',
  '٣',
  '\n',
];

function randomString(rng: Rng): string {
  const len = rng() < 0.05 ? 1000 + int(rng, 5000) : int(rng, 40);
  let s = '';
  for (let i = 0; i < len; i++) s += pick(rng, ALPHABET);
  return s;
}

/** Tokens a value of this parameter is made of: its own allowed values, bounds and neighbours. */
function tokensOf(p: Param): string[] {
  switch (p.kind) {
    case 'enum':
    case 'set':
      return [...p.values];
    case 'int':
    case 'number':
    case 'intList':
      return [p.min, p.max, p.min - 1, p.max + 1, (p.min + p.max) / 2, p.min - 0.5, p.max + 0.5, Math.round((p.min + p.max) / 2)].map(String);
    case 'bool':
      return ['0', '1', 'true', 'false'];
    case 'string':
      return [
        p.default,
        p.default.slice(0, Math.max(0, p.default.length - 1)),
        `${p.default}<`,
        p.default.repeat(Math.ceil((p.maxLength + 1) / Math.max(1, p.default.length)) + 1),
      ];
  }
}

/**
 * A numeric parameter's declared bounds, given alone, are used as given (the ranges are inclusive):
 * also what makes sure the accepted branch runs for parameters whose valid values random cases
 * rarely hit whole (a list of exactly 3 or 5 entries, a narrow range).
 */
function boundValues(p: Param): string[] {
  switch (p.kind) {
    case 'enum':
      // Every declared value of an enum is one of its bounds.
      return [...p.values];
    case 'int':
      return [String(p.min), String(p.max)];
    case 'number':
      return p.minExclusive ? [String(p.max)] : [String(p.min), String(p.max)];
    case 'intList':
      return [Array(p.minLength).fill(p.min).join(','), Array(p.maxLength).fill(p.max).join(',')];
    default:
      return [];
  }
}

/** Values built from the parameter's own tokens, mixed with junk. */
function nearMiss(rng: Rng, p: Param): string {
  const tokens = tokensOf(p);
  const t = pick(rng, tokens);
  switch (int(rng, 9)) {
    case 0:
      return t;
    case 1:
      return t.toUpperCase();
    case 2:
      return `${t} `;
    case 3:
      return `${t},`;
    case 4:
      return t + t;
    case 5: {
      const n = 1 + int(rng, 6);
      return Array.from({ length: n }, () => (rng() < 0.8 ? pick(rng, tokens) : pick(rng, [...MARKUP, '', ' ', '__proto__', '\u202E', '🙂']))).join(',');
    }
    case 6:
      return `${t}${pick(rng, ['\u0000', '\u200B', '\u202E', '<b>', '%00', ';', '&x=1'])}`;
    case 7:
      return Array.from({ length: 2 + int(rng, 30) }, () => pick(rng, tokens)).join(',');
    default:
      return `${pick(rng, MARKUP)}${t}`;
  }
}

function valueFor(rng: Rng, p: Param, i: number): string {
  if (i < FIXED.length) return FIXED[i];
  const r = rng();
  return r < 0.5 ? nearMiss(rng, p) : r < 0.85 ? randomString(rng) : pick(rng, FIXED);
}

// ---- how a value reaches the parser -----------------------------------------------------------
interface Case {
  readonly src: ParamSource;
  /** Only `name` is set, once: a rejected value must leave the default. */
  readonly single: boolean;
  readonly describe: string;
}

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__lookupGetter__'];

function makeCase(rng: Rng, name: string, value: string, other: string): Case {
  switch (int(rng, 7)) {
    case 0:
      return { src: { [name]: value }, single: true, describe: 'record' };
    case 1: {
      const u = new URLSearchParams();
      u.set(name, value);
      return { src: u, single: true, describe: 'URLSearchParams' };
    }
    case 2:
      // The raw, unencoded query string: & = % # in the value split or decode however they do.
      return { src: new URLSearchParams(`${name}=${value}`), single: false, describe: 'raw query string' };
    case 3: {
      const u = new URLSearchParams();
      u.append(name, value);
      u.append(name, other);
      if (rng() < 0.5) u.append(name, value);
      return { src: u, single: false, describe: 'repeated parameter' };
    }
    case 4: {
      // Prototype keys as parameter names, as an own property (JSON.parse keeps "__proto__").
      const rec = JSON.parse(JSON.stringify({ [name]: value })) as Record<string, string>;
      const extra = JSON.parse(`{${PROTO_KEYS.map((k) => `${JSON.stringify(k)}:${JSON.stringify(pick(rng, MARKUP))}`).join(',')}}`) as Record<string, string>;
      return { src: { ...extra, ...rec, ...JSON.parse('{"__proto__":"polluted"}') }, single: false, describe: 'prototype keys' };
    }
    case 5:
      return { src: { [name]: [value, other] }, single: false, describe: 'array value' };
    default: {
      const u = new URLSearchParams();
      u.set(name, value);
      for (let i = 0; i < 1 + int(rng, 3); i++)
        u.append(pick(rng, [...PROTO_KEYS, 'THEME', 'Theme', ' v', 'hide[]', '<script>', '\u202Ev', '']), pick(rng, [...MARKUP, value]));
      return { src: u, single: false, describe: 'junk parameters' };
    }
  }
}

// ---- what "valid" means for each kind of parameter --------------------------------------------
function isValid(p: Param, v: unknown): boolean {
  switch (p.kind) {
    case 'enum':
      return typeof v === 'string' && (p.values as readonly string[]).includes(v);
    case 'int':
      return typeof v === 'number' && Number.isInteger(v) && v >= p.min && v <= p.max;
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) && v <= p.max && (p.minExclusive ? v > p.min : v >= p.min);
    case 'bool':
      return typeof v === 'boolean';
    case 'intList':
      return (
        Array.isArray(v) &&
        v.length >= p.minLength &&
        v.length <= p.maxLength &&
        v.every((x) => typeof x === 'number' && Number.isInteger(x) && x >= p.min && x <= p.max)
      );
    case 'set':
      return Array.isArray(v) && new Set(v).size === v.length && v.every((x) => typeof x === 'string' && (p.values as readonly string[]).includes(x));
    case 'string':
      return typeof v === 'string' && v.length <= p.maxLength && new RegExp(p.pattern.source, p.pattern.flags.replace(/[gy]/g, '')).test(v);
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The URL form of an accepted raw value (numbers normalised, sets without repeats). */
function canonical(p: Param, raw: string): string {
  switch (p.kind) {
    case 'bool':
      return raw === 'true' || raw === '1' ? '1' : '0';
    case 'int':
    case 'number':
      return String(Number(raw));
    case 'intList':
      return raw.split(',').map(Number).join(',');
    case 'set':
      return [...new Set(raw.split(',').filter((x) => x !== ''))].join(',');
    default:
      return raw;
  }
}

function checkParsed(meta: WidgetMeta<Schema>, parsed: ParsedEmbed, where: string) {
  const schema = embedSchema(meta);
  // The widget's state: exactly its own keys, each valid.
  expect(Object.keys(parsed.state).sort(), where).toEqual(Object.keys(meta.schema).sort());
  expect(Object.getPrototypeOf(parsed.state), where).toBe(Object.prototype);
  for (const [k, p] of Object.entries(meta.schema)) {
    if (!isValid(p, parsed.state[k])) throw new Error(`${where}: state.${k} = ${JSON.stringify(parsed.state[k])?.slice(0, 80)} is not valid`);
  }
  // The frame: each field valid.
  const f = parsed.frame;
  expect((EMBED_VERSIONS as readonly string[]).includes(f.v), where).toBe(true);
  expect((THEMES as readonly string[]).includes(f.theme), where).toBe(true);
  expect((RUN_MODES as readonly string[]).includes(f.run), where).toBe(true);
  expect(typeof f.links, where).toBe('boolean');
  expect(isValid(schema.id, f.id), where).toBe(true);
  expect(isValid(schema.hide, f.hide), where).toBe(true);
  expect(
    f.hide.every((h) => hideValues(meta).includes(h)),
    where,
  ).toBe(true);
  // Notices: plain, short strings.
  for (const n of parsed.notices) checkNotice(n, where);
}

function checkNotice(n: Notice, where: string) {
  for (const key of ['param', 'given', 'allowed', 'message'] as const) expect(typeof n[key], where).toBe('string');
  expect(n.given.length, `${where}: notice.given is shortened`).toBeLessThanOrEqual(41);
  expect(n.param.length, `${where}: notice.param is shortened`).toBeLessThanOrEqual(41);
  expect(n.message.length, `${where}: notice.message stays short`).toBeLessThan(2000);
  expect(/[\u0000-\u001f\u007f]/.test(n.message + n.given + n.param), `${where}: control characters in a notice`).toBe(false);
}

// ---- markup checks ----------------------------------------------------------------------------
const INJECTED_TAG = /<\s*(script|img|svg|iframe|object|embed|math|link|meta|base|form)\b/i;

/** Every attribute of every tag in the markup (text is escaped, so `<` only opens real tags). */
function attributes(html: string): Array<{ name: string; value: string }> {
  const out: Array<{ name: string; value: string }> = [];
  for (const tag of html.match(/<[a-zA-Z][^>]*>/g) ?? []) {
    const body = tag.replace(/^<[a-zA-Z0-9-]+/, '');
    for (const m of body.matchAll(/([^\s"'=<>/]+)(?:="([^"]*)")?/g)) out.push({ name: m[1].toLowerCase(), value: m[2] ?? '' });
  }
  return out;
}

function checkMarkup(html: string, where: string) {
  const m = INJECTED_TAG.exec(html);
  if (m) throw new Error(`${where}: markup contains ${JSON.stringify(html.slice(Math.max(0, m.index - 60), m.index + 60))}`);
  for (const { name, value } of attributes(html)) {
    if (name.startsWith('on')) throw new Error(`${where}: event handler attribute ${name}="${value.slice(0, 60)}"`);
    if (/^\s*(javascript|data|vbscript):/i.test(value) && (name === 'href' || name === 'src' || name === 'action'))
      throw new Error(`${where}: ${name}="${value.slice(0, 60)}"`);
  }
}

function toSearchParams(src: ParamSource): URLSearchParams {
  if (src instanceof URLSearchParams) return src;
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(src)) for (const item of Array.isArray(v) ? v : v === undefined ? [] : [v]) u.append(k, item);
  return u;
}

function renderFrame(meta: WidgetMeta<Schema>, params: URLSearchParams): string {
  nav.params = params;
  return renderToStaticMarkup(createElement(EmbedFrame, { id: meta.id }));
}

// ---- the tests --------------------------------------------------------------------------------
const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort();

beforeAll(() => {
  // The frame's own markup, with no parameters, passes the markup checks (no false positives).
  for (const { meta } of REGISTRY) checkMarkup(renderFrame(meta, new URLSearchParams()), `${meta.id}: baseline`);
});

afterAll(() => {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoBefore);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

describe(`hostile embed parameters (seed ${SEED}, ${CASES_PER_PARAM} cases per parameter)`, () => {
  for (const { meta } of REGISTRY) {
    describe(meta.id, () => {
      for (const [name, param] of Object.entries(embedSchema(meta))) {
        it(`${name} (${param.kind})`, () => {
          const seed = seedFor(meta.id, name);
          const rng = mulberry32(seed);
          let rendered = 0;
          let accepted = 0;
          let rejected = 0;
          for (const value of boundValues(param)) {
            const parsed = parseEmbedParams(meta, { [name]: value });
            checkParsed(meta, parsed, `${meta.id}.${name}=${value}`);
            expect(parsed.notices, `${meta.id}.${name}=${value}: a declared bound is allowed`).toEqual([]);
            expect(formatValue(param, ({ ...parsed.state, ...parsed.frame } as Record<string, unknown>)[name])).toBe(canonical(param, value));
            accepted++;
          }
          for (let i = 0; i < CASES_PER_PARAM; i++) {
            const value = valueFor(rng, param, i);
            const other = valueFor(rng, param, FIXED.length + i);
            const c = makeCase(rng, name, value, other);
            const where = `${meta.id}.${name}, case ${i} (seed ${seed}, ${c.describe}, value ${JSON.stringify(value.slice(0, 60))}${value.length > 60 ? `… (${value.length} chars)` : ''})`;

            let parsed: ParsedEmbed;
            try {
              parsed = parseEmbedParams(meta, c.src);
            } catch (e) {
              throw new Error(`${where}: parseEmbedParams threw ${(e as Error).message}`);
            }
            checkParsed(meta, parsed, where);

            const all = { ...parsed.state, ...parsed.frame } as Record<string, unknown>;
            const noticed = parsed.notices.some((n) => n.param === name);
            if (c.single) {
              // Either the value was used (and is valid, checked above), or there is a notice for it
              // and the parameter kept its default.
              if (noticed) {
                rejected++;
                expect(same(all[name], param.default), `${where}: a rejected value must leave the default`).toBe(true);
              } else {
                accepted++;
                expect(parsed.notices, `${where}: only this parameter was given`).toEqual([]);
                expect(formatValue(param, all[name]), `${where}: the value used is the value given`).toBe(canonical(param, value));
              }
            }

            // A state with no notices survives a trip through the link the share panel would make.
            if (parsed.notices.length === 0) {
              const again = parseEmbedParams(meta, new URL(embedUrl('https://x.example', meta, parsed.state, parsed.frame)).searchParams);
              expect(again.notices, `${where}: round trip`).toEqual([]);
              expect(same(again.state, parsed.state) && same(again.frame, parsed.frame), `${where}: round trip keeps the state`).toBe(true);
            }

            // Rendering: every markup-looking case, and a sample of the rest.
            const looksLikeMarkup = /[<>"']|on\w+=|javascript:/i.test(value);
            if (looksLikeMarkup || (rendered < RENDERED_PER_PARAM && rng() < 0.3)) {
              rendered++;
              checkMarkup(renderToStaticMarkup(createElement(Notices, { notices: parsed.notices })), `${where}: <Notices>`);
              checkMarkup(renderFrame(meta, toSearchParams(c.src)), `${where}: <EmbedFrame>`);
            }
          }
          // The cases reach both outcomes: some values are used, some are refused with a notice.
          expect(accepted, `${meta.id}.${name}: no generated value was accepted`).toBeGreaterThan(0);
          expect(rejected, `${meta.id}.${name}: no generated value was refused`).toBeGreaterThan(0);
        });
      }
    });
  }
});

describe('notices never turn input into markup', () => {
  it('the markup check itself catches injected tags and handlers', () => {
    expect(() => checkMarkup('<p><img src=x onerror=alert(1)></p>', 'probe')).toThrow(/img/);
    expect(() => checkMarkup('<p onclick="x">a</p>', 'probe')).toThrow(/onclick/);
    expect(() => checkMarkup('<a href="javascript:alert(1)">a</a>', 'probe')).toThrow(/href/);
    expect(() => checkMarkup('<p>&lt;img src=x onerror=alert(1)&gt;</p>', 'probe')).not.toThrow();
  });

  it('renders every hostile string as text, in every notice field', () => {
    const notices: Notice[] = MARKUP.map((m, i) => ({ param: m, given: m, allowed: m, message: `${i}: ${m}` }));
    const html = renderToStaticMarkup(createElement(Notices, { notices, title: MARKUP[0] }));
    checkMarkup(html, 'Notices with raw markup');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('the embed frame names a hostile parameter in its notice, escaped', () => {
    const meta = REGISTRY[0].meta;
    const html = renderFrame(meta, new URLSearchParams({ theme: '"><img src=x onerror=alert(1)>', '<script>': 'x' }));
    checkMarkup(html, 'EmbedFrame');
    expect(html).toContain('Some parameters of this embed were not used');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
  });
});
