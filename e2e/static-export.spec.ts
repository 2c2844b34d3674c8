import { STATIC_PORT } from '../playwright.config';
import { expect, test } from './fixtures';

const base = `http://127.0.0.1:${STATIC_PORT}`;

// The same site exported as plain files (npm run export) and served by a dumb file server:
// pages, math, client navigation and tfjs must all work without a Next.js server.
test('the static export serves lessons, navigation and tfjs with no Next.js server', async ({ page }) => {
  await page.goto(`${base}/`);
  await page.getByRole('link', { name: /Why these four/ }).click();
  await expect(page).toHaveURL(/\/lessons\/intro\/?$/);
  await expect(page.locator('article .katex').first()).toBeVisible();
  const device = page.getByRole('region', { name: 'Your device' });
  await device.scrollIntoViewIfNeeded();
  await expect(device.locator('dl[data-backend]')).toBeVisible({ timeout: 60_000 });
  await page.getByRole('navigation', { name: 'Lessons' }).getByRole('link', { name: /Next/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('DenseNet');
});
