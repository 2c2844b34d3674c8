/** Headless Chromium (the e2e suite's executable and flags) driving the site's /bench harness. */
import { type Browser, type Page, chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../../e2e/browser';
import type { RunOptions, RunResult } from '../../components/bench/types';

export interface BenchBrowser {
  readonly browser: Browser;
  /** The /bench page, harness ready. */
  readonly page: Page;
  run(options: RunOptions): Promise<RunResult>;
  close(): Promise<void>;
}

export async function openHarness(origin: string, onConsole: (line: string) => void): Promise<BenchBrowser> {
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
  try {
    const context = await browser.newContext({ baseURL: origin });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') onConsole(`[browser ${m.type()}] ${m.text()}`);
    });
    page.on('pageerror', (e) => onConsole(`[browser uncaught] ${e.message}`));
    await page.goto('/bench');
    await page.waitForFunction(() => window.layerwiseBench !== undefined, null, { timeout: 60_000 });
    await page.evaluate(() => window.layerwiseBench!.ready);
    return {
      browser,
      page,
      run: (options) => page.evaluate((o) => window.layerwiseBench!.run(o), options),
      close: () => browser.close(),
    };
  } catch (e) {
    await browser.close();
    throw e;
  }
}
