import type { ReactNode } from 'react';

/**
 * Embed pages: the widget alone, no site header or footer, no links but the ones the widget's
 * frame offers. Pre-rendered per widget (app/embed/[widget]/page.tsx); framed by any site
 * (frame-ancestors *, lib/security/headers.mjs).
 */
export default function EmbedLayout({ children }: { children: ReactNode }) {
  return (
    <main id="main" className="min-w-0">
      {children}
    </main>
  );
}
