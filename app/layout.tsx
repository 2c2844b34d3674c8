import type { Metadata, Viewport } from 'next';
import Script from 'next/script';
import type { ReactNode } from 'react';
import 'katex/dist/katex.min.css';
import './globals.css';
import { SiteFooter } from '@/components/site/SiteFooter';
import { SiteHeader } from '@/components/site/SiteHeader';

export const metadata: Metadata = {
  title: { default: 'Layerwise: modern CNNs, layer by layer', template: '%s · Layerwise' },
  description:
    'Interactive lessons on DenseNet, ResNeXt, ShuffleNet v2 and MnasNet, with real TensorFlow.js models running in your browser.',
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#020617' },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // theme-init.js sets the `dark` class before hydration, so the server markup differs on purpose.
    <html lang="en" suppressHydrationWarning>
      <body className="flex min-h-screen flex-col">
        <Script src="/theme-init.js" strategy="beforeInteractive" />
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:fixed focus:left-3 focus:top-3 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow dark:focus:bg-slate-900"
        >
          Skip to content
        </a>
        <SiteHeader />
        <div id="main" className="flex-1">
          {children}
        </div>
        <SiteFooter />
      </body>
    </html>
  );
}
