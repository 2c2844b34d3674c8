import { describeRule, type FieldDoc } from '@/lib/docs/frontmatter-docs';
import { T } from './table-style';

/** Front matter fields (lib/docs/frontmatter-docs.ts, typed against lib/content/frontmatter.ts). */
export function FrontMatterTable({ fields, prefix = '', caption }: { fields: Readonly<Record<string, FieldDoc>>; prefix?: string; caption: string }) {
  return (
    <div className={T.wrap}>
      <table className={`${T.table} sm:min-w-[32rem]`} data-testid="front-matter-table">
        <caption className="sr-only">{caption}</caption>
        <thead className={T.head}>
          <tr>
            <th scope="col" className={T.th}>
              Field
            </th>
            <th scope="col" className={T.th}>
              Value
            </th>
            <th scope="col" className={T.th}>
              What it is
            </th>
          </tr>
        </thead>
        <tbody className={T.body}>
          {Object.entries(fields).map(([name, f]) => (
            <tr key={name} data-field={`${prefix}${name}`} className={T.row}>
              <th scope="row" className={T.rowHead}>
                <code className="font-mono font-semibold text-slate-900 dark:text-white">
                  {prefix}
                  {name}
                </code>
                <span className="block text-xs text-slate-500 max-sm:ml-2 max-sm:inline dark:text-slate-400">{f.required ? 'required' : 'optional'}</span>
              </th>
              <td className={T.cell}>
                <span className={T.label}>Value</span>
                {describeRule(f.rule)}
              </td>
              <td className={T.docCell}>{f.doc}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
