/**
 * Typed lesson front matter, validated when the site is built.
 *
 * A lesson file with a missing or malformed field fails `next build` with a message that names the
 * file, the field, what was found and what is expected, instead of rendering a broken page.
 */

export interface Paper {
  readonly title: string;
  readonly url: string;
  readonly authors: readonly string[];
  /** Venue, e.g. "CVPR 2017". */
  readonly venue: string;
}

/** Code that implements a lesson's network: a library's source file, the authors' release. */
export interface Implementation {
  /** What it is, e.g. "torchvision.models.densenet (PyTorch)". */
  readonly title: string;
  readonly url: string;
  /** Who maintains it, e.g. "PyTorch" or "the authors". */
  readonly by: string;
  /** One line on what it is good for or how it differs, optional. */
  readonly note?: string;
}

export interface LessonFrontMatter {
  readonly title: string;
  /** One line, shown on the home page and in link previews. */
  readonly summary: string;
  /** Position in the course; unique across lessons. */
  readonly order: number;
  /** Year of the paper (or of the lesson's material for the introduction). */
  readonly year: number;
  /** The paper the lesson is about; absent for a lesson about several (the closing comparison). */
  readonly paper?: Paper;
  /** Further reading cited in the lesson, after the lesson's own paper. */
  readonly references: readonly Paper[];
  /** Implementations of the lesson's networks, listed under References. */
  readonly implementations: readonly Implementation[];
}

export class FrontMatterError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${file}: front matter field "${field}" ${problem}`);
    this.name = 'FrontMatterError';
  }
}

type Raw = Record<string, unknown>;

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return `${typeof v} ${JSON.stringify(v)}`;
}

function text(file: string, obj: Raw, field: string, path = field, maxLen = 200): string {
  const v = obj[field];
  if (typeof v !== 'string' || v.trim() === '') {
    throw new FrontMatterError(file, path, `must be a non-empty string, found ${describe(v)}`);
  }
  if (v.length > maxLen) {
    throw new FrontMatterError(file, path, `must be at most ${maxLen} characters, found ${v.length}`);
  }
  return v.trim();
}

function integer(file: string, obj: Raw, field: string, min: number, max: number): number {
  const v = obj[field];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new FrontMatterError(file, field, `must be an integer from ${min} to ${max}, found ${describe(v)}`);
  }
  return v;
}

function url(file: string, obj: Raw, field: string, path: string): string {
  const v = text(file, obj, field, path, 500);
  let parsed: URL;
  try {
    parsed = new URL(v);
  } catch {
    throw new FrontMatterError(file, path, `must be an absolute https URL, found ${describe(v)}`);
  }
  if (parsed.protocol !== 'https:') {
    throw new FrontMatterError(file, path, `must use https, found ${describe(v)}`);
  }
  return v;
}

const KNOWN = new Set(['title', 'summary', 'order', 'year', 'paper', 'references', 'implementations']);
const KNOWN_PAPER = new Set(['title', 'url', 'authors', 'venue']);
const KNOWN_IMPLEMENTATION = new Set(['title', 'url', 'by', 'note']);

function paper(file: string, raw: unknown, path: string): Paper {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new FrontMatterError(file, path, `must be a mapping with ${[...KNOWN_PAPER].join(', ')}, found ${describe(raw)}`);
  }
  const p = raw as Raw;
  for (const key of Object.keys(p)) {
    if (!KNOWN_PAPER.has(key)) {
      throw new FrontMatterError(file, `${path}.${key}`, `is not a known field; expected one of ${[...KNOWN_PAPER].join(', ')}`);
    }
  }
  const authors = p.authors;
  if (!Array.isArray(authors) || authors.length === 0 || !authors.every((a) => typeof a === 'string' && a.trim() !== '')) {
    throw new FrontMatterError(file, `${path}.authors`, `must be a non-empty list of names, found ${describe(authors)}`);
  }
  return {
    title: text(file, p, 'title', `${path}.title`, 300),
    url: url(file, p, 'url', `${path}.url`),
    authors: authors.map((a: string) => a.trim()),
    venue: text(file, p, 'venue', `${path}.venue`, 80),
  };
}

function implementation(file: string, raw: unknown, path: string): Implementation {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new FrontMatterError(file, path, `must be a mapping with ${[...KNOWN_IMPLEMENTATION].join(', ')}, found ${describe(raw)}`);
  }
  const c = raw as Raw;
  for (const key of Object.keys(c)) {
    if (!KNOWN_IMPLEMENTATION.has(key)) {
      throw new FrontMatterError(file, `${path}.${key}`, `is not a known field; expected one of ${[...KNOWN_IMPLEMENTATION].join(', ')}`);
    }
  }
  return {
    title: text(file, c, 'title', `${path}.title`, 200),
    url: url(file, c, 'url', `${path}.url`),
    by: text(file, c, 'by', `${path}.by`, 80),
    ...(c.note === undefined ? {} : { note: text(file, c, 'note', `${path}.note`, 300) }),
  };
}

/** Validates parsed YAML front matter; throws FrontMatterError naming the first bad field. */
export function validateFrontMatter(file: string, data: unknown): LessonFrontMatter {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new FrontMatterError(file, '(root)', `must be a YAML mapping, found ${describe(data)}`);
  }
  const obj = data as Raw;
  for (const key of Object.keys(obj)) {
    if (!KNOWN.has(key)) {
      throw new FrontMatterError(file, key, `is not a known field; expected one of ${[...KNOWN].join(', ')}`);
    }
  }
  const refs = obj.references ?? [];
  if (!Array.isArray(refs)) {
    throw new FrontMatterError(file, 'references', `must be a list of papers, found ${describe(refs)}`);
  }
  const code = obj.implementations ?? [];
  if (!Array.isArray(code)) {
    throw new FrontMatterError(file, 'implementations', `must be a list of implementations, found ${describe(code)}`);
  }
  if (obj.paper === undefined && refs.length === 0) {
    throw new FrontMatterError(file, 'paper', 'may be left out only when references lists the papers the lesson is about, found neither');
  }
  return {
    title: text(file, obj, 'title', 'title', 80),
    summary: text(file, obj, 'summary', 'summary', 200),
    order: integer(file, obj, 'order', 0, 999),
    year: integer(file, obj, 'year', 1980, 2100),
    ...(obj.paper === undefined ? {} : { paper: paper(file, obj.paper, 'paper') }),
    references: refs.map((r: unknown, i: number) => paper(file, r, `references[${i}]`)),
    implementations: code.map((c: unknown, i: number) => implementation(file, c, `implementations[${i}]`)),
  };
}
