import type { Paper } from '@/lib/content/frontmatter';

function authorsLine(authors: readonly string[]): string {
  return authors.length > 4 ? `${authors.slice(0, 3).join(', ')} et al.` : authors.join(', ');
}

export function References({ paper, references }: { paper: Paper; references: readonly Paper[] }) {
  const all = [paper, ...references];
  return (
    <section aria-labelledby="references">
      <h2 id="references">References</h2>
      <ol>
        {all.map((p) => (
          <li key={p.url}>
            {authorsLine(p.authors)}. <a href={p.url}>{p.title}</a>. <em>{p.venue}</em>.
          </li>
        ))}
      </ol>
    </section>
  );
}
