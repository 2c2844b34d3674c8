import type { ReactNode } from 'react';

export type DescriptionItem = readonly [term: ReactNode, description: ReactNode];

/**
 * Term–value pairs in two columns (a backend report, a layer's details): one `<dl>` whose only
 * children are `<dt>`/`<dd>` pairs, so it is a valid description list by construction.
 */
export function DescriptionList({
  items,
  className = '',
  testId,
  label,
}: {
  readonly items: readonly DescriptionItem[];
  readonly className?: string;
  readonly testId?: string;
  readonly label?: string;
}) {
  return (
    <dl className={`grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 ${className}`} data-testid={testId} aria-label={label}>
      {items.map(([term, description], i) => (
        <DescriptionPair key={i} term={term} description={description} />
      ))}
    </dl>
  );
}

function DescriptionPair({ term, description }: { term: ReactNode; description: ReactNode }) {
  return (
    <>
      <dt className="text-slate-600 dark:text-slate-400">{term}</dt>
      <dd className="min-w-0 break-words text-slate-900 dark:text-slate-100">{description}</dd>
    </>
  );
}
