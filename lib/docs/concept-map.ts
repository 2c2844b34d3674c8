/**
 * Reads the README's "Concept map" (each concept's files, from the MDX tag to the tfjs call) and
 * checks it against the tree, so that the map cannot go stale silently: every path it names exists,
 * every quoted symbol occurs in its file, and no chain is longer than the limit of six
 * files. Node only (reads files); used by concept-map.test.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The most files a concept may take, MDX file and tfjs file included (issue 11). */
export const MAX_CHAIN_FILES = 6;

/** A file of the map and the text that must occur in it. */
export interface MapStep {
  readonly path: string;
  readonly symbol: string;
}

export interface ConceptChain {
  readonly concept: string;
  readonly steps: readonly MapStep[];
}

export interface ConceptMap {
  /** The steps shared by every chain (the list before the first concept). */
  readonly shared: readonly MapStep[];
  readonly chains: readonly ConceptChain[];
  /** Every repository path the section names in backticks. */
  readonly paths: readonly string[];
}

const PATH = String.raw`(?:app|components|content|e2e|lib|scripts)/[^\s\`]+\.(?:mdx|tsx|ts|mjs|json)`;
/** `path` `symbol`: a file and the text it must hold. */
const PAIR = new RegExp(String.raw`\`(${PATH})\` \`([^\`]+)\``, 'g');
const ANY_PATH = new RegExp(String.raw`\`(${PATH})\``, 'g');
/** A numbered step: `1. \`path\` \`symbol\`…`. */
const STEP = new RegExp(String.raw`^\d+\. \`(${PATH})\` \`([^\`]+)\``);

/** The "## Concept map" section of a README, up to the next "## " heading. */
export function conceptMapSection(readme: string): string {
  const start = readme.search(/^## Concept map$/m);
  if (start < 0) throw new Error('README has no "## Concept map" section');
  const rest = readme.slice(start + 1);
  const end = rest.search(/^## /m);
  return end < 0 ? rest : rest.slice(0, end);
}

export function parseConceptMap(section: string): ConceptMap {
  const [intro, ...parts] = section.split(/^### /m);
  const shared = [...intro.matchAll(PAIR)].map((m) => ({
    path: m[1],
    symbol: m[2],
  }));
  const chains = parts.map((part): ConceptChain => {
    const [heading, ...lines] = part.split('\n');
    const steps = lines.flatMap((line) => {
      const m = STEP.exec(line.trim());
      return m ? [{ path: m[1], symbol: m[2] }] : [];
    });
    return { concept: heading.trim(), steps };
  });
  const paths = [...new Set([...section.matchAll(ANY_PATH)].map((m) => m[1]))];
  return { shared, chains, paths };
}

/** What is wrong with a map, against the tree at `root` (empty: nothing). */
export function conceptMapProblems(map: ConceptMap, root: string): string[] {
  const problems: string[] = [];
  const read = (p: string) => (existsSync(join(root, p)) ? readFileSync(join(root, p), 'utf8') : null);
  for (const p of map.paths) if (read(p) === null) problems.push(`${p}: no such file`);
  const check = (where: string, s: MapStep) => {
    const text = read(s.path);
    if (text !== null && !text.includes(s.symbol)) problems.push(`${where}: "${s.symbol}" does not occur in ${s.path}`);
  };
  map.shared.forEach((s) => check('shared steps', s));
  for (const c of map.chains) {
    if (c.steps.length === 0) problems.push(`${c.concept}: no steps`);
    if (c.steps.length > MAX_CHAIN_FILES) problems.push(`${c.concept}: ${c.steps.length} files, more than ${MAX_CHAIN_FILES}`);
    const files = c.steps.map((s) => s.path);
    if (new Set(files).size !== files.length) problems.push(`${c.concept}: a file appears twice`);
    if (c.steps.length > 0) {
      if (!/^content\/lessons\/[^/]+\.mdx$/.test(c.steps[0].path)) problems.push(`${c.concept}: does not start at a lesson's MDX file`);
      const last = c.steps.at(-1)!;
      if (!last.symbol.startsWith('tf.') && !(read(last.path) ?? '').includes(`import * as tf from '@tensorflow/tfjs'`))
        problems.push(`${c.concept}: ${last.path} is not a file with a tfjs call`);
    }
    c.steps.forEach((s, i) => check(`${c.concept}, step ${i + 1}`, s));
  }
  return problems;
}
