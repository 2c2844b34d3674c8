import { test as base, expect, type ConsoleMessage } from '@playwright/test';

/**
 * Every test gets a page that records console errors and uncaught page errors; the test fails at
 * the end if there were any, so a broken widget cannot pass by accident.
 */
export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (msg: ConsoleMessage) => {
        if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
      });
      page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
      await use(errors);
      expect(errors, 'console errors or uncaught exceptions on the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
