import type { ParamRow } from '@/lib/docs/params';
import { DocTable } from './DocTable';
import { T } from './table-style';

/**
 * A parameter table generated from a schema (lib/docs/params.ts): name and kind, what it accepts
 * (the words the notices use), default, description. On a phone each row is a card.
 */
export function ParamTable({ rows, caption, testId, widgetId }: { rows: readonly ParamRow[]; caption: string; testId?: string; widgetId?: string }) {
  const hasScope = rows.some((r) => r.scope);
  return (
    <DocTable
      caption={caption}
      columns={['Parameter', 'Accepts', 'Default', 'What it does']}
      minWidthClass="sm:min-w-[36rem]"
      data={{ 'data-testid': testId, 'data-widget': widgetId }}
    >
      {rows.map((r) => (
        <tr key={r.name} data-param={r.name} className={T.row}>
          <th scope="row" className={T.rowHead}>
            <code className="font-mono text-[13px] font-semibold text-slate-900 dark:text-white">{r.name}</code>
            <span className="block text-xs text-slate-500 max-sm:ml-2 max-sm:inline sm:whitespace-nowrap dark:text-slate-400">{r.type}</span>
          </th>
          <td className={`${T.cell} break-words sm:max-w-[18rem]`}>
            <span className={T.label}>Accepts</span>
            {r.allowed}
          </td>
          <td className={`${T.cell} sm:max-w-[12rem]`}>
            <span className={T.label}>Default</span>
            {r.default === '' ? (
              <span className="text-slate-500 dark:text-slate-400">(empty)</span>
            ) : (
              <code className="font-mono text-xs break-all">{r.default}</code>
            )}
          </td>
          <td className={T.docCell}>
            {r.doc}
            {hasScope && r.scope ? <span className="block text-xs text-slate-500 dark:text-slate-400">Only in {r.scope}.</span> : null}
          </td>
        </tr>
      ))}
    </DocTable>
  );
}
