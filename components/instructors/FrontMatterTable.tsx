import { describeRule, type FieldDoc } from '@/lib/docs/frontmatter-docs';

/** Front matter fields (lib/docs/frontmatter-docs.ts, typed against lib/content/frontmatter.ts). */
export function FrontMatterTable({ fields, prefix = '', caption }: { fields: Readonly<Record<string, FieldDoc>>; prefix?: string; caption: string }) {
  return (
    <div className="not-prose my-4 overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800" tabIndex={0} role="region" aria-label={caption}>
      <table className="w-full min-w-[32rem] border-collapse text-left text-[13px]" data-testid="front-matter-table">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-900 dark:text-slate-400">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">Field</th>
            <th scope="col" className="px-3 py-2 font-medium">Value</th>
            <th scope="col" className="px-3 py-2 font-medium">What it is</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 align-top text-slate-700 dark:divide-slate-800 dark:text-slate-300">
          {Object.entries(fields).map(([name, f]) => (
            <tr key={name} data-field={`${prefix}${name}`}>
              <th scope="row" className="px-3 py-2 font-normal">
                <code className="font-mono font-semibold text-slate-900 dark:text-white">
                  {prefix}
                  {name}
                </code>
                <span className="block text-xs text-slate-500 dark:text-slate-400">{f.required ? 'required' : 'optional'}</span>
              </th>
              <td className="px-3 py-2">{describeRule(f.rule)}</td>
              <td className="px-3 py-2">{f.doc}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
