import type { Page } from '@playwright/test';
import { HYDRATE_MARGIN } from '../lib/widgets/definition';
import { expect, test } from './fixtures';
import { DenseNetLessonPage } from './pages/DenseNetLessonPage';

/**
 * Load only what a page shows: a lesson ships no widget code up front; each widget's chunk is
 * fetched as it nears the viewport (components/widgets/DeferredWidget.tsx), and one lesson never
 * fetches another lesson's widgets. Counted from the script requests the browser makes, after the
 * network has gone quiet, so no timing decides the outcome.
 */
const PHONE = { width: 390, height: 844 };
const MARGIN_PX = Number.parseInt(HYDRATE_MARGIN, 10);

function recordScripts(page: Page): Set<string> {
  const urls = new Set<string>();
  page.on('request', (r) => {
    if (r.resourceType() === 'script') urls.add(new URL(r.url()).pathname);
  });
  return urls;
}

test('a lesson fetches a widget’s code only when the widget nears the viewport, and never another lesson’s', async ({ page, browser }) => {
  await page.setViewportSize(PHONE);
  const scripts = recordScripts(page);
  await page.goto('/lessons/mnasnet', { waitUntil: 'networkidle' });

  // The last widget is well below the first screen and its margin: server HTML, not hydrated.
  const shell = page.locator('[data-lesson-widget="search-space"]');
  const top = await shell.evaluate((el) => el.getBoundingClientRect().top);
  expect(top, 'the search-space widget must start below the first screen and the hydration margin').toBeGreaterThan(PHONE.height + MARGIN_PX);
  await expect(shell.getByRole('region', { name: /^Search-space explorer/ })).toBeAttached();
  await expect(shell).not.toHaveAttribute('data-hydrated');
  const before = new Set(scripts);

  // Scrolled to, it fetches its own code and hydrates.
  await shell.scrollIntoViewIfNeeded();
  await expect(shell).toHaveAttribute('data-hydrated', '', { timeout: 60_000 });
  const fetched = [...scripts].filter((u) => !before.has(u));
  expect(fetched.length, 'scripts fetched for the widget once scrolled to').toBeGreaterThan(0);

  // Another lesson, opened fresh, fetches none of that code.
  const other = await browser.newContext({ viewport: PHONE });
  try {
    const p2 = await other.newPage();
    const errors: string[] = [];
    p2.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    p2.on('pageerror', (e) => errors.push(e.message));
    const scripts2 = recordScripts(p2);
    await p2.goto('/lessons/densenet', { waitUntil: 'networkidle' });
    expect(
      fetched.filter((u) => scripts2.has(u)),
      'the MnasNet widget’s chunks fetched by the DenseNet lesson',
    ).toEqual([]);
    expect(errors).toEqual([]);
  } finally {
    await other.close();
  }
});

test('a lesson opened by a link (client-side navigation) loads its widgets and they work', async ({ page }) => {
  await page.goto('/lessons/intro');
  await page.getByRole('navigation', { name: 'Lessons' }).getByRole('link', { name: /Next/ }).click();
  await expect(page).toHaveURL(/\/lessons\/densenet$/);
  const shell = page.locator('[data-lesson-widget="dense-connectivity"]');
  await shell.scrollIntoViewIfNeeded();
  await expect(shell).toHaveAttribute('data-hydrated', '', { timeout: 60_000 });
  const w = new DenseNetLessonPage(page).connectivity;
  await expect(w.stat('Direct connections')).toHaveText('15');
  const slider = shell.getByRole('slider', { name: 'Layers L' });
  await slider.focus();
  await slider.press('ArrowRight');
  await expect(w.stat('Direct connections')).toHaveText('21');
});
