import { describe, expect, it } from 'vitest';
import { FrontMatterError, validateFrontMatter } from './frontmatter';
import { getLesson, getLessons, parseLessons } from './lessons';

const good = {
  title: 'DenseNet',
  summary: 'Dense connectivity.',
  order: 1,
  year: 2017,
  paper: {
    title: 'Densely Connected Convolutional Networks',
    url: 'https://arxiv.org/abs/1608.06993',
    authors: ['Gao Huang'],
    venue: 'CVPR 2017',
  },
};

const code = {
  title: 'torchvision/models/densenet.py',
  url: 'https://github.com/pytorch/vision/blob/main/torchvision/models/densenet.py',
  by: 'PyTorch (torchvision)',
};

function source(fm: string) {
  return `---\n${fm}\n---\n\nBody text.\n`;
}

describe('validateFrontMatter', () => {
  it('accepts a complete front matter and defaults references to none', () => {
    const fm = validateFrontMatter('a.mdx', good);
    expect(fm.title).toBe('DenseNet');
    expect(fm.references).toEqual([]);
  });

  it('reads implementations, with an optional note', () => {
    expect(validateFrontMatter('a.mdx', good).implementations).toEqual([]);
    const fm = validateFrontMatter('a.mdx', { ...good, implementations: [code, { ...code, title: 'x', note: ' the authors’ code ' }] });
    expect(fm.implementations).toEqual([code, { ...code, title: 'x', note: 'the authors’ code' }]);
    expect('note' in fm.implementations[0]).toBe(false);
  });

  it('lets a lesson about several papers leave out paper when it lists them as references', () => {
    const fm = validateFrontMatter('a.mdx', { ...good, paper: undefined, references: [good.paper] });
    expect(fm.paper).toBeUndefined();
    expect(fm.references).toEqual([good.paper]);
  });

  it.each([
    [{ ...good, title: '' }, 'title', 'must be a non-empty string, found the string ""'],
    [{ ...good, order: 1.5 }, 'order', 'must be an integer from 0 to 999, found number 1.5'],
    [{ ...good, year: '2017' }, 'year', 'must be an integer from 1980 to 2100, found the string "2017"'],
    [{ ...good, paper: { ...good.paper, url: 'arxiv.org/abs/1' } }, 'paper.url', 'must be an absolute https URL'],
    [{ ...good, paper: { ...good.paper, url: 'http://arxiv.org/abs/1' } }, 'paper.url', 'must use https'],
    [{ ...good, paper: { ...good.paper, authors: [] } }, 'paper.authors', 'must be a non-empty list of names'],
    [{ ...good, paper: 'Densely' }, 'paper', 'must be a mapping'],
    [{ ...good, summmary: 'typo' }, 'summmary', 'is not a known field'],
    [{ ...good, references: [{ ...good.paper, venue: undefined }] }, 'references[0].venue', 'must be a non-empty string, found nothing'],
    [{ ...good, paper: undefined }, 'paper', 'may be left out only when references lists the papers the lesson is about'],
    [{ ...good, implementations: 'torchvision' }, 'implementations', 'must be a list of implementations'],
    [{ ...good, implementations: [{ ...code, url: 'http://github.com/x' }] }, 'implementations[0].url', 'must use https'],
    [{ ...good, implementations: [{ ...code, by: '' }] }, 'implementations[0].by', 'must be a non-empty string'],
    [{ ...good, implementations: [{ ...code, stars: 5 }] }, 'implementations[0].stars', 'is not a known field'],
  ])('rejects %j naming the field', (data, field, problem) => {
    try {
      validateFrontMatter('bad.mdx', data);
      expect.unreachable('should have thrown');
    } catch (e) {
      expect(e).toBeInstanceOf(FrontMatterError);
      const err = e as FrontMatterError;
      expect(err.field).toBe(field);
      expect(err.message).toContain(`bad.mdx: front matter field "${field}" ${problem}`);
    }
  });
});

describe('parseLessons', () => {
  const fm = (order: number) =>
    `title: T${order}\nsummary: S\norder: ${order}\nyear: 2017\npaper:\n  title: P\n  url: https://example.org/p\n  authors: [A]\n  venue: V`;

  it('sorts by order and strips the front matter from the body', () => {
    const lessons = parseLessons([
      { file: 'b.mdx', source: source(fm(2)) },
      { file: 'a.mdx', source: source(fm(1)) },
    ]);
    expect(lessons.map((l) => l.slug)).toEqual(['a', 'b']);
    expect(lessons[0].body.trim()).toBe('Body text.');
  });

  it('refuses two lessons with the same order', () => {
    expect(() =>
      parseLessons([
        { file: 'a.mdx', source: source(fm(1)) },
        { file: 'b.mdx', source: source(fm(1)) },
      ]),
    ).toThrow('b.mdx: order 1 is already used by a.mdx');
  });

  it('refuses a file without front matter, or with broken YAML, or with a bad name', () => {
    expect(() => parseLessons([{ file: 'a.mdx', source: '# Hello' }])).toThrow('a.mdx: missing front matter');
    expect(() => parseLessons([{ file: 'a.mdx', source: source('title: [unclosed') }])).toThrow('a.mdx: front matter is not valid YAML');
    expect(() => parseLessons([{ file: 'Dense Net.mdx', source: source(fm(1)) }])).toThrow('lesson file names must be lower-case');
  });
});

describe('the lessons in content/lessons', () => {
  it('are all valid, with the slugs the site links to', () => {
    expect(getLessons().map((l) => l.slug)).toEqual(['intro', 'densenet', 'resnext', 'shufflenet-v2', 'mnasnet', 'choosing']);
  });

  it('give every lesson but the last a link to the last one, the closing comparison', () => {
    const slugs = getLessons().map((l) => l.slug);
    for (const slug of slugs.slice(0, -1)) expect(getLesson(slug)!.last!.slug).toBe('choosing');
    expect(getLesson('choosing')).toMatchObject({ last: null, next: null });
    expect(getLesson('choosing')!.prev!.slug).toBe('mnasnet');
  });
});
