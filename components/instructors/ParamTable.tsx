import type { ParamRow } from '@/lib/docs/params';

/**
 * A parameter table generated from a schema (lib/docs/params.ts): name and kind, what it accepts
 * (the words the notices use), default, description. Scrolls sideways on its own on a narrow
 * screen, never the page.
 */
export function ParamTable({ rows, caption, testId, widgetId }: { rows: readonly ParamRow[]; caption: string; testId?: string; widgetId?: string }) {
  const hasScope = rows.some((r) => r.scope);
  return (
    <div className="not-prose my-4 overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800" tabIndex={0} role="region" aria-label={caption}>
      <table className="w-full min-w-[36rem] border-collapse text-left text-[13px]" data-testid={testId} data-widget={widgetId}>
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-900 dark:text-slate-400">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Parameter
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Accepts
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Default
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              What it does
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 align-top text-slate-700 dark:divide-slate-800 dark:text-slate-300">
          {rows.map((r) => (
            <tr key={r.name} data-param={r.name}>
              <th scope="row" className="px-3 py-2 font-normal">
                <code className="font-mono text-[13px] font-semibold text-slate-900 dark:text-white">{r.name}</code>
                <span className="block whitespace-nowrap text-xs text-slate-500 dark:text-slate-400">{r.type}</span>
              </th>
              <td className="max-w-[18rem] px-3 py-2 break-words">{r.allowed}</td>
              <td className="max-w-[12rem] px-3 py-2">
                {r.default === '' ? (
                  <span className="text-slate-400 dark:text-slate-500">(empty)</span>
                ) : (
                  <code className="font-mono text-xs break-all">{r.default}</code>
                )}
              </td>
              <td className="px-3 py-2">
                {r.doc}
                {hasScope && r.scope ? <span className="block text-xs text-slate-500 dark:text-slate-400">Only in {r.scope}.</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
