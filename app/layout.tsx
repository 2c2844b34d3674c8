import type { Metadata, Viewport } from 'next';
import Script from 'next/script';
import type { ReactNode } from 'react';
import { TfjsUrlGuard } from '@/components/site/TfjsUrlGuard';
import 'katex/dist/katex.min.css';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Layerwise: modern CNNs, layer by layer', template: '%s · Layerwise' },
  description: 'Interactive lessons on DenseNet, ResNeXt, ShuffleNet v2 and MnasNet, with real TensorFlow.js models running in your browser.',
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#020617' },
  ],
};

/**
 * The root layout holds only what every page needs: the document, the theme set before paint and
 * the styles. The site's pages get their header and footer from app/(site)/layout.tsx; the embed
 * pages (app/embed/) have no site chrome at all.
 */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // theme-init.js sets the `dark` class before hydration, so the server markup differs on purpose.
    <html lang="en" suppressHydrationWarning>
      <body>
        <Script src="/theme-init.js" strategy="beforeInteractive" />
        {/* Before any widget loads tfjs: no page URL may reach tfjs' flag parser. */}
        <TfjsUrlGuard />
        {children}
      </body>
    </html>
  );
}
