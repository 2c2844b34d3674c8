import type { ReactNode } from 'react';

/** An error the reader should see now (role="alert"): what failed and, where known, what to do. */
export function ErrorNote({ children }: { readonly children: ReactNode }) {
  return (
    <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-2 py-1 text-red-900 dark:border-red-500/50 dark:bg-red-500/10 dark:text-red-200">
      {children}
    </p>
  );
}

/** A caveat next to a result (role="note"): amber, not red, since nothing failed. */
export function Caveat({ children, testId }: { readonly children: ReactNode; readonly testId?: string }) {
  return (
    <p
      role="note"
      data-testid={testId}
      className="rounded-md border border-amber-400 bg-amber-50 px-2 py-1 text-amber-950 dark:border-amber-500/60 dark:bg-amber-500/10 dark:text-amber-100"
    >
      {children}
    </p>
  );
}
