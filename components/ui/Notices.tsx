import type { Notice } from '@/lib/url-state/schema';

/**
 * Readable notices for URL parameters that could not be used. Values are rendered as text (React
 * escapes them), never as markup.
 */
export function Notices({ notices, title = 'Some settings in the link were not used' }: { notices: readonly Notice[]; title?: string }) {
  if (notices.length === 0) return null;
  return (
    <div
      role="status"
      className="not-prose my-4 rounded-lg border border-amber-400 bg-amber-50 px-4 py-3 text-sm text-amber-950 dark:border-amber-500/60 dark:bg-amber-500/10 dark:text-amber-100"
    >
      <p className="font-semibold">{title}</p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5">
        {notices.map((n, i) => (
          <li key={`${n.param}-${i}`}>{n.message}</li>
        ))}
      </ul>
    </div>
  );
}
