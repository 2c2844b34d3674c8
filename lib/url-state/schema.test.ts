import { describe, expect, it } from 'vitest';
import { boolP, enumP, intListP, intP, numP, parseParams, setP, stringP, toSearchParams, type Schema } from './schema';

const schema = {
  model: enumP(['densenet121', 'resnet50'] as const, 'densenet121', 'model id'),
  k: intP(1, 64, 32, 'growth rate'),
  theta: numP(0, 1, 0.5, 'compression', true),
  bottleneck: boolP(true, 'bottleneck'),
  blocks: intListP(1, 64, 1, 4, [6, 12, 24, 16], 'block configuration'),
  hide: setP(['knobs', 'table'] as const, [], 'controls to hide'),
  layer: stringP(/^[A-Za-z0-9_.]*$/, 'a layer name', 120, '', 'selected layer'),
} satisfies Schema;

describe('parseParams', () => {
  it('returns the defaults with no parameters', () => {
    const { state, notices } = parseParams(schema, new URLSearchParams(''));
    expect(state).toEqual({ model: 'densenet121', k: 32, theta: 0.5, bottleneck: true, blocks: [6, 12, 24, 16], hide: [], layer: '' });
    expect(notices).toEqual([]);
  });

  it('parses valid values of every kind', () => {
    const { state, notices } = parseParams(
      schema,
      new URLSearchParams('model=resnet50&k=12&theta=1&bottleneck=0&blocks=2,2,2&hide=table,knobs&layer=features.conv0'),
    );
    expect(notices).toEqual([]);
    expect(state).toEqual({ model: 'resnet50', k: 12, theta: 1, bottleneck: false, blocks: [2, 2, 2], hide: ['table', 'knobs'], layer: 'features.conv0' });
  });

  it.each([
    ['model=vgg16', 'model', 'one of densenet121, resnet50'],
    ['k=0', 'k', 'a whole number from 1 to 64'],
    ['k=3.5', 'k', 'a whole number from 1 to 64'],
    ['theta=0', 'theta', 'a number above 0 up to 1'],
    ['theta=1e400', 'theta', 'a number above 0 up to 1'],
    ['bottleneck=yes', 'bottleneck', '0 or 1'],
    ['blocks=1,2,3,4,5', 'blocks', '1 to 4 whole numbers from 1 to 64, separated by commas'],
    ['hide=everything', 'hide', 'a comma-separated list of knobs, table'],
    ['layer=<script>', 'layer', 'a layer name, at most 120 characters'],
  ])('%s gives a notice naming the parameter and what is allowed, and keeps the default', (query, param, allowed) => {
    const { state, notices } = parseParams(schema, new URLSearchParams(query));
    expect(notices).toHaveLength(1);
    expect(notices[0].param).toBe(param);
    expect(notices[0].allowed).toBe(allowed);
    expect(notices[0].message).toContain(`"${param}" cannot be`);
    expect((state as Record<string, unknown>)[param]).toEqual(schema[param as keyof typeof schema].default);
  });

  it('reports unknown and repeated parameters', () => {
    const { notices } = parseParams(schema, new URLSearchParams('colour=red&k=3&k=4'), []);
    expect(notices.map((n) => n.message)).toEqual([
      'Unknown parameter "colour" was ignored. Known parameters: model, k, theta, bottleneck, blocks, hide, layer.',
      'Parameter "k" was given more than once; the first value is used.',
    ]);
  });

  it('never throws on hostile input and always returns a valid state', () => {
    const hostile = [
      '',
      ' ',
      '-1',
      '1e999',
      'NaN',
      'Infinity',
      '0x10',
      '__proto__',
      'constructor',
      '<img src=x onerror=alert(1)>',
      'a'.repeat(100_000),
      '\u0000\u202e',
      '👍',
      '1,,2',
      ',',
    ];
    for (const key of [...Object.keys(schema), '__proto__', 'constructor', 'toString']) {
      for (const v of hostile) {
        const { state, notices } = parseParams(schema, new URLSearchParams([[key, v]]));
        for (const n of notices) expect(n.given.length).toBeLessThanOrEqual(41);
        expect(Object.keys(state).sort()).toEqual(Object.keys(schema).sort());
        expect(schema.k.min <= state.k && state.k <= schema.k.max).toBe(true);
      }
    }
  });
});

describe('toSearchParams', () => {
  it('omits defaults and round-trips through parseParams', () => {
    const state = { ...parseParams(schema, new URLSearchParams('')).state, k: 12, blocks: [2, 2], bottleneck: false };
    const q = toSearchParams(schema, state);
    expect(q.toString()).toBe('k=12&bottleneck=0&blocks=2%2C2');
    expect(parseParams(schema, q).state).toEqual(state);
  });
});

describe('showGiven', () => {
  it('neutralises control, bidi-override and zero-width characters so a notice reads as given', async () => {
    const { showGiven } = await import('./schema');
    expect(showGiven('abc\u202Edef\u200Bg\u0000')).toBe('abc?def?g?');
  });
});
