import { parse } from 'yaml';

/** Splits a `---`-fenced YAML front matter block from an MDX source. */
export function splitFrontMatter(file: string, source: string): { data: unknown; body: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(source);
  if (!match) {
    throw new Error(`${file}: missing front matter: the file must start with a "---" fenced YAML block`);
  }
  let data: unknown;
  try {
    data = parse(match[1]);
  } catch (e) {
    throw new Error(`${file}: front matter is not valid YAML: ${(e as Error).message}`);
  }
  return { data, body: source.slice(match[0].length) };
}
