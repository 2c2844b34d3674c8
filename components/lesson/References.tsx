import type { Implementation, Paper } from '@/lib/content/frontmatter';

function authorsLine(authors: readonly string[]): string {
  return authors.length > 4 ? `${authors.slice(0, 3).join(', ')} et al.` : authors.join(', ');
}

/** The full stop after a part of a reference, unless it already ends with one ("et al.", "Better?"). */
const stop = (text: string) => (/[.?!]$/.test(text) ? '' : '.');

/**
 * A lesson's references, from its front matter: its paper (when it has one) and the further
 * papers, then the implementations of its networks (library source, the authors' code).
 */
export function References({
  paper,
  references,
  implementations = [],
}: {
  paper?: Paper;
  references: readonly Paper[];
  implementations?: readonly Implementation[];
}) {
  const all = paper ? [paper, ...references] : references;
  return (
    <section aria-labelledby="references">
      <h2 id="references">References</h2>
      <ol>
        {all.map((p) => (
          <li key={p.url}>
            {authorsLine(p.authors)}
            {stop(authorsLine(p.authors))} <a href={p.url}>{p.title}</a>
            {stop(p.title)} <em>{p.venue}</em>.
          </li>
        ))}
      </ol>
      {implementations.length > 0 ? (
        <>
          <h3 id="implementations">Implementations</h3>
          <ul data-testid="implementations">
            {implementations.map((c) => (
              <li key={c.url + c.title}>
                <a href={c.url}>{c.title}</a> · {c.by}
                {c.note ? `: ${c.note}` : ''}.
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
