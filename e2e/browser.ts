import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/**
 * The Chromium to test with: $CHROMIUM_PATH, then Debian's /usr/bin/chromium, then Playwright's
 * own download. Playwright cannot download browsers on these machines, so say so clearly.
 */
export function findChromium(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    (p): p is string => typeof p === 'string' && p.length > 0,
  );
  for (const p of candidates) if (existsSync(p)) return p;
  const bundled = chromium.executablePath();
  if (bundled && existsSync(bundled)) return bundled;
  throw new Error(
    `No Chromium found. Tried ${[...candidates, bundled].join(', ')}. ` +
      'Install one (Debian: apt-get install -y chromium) or set CHROMIUM_PATH to its executable.',
  );
}

/**
 * Flags that give WebGL2 and WebGPU on SwiftShader (CPU) in headless Chromium, run as root with no
 * network (see the platform notes in the README).
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
  '--enable-unsafe-webgpu',
];
