/** Shortening the graph's labels to their boxes (pure; tested in truncate.test.ts). */

const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/**
 * Shortens a label to at most `max` characters, ending in "…" after a whole word, so that what a
 * glyph shows is always the first words of its accessible name (axe compares names word by word).
 * A first word longer than the box is cut inside it: nothing shorter would say anything.
 */
export function truncateWords(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = Math.max(1, max - 1);
  if (isWordChar(s[end])) {
    let start = end;
    while (start > 0 && isWordChar(s[start - 1])) start--;
    if (start > 0) end = start;
  }
  const cut = s.slice(0, end).replace(/[^\p{L}\p{N}]+$/u, '');
  return `${cut || s.slice(0, end)}…`;
}
