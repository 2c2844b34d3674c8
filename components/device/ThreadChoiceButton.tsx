'use client';

import { useState } from 'react';
import { smallButtonClass } from '@/components/ui/styles';
import { chooseThreads } from '@/lib/runtime/thread-choice';

/**
 * Chooses the WebAssembly threads for this browser session (`to`: a count, or null for one per
 * core) and reloads the page, since tfjs fixes its thread pool when the backend starts. The page's
 * state is in its URL, so the reload keeps it; only results computed on this page (a profile) are
 * computed again. Where the browser keeps no session storage, it says so instead of reloading.
 */
export function ThreadChoiceButton({ to, children }: { to: number | null; children: React.ReactNode }) {
  const [refused, setRefused] = useState(false);
  const choose = () => {
    if (chooseThreads(to)) window.location.reload();
    else setRefused(true);
  };
  return (
    <>
      <button type="button" className={smallButtonClass} onClick={choose}>
        {children}
      </button>
      {refused && (
        <span role="alert" className="ml-2 text-red-700 dark:text-red-400">
          This browser keeps no session storage for this page, so the choice cannot be kept across a reload.
        </span>
      )}
    </>
  );
}
