import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './e2e/browser';

const PORT = Number(process.env.E2E_PORT ?? 3107);
/** The static export (out/, from `npm run export`) is served as well, by a plain file server. */
export const STATIC_PORT = PORT + 1;
/**
 * A page of another origin that embeds widgets (e2e/host/, plain files): what an instructor's site
 * or an LMS is to the embeds.
 */
export const HOST_PORT = PORT + 2;

/**
 * End-to-end tests drive the real, built site (`next build` then `next start`) in the system
 * Chromium. One worker: the GPU backends run on SwiftShader (the CPU) and the machines have 2 cores.
 */
export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS },
    trace: 'off',
  },
  webServer: [
    {
      command: `node_modules/.bin/next start -p ${PORT} -H 127.0.0.1`,
      url: `http://127.0.0.1:${PORT}/`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { NEXT_TELEMETRY_DISABLED: '1' },
    },
    {
      // E2E_STATIC_DIR: another export folder (an export built with LAYERWISE_DIST_DIR set lands there).
      command: `node scripts/serve-static.mjs ${process.env.E2E_STATIC_DIR ?? 'out'}`,
      url: `http://127.0.0.1:${STATIC_PORT}/`,
      reuseExistingServer: false,
      timeout: 30_000,
      env: { PORT: String(STATIC_PORT) },
    },
    {
      // --plain: no COOP/COEP (nor any other header of the site): a host that is not cross-origin isolated.
      command: `node scripts/serve-static.mjs e2e/host --plain`,
      url: `http://127.0.0.1:${HOST_PORT}/host.html`,
      reuseExistingServer: false,
      timeout: 30_000,
      env: { PORT: String(HOST_PORT) },
    },
  ],
});
