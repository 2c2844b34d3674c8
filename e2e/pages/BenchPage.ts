import { expect, type Locator, type Page } from '@playwright/test';
import type { LogitsOptions, RunOptions, RunResult } from '../../components/bench/types';

/** Page object for the benchmark harness, /bench (window.layerwiseBench). */
export class BenchPage {
  readonly status: Locator;

  constructor(readonly page: Page) {
    this.status = page.locator('[data-bench-status]');
  }

  /** Open /bench and wait until the runtime has loaded. */
  async open() {
    await this.page.goto('/bench');
    await this.page.waitForFunction(() => window.layerwiseBench !== undefined, null, { timeout: 60_000 });
    await this.page.evaluate(() => window.layerwiseBench!.ready);
    await expect(this.status).toHaveText('Ready.');
  }

  run(options: RunOptions): Promise<RunResult> {
    return this.page.evaluate((o) => window.layerwiseBench!.run(o), options);
  }

  logits(options: LogitsOptions): Promise<number[]> {
    return this.page.evaluate((o) => window.layerwiseBench!.logits(o), options);
  }

  numTensors(): Promise<number> {
    return this.page.evaluate(() => window.layerwiseBench!.numTensors());
  }
}

/** ||a - b|| / ||b||. */
export function relL2(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i] - b[i]) ** 2;
    den += b[i] ** 2;
  }
  return Math.sqrt(num / den);
}
