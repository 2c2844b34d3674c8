/**
 * `LAYERWISE_EXPORT=1 next build` writes a static site to out/ that any web server (or a laptop
 * with no network) can host; plain `next build` + `next start` serves the same pages.
 */
const staticExport = process.env.LAYERWISE_EXPORT === '1';

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Lets several builds (say, a benchmark and a test run) coexist in one checkout.
  ...(process.env.LAYERWISE_DIST_DIR ? { distDir: process.env.LAYERWISE_DIST_DIR } : {}),
  poweredByHeader: false,
  ...(staticExport ? { output: 'export', trailingSlash: true } : {}),
  images: { unoptimized: true },
  // `npm test` type-checks the whole project (tsc --noEmit) before it builds; checking again inside
  // next build would only add time.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
