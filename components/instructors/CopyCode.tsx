'use client';

/**
 * A block of code with a Copy button (the share panel's copyText: the Clipboard API, else select and
 * execCommand). Code may contain ORIGIN_TOKEN, which stands for the site's origin: the pre-rendered
 * page shows an example origin and the browser swaps in the real one once the page has loaded.
 */
import { useEffect, useId, useState, useSyncExternalStore } from 'react';
import { copyText } from '@/components/embed/SharePanel';
import { ORIGIN_TOKEN } from '@/lib/docs/snippets';

/** What the pre-rendered page shows until the browser knows the real origin. */
const EXAMPLE_ORIGIN = 'https://layerwise.example.org';

const noSubscription = () => () => {};

/** The page's origin in the browser; the example origin while pre-rendering (and hydrating). */
export function useOrigin(): string {
  return useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => EXAMPLE_ORIGIN,
  );
}

export function CopyCode({
  code,
  label,
  testId,
  tall = false,
}: {
  code: string;
  label: string;
  testId?: string;
  /** Show it whole, without a scroll box. */ tall?: boolean;
}) {
  const id = useId();
  const origin = useOrigin();
  const [message, setMessage] = useState('');
  useEffect(() => {
    if (!message) return;
    const t = setTimeout(() => setMessage(''), 4000);
    return () => clearTimeout(t);
  }, [message]);
  const text = code.split(ORIGIN_TOKEN).join(origin);
  return (
    <figure className="not-prose my-3 min-w-0" data-testid={testId}>
      <figcaption id={`${id}-label`} className="mb-1 flex items-center justify-between gap-2 text-xs font-medium text-slate-600 dark:text-slate-400">
        <span>{label}</span>
        <span className="flex items-center gap-2">
          <span role="status" aria-live="polite" className="text-emerald-700 dark:text-emerald-400">
            {message}
          </span>
          <button
            type="button"
            aria-describedby={`${id}-label`}
            onClick={async () => setMessage((await copyText(text)) ? 'Copied' : 'Could not copy: select the text and press Ctrl+C (⌘C)')}
            className="inline-flex shrink-0 items-center rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-800 hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800"
          >
            Copy
          </button>
        </span>
      </figcaption>
      <pre
        aria-labelledby={`${id}-label`}
        tabIndex={0}
        className={`${tall ? '' : 'max-h-96 '}overflow-auto whitespace-pre-wrap break-all rounded-md border border-slate-200 bg-slate-50 p-3 font-mono text-xs leading-relaxed text-slate-800 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-200`}
      >
        <code>{text}</code>
      </pre>
    </figure>
  );
}
