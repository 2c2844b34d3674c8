import { nextHeaderRules } from './lib/security/headers.mjs';

/**
 * `LAYERWISE_EXPORT=1 next build` writes a static site to out/ that any web server (or a laptop
 * with no network) can host; plain `next build` + `next start` serves the same pages.
 */
const staticExport = process.env.LAYERWISE_EXPORT === '1';
const dev = process.env.NODE_ENV === 'development';

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Lets several builds (say, a benchmark and a test run) coexist in one checkout.
  ...(process.env.LAYERWISE_DIST_DIR ? { distDir: process.env.LAYERWISE_DIST_DIR } : {}),
  poweredByHeader: false,
  ...(staticExport ? { output: 'export', trailingSlash: true } : {}),
  // Files named *.server.ts are routes only a server can answer (the oEmbed endpoint,
  // app/oembed/route.server.ts): a static export leaves them out.
  ...(staticExport ? {} : { pageExtensions: ['server.ts', 'tsx', 'ts', 'jsx', 'js'] }),
  images: { unoptimized: true },
  // `npm test` type-checks the whole project (tsc --noEmit) before it builds; checking again inside
  // next build would only add time.
  typescript: { ignoreBuildErrors: true },
  // Security headers for `next start` (lib/security/headers.mjs; a static export's host sets them
  // itself: docs/hosting.md).
  ...(staticExport ? {} : { headers: async () => nextHeaderRules({ dev }) }),
};

export default nextConfig;
