/**
 * The lesson front matter, documented field by field for the instructors' page. The field lists are
 * typed against lib/content/frontmatter.ts (every field of LessonFrontMatter and Paper, no other),
 * and each field's rule is machine-readable so lib/docs/frontmatter-docs.test.ts can check it
 * against validateFrontMatter itself: a limit changed there fails the test until it is changed here.
 * Framework-free.
 */
import type { Implementation, LessonFrontMatter, Paper } from '@/lib/content/frontmatter';

export type FieldRule =
  | { readonly kind: 'text'; readonly maxLength: number }
  | { readonly kind: 'https-url'; readonly maxLength: number }
  | { readonly kind: 'integer'; readonly min: number; readonly max: number }
  | { readonly kind: 'names' }
  | { readonly kind: 'paper' }
  | { readonly kind: 'papers' }
  | { readonly kind: 'implementations' };

export interface FieldDoc {
  /** Must the lesson file give it? (`references` may be left out.) */
  readonly required: boolean;
  readonly rule: FieldRule;
  readonly doc: string;
}

type FieldDocs<T> = { readonly [K in keyof T]-?: FieldDoc };

export const FRONT_MATTER_FIELDS = {
  title: { required: true, rule: { kind: 'text', maxLength: 80 }, doc: 'the lesson’s title: the page heading and the browser tab' },
  summary: { required: true, rule: { kind: 'text', maxLength: 200 }, doc: 'one line for the home page and link previews' },
  order: { required: true, rule: { kind: 'integer', min: 0, max: 999 }, doc: 'position in the course, unique across lessons (0 is the introduction)' },
  year: { required: true, rule: { kind: 'integer', min: 1980, max: 2100 }, doc: 'year of the paper' },
  paper: {
    required: false,
    rule: { kind: 'paper' },
    doc: 'the paper the lesson is about (fields below); a lesson about several papers (the closing comparison) leaves it out and lists them under references',
  },
  references: {
    required: false,
    rule: { kind: 'papers' },
    doc: 'further papers cited in the lesson, same fields as paper; listed under References (default: none)',
  },
  implementations: {
    required: false,
    rule: { kind: 'implementations' },
    doc: 'code of the lesson’s networks (a library’s source file, the authors’ release), fields below; listed under References as Implementations (default: none)',
  },
} as const satisfies FieldDocs<LessonFrontMatter>;

export const PAPER_FIELDS = {
  title: { required: true, rule: { kind: 'text', maxLength: 300 }, doc: 'the paper’s title' },
  url: { required: true, rule: { kind: 'https-url', maxLength: 500 }, doc: 'where to read it (an absolute https address, e.g. arXiv)' },
  authors: { required: true, rule: { kind: 'names' }, doc: 'the authors, as a YAML list' },
  venue: { required: true, rule: { kind: 'text', maxLength: 80 }, doc: 'where it appeared, e.g. “CVPR 2017”' },
} as const satisfies FieldDocs<Paper>;

export const IMPLEMENTATION_FIELDS = {
  title: { required: true, rule: { kind: 'text', maxLength: 200 }, doc: 'what it is, e.g. “torchvision/models/densenet.py”' },
  url: { required: true, rule: { kind: 'https-url', maxLength: 500 }, doc: 'where to read it (an absolute https address)' },
  by: { required: true, rule: { kind: 'text', maxLength: 80 }, doc: 'who maintains it, e.g. “PyTorch” or “the authors”' },
  note: { required: false, rule: { kind: 'text', maxLength: 300 }, doc: 'one line on what it is or how it differs from the paper' },
} as const satisfies FieldDocs<Implementation>;

/** The rule in words, for the table. */
export function describeRule(rule: FieldRule): string {
  switch (rule.kind) {
    case 'text':
      return `text, 1 to ${rule.maxLength} characters`;
    case 'https-url':
      return `absolute https URL, at most ${rule.maxLength} characters`;
    case 'integer':
      return `whole number from ${rule.min} to ${rule.max}`;
    case 'names':
      return 'non-empty list of names';
    case 'paper':
      return 'mapping with title, url, authors, venue';
    case 'papers':
      return 'list of mappings like paper';
    case 'implementations':
      return 'list of mappings with title, url, by, note';
  }
}

/** A complete, valid front matter block (YAML), the start of the example lesson. */
export const EXAMPLE_FRONT_MATTER = `---
title: "Dense blocks in one page"
summary: What a dense block reads, what it costs, and how to count both.
order: 42
year: 2017
paper:
  title: Densely Connected Convolutional Networks
  url: https://arxiv.org/abs/1608.06993
  authors: [Gao Huang, Zhuang Liu, Laurens van der Maaten, Kilian Q. Weinberger]
  venue: CVPR 2017
references:
  - title: Deep Residual Learning for Image Recognition
    url: https://arxiv.org/abs/1512.03385
    authors: [Kaiming He, Xiangyu Zhang, Shaoqing Ren, Jian Sun]
    venue: CVPR 2016
implementations:
  - title: torchvision/models/densenet.py
    url: https://github.com/pytorch/vision/blob/main/torchvision/models/densenet.py
    by: PyTorch (torchvision)
    note: the layout this site's specs follow
---`;
