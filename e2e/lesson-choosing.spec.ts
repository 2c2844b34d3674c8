import { getLessons } from '../lib/content/lessons';
import { formatCount } from '../lib/format';
import { lineupRows } from '../lib/widgets/lineup/table';
import type { Page } from '@playwright/test';
import { switchScheme } from './axe';
import { expect, test } from './fixtures';
import { EmbedPage } from './pages/EmbedPage';
import { LessonPage } from './pages/LessonPage';

/**
 * The closing lesson, /lessons/choosing: it renders in both colour schemes and on a phone, its
 * measurement runs (and can be cancelled) on WebAssembly with a small input, its widget has an
 * embed, and the home page and every other lesson link to it.
 */
const lessons = getLessons();
const closing = lessons[lessons.length - 1];
const SHOTS = process.env.LESSON_SHOTS_DIR ?? '/tmp';

test('the closing lesson is the last of the course', () => {
  expect(closing.slug).toBe('choosing');
  expect(closing.meta.paper).toBeUndefined();
  expect(closing.meta.references.length).toBeGreaterThanOrEqual(4);
});

/** What the page must show and fit in one scheme and width; the pictures are looked at by hand. */
async function checkRendered(page: Page, scheme: 'light' | 'dark', width: number) {
  const lesson = new LessonPage(page);
  await expect(lesson.heading).toHaveText(closing.meta.title);
  if (scheme === 'dark') await expect(page.locator('html')).toHaveClass(/dark/);
  else await expect(page.locator('html')).not.toHaveClass(/dark/);
  const widget = page.getByRole('region', { name: /The four, measured on your device/ });
  await widget.scrollIntoViewIfNeeded();
  // Params come from the spec, never typed in.
  for (const r of lineupRows(64)) await expect(widget.getByTestId(`params-${r.id}`)).toHaveText(formatCount(r.params));
  await expect(page.getByRole('table', { name: /Params, MACs and memory/ })).toBeVisible();
  // The pros-and-cons table, the successors and the implementations.
  await expect(lesson.article.getByRole('heading', { name: 'Pros and cons, side by side' })).toBeVisible();
  await expect(lesson.article.getByRole('heading', { name: 'What came after' })).toBeVisible();
  await expect(page.getByTestId('implementations').getByRole('link', { name: 'Keras Applications' })).toHaveAttribute(
    'href',
    'https://keras.io/api/applications/',
  );
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'horizontal overflow').toBeLessThanOrEqual(0);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}/lesson-choosing-${scheme}-${width}.png`, fullPage: width === 390 });
  await widget.scrollIntoViewIfNeeded();
  await widget.screenshot({ path: `${SHOTS}/lesson-choosing-widget-${scheme}-${width}.png` });
}

// At 1280 px the page is loaded once for both schemes: light, then dark as the system switches to
// it live (the site's colours are CSS only, e2e/axe.ts).
test('/lessons/choosing renders in light and in dark at 1280 px without sideways scrolling', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 900 });
  await new LessonPage(page).goto('choosing');
  await test.step('light', () => checkRendered(page, 'light', 1280));
  await test.step('dark', async () => {
    await switchScheme(page, 'dark');
    await checkRendered(page, 'dark', 1280);
  });
});

test('/lessons/choosing renders in light at 390 px without sideways scrolling', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 390, height: 900 });
  await new LessonPage(page).goto('choosing');
  await checkRendered(page, 'light', 390);
});

test('the measurement runs on WebAssembly, ranks by MACs and by time, and frees every tensor', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.goto('choosing');
  const widget = page.getByRole('region', { name: /The four, measured on your device/ });
  await widget.scrollIntoViewIfNeeded();
  await widget.getByLabel('Input size').selectOption('32');
  await widget.getByLabel('Backend').selectOption('wasm');
  await widget.getByLabel('Timed passes').fill('1');
  await widget.getByRole('button', { name: 'Measure all five on this device' }).click();
  await expect(widget.getByRole('status').filter({ hasText: 'Done. Measured on WebAssembly, 32×32' })).toBeVisible({ timeout: 180_000 });
  for (const r of lineupRows(32)) {
    await expect(widget.getByTestId(`macs-${r.id}`)).toHaveText(formatCount(r.macs));
    await expect(widget.getByTestId(`ms-${r.id}`)).toHaveText(/^\d[\d.,]* (ms|s)$/);
  }
  await expect(widget.getByTestId('rank-macs').locator('li')).toHaveCount(5);
  await expect(widget.getByTestId('rank-time').locator('li')).toHaveCount(5);
  // Cheapest by the spec first, whatever the clock says.
  const byMacs = [...lineupRows(32)].sort((a, b) => a.macs - b.macs).map((r) => r.id);
  expect(
    await widget
      .getByTestId('rank-macs')
      .locator('li')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-model'))),
  ).toEqual(byMacs);
  const swaps = widget.getByTestId('lineup-swaps');
  await expect(swaps).toContainText('Kendall τ');
  const n = Number(await swaps.getAttribute('data-swaps'));
  await expect(swaps.locator('li')).toHaveCount(n);
  // The digits models were timed too: accuracy per millisecond for each.
  for (const id of ['densenet_digits', 'resnext_digits', 'resnet_digits', 'shufflenet_v2_digits', 'mnasnet_digits'])
    await expect(widget.getByTestId(`digits-per-ms-${id}`)).toHaveText(/^\d+(\.\d)? pts$/);
  await expect(widget.getByTestId('tensor-readout')).toHaveAttribute('data-leaked', '0');
  await widget.screenshot({ path: `${SHOTS}/lesson-choosing-measured.png` });
});

test('a measurement can be cancelled, and the cancelled run frees what it made', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.goto('choosing');
  const widget = page.getByRole('region', { name: /The four, measured on your device/ });
  await widget.scrollIntoViewIfNeeded();
  await widget.getByLabel('Input size').selectOption('224');
  await widget.getByLabel('Backend').selectOption('wasm');
  await widget.getByLabel('Timed passes').fill('10');
  await widget.getByRole('button', { name: 'Measure all five on this device' }).click();
  // Ten networks, 11 passes each at 224: long enough for the run guard to ask first.
  const confirm = widget.getByTestId('run-confirm');
  await expect(confirm).toContainText(/^This will take about [\d.]+ s on WebAssembly/);
  await confirm.getByRole('button', { name: 'Measure anyway' }).click();
  // Cancel once the job has started building (so there is something to free), not while it still waits.
  await expect(widget.getByRole('status').filter({ hasText: /Building resnet50|resnet50: / })).toBeVisible({ timeout: 60_000 });
  await widget.getByRole('button', { name: 'Cancel' }).click();
  await expect(widget.getByRole('status').filter({ hasText: 'Cancelled' })).toBeVisible({ timeout: 120_000 });
  await expect(widget.getByTestId('tensor-readout')).toHaveAttribute('data-leaked', '0');
  await expect(widget.getByRole('button', { name: 'Measure all five on this device' })).toBeEnabled();
  await expect(widget.getByTestId('ms-resnet50')).toHaveText('—');
});

test('the line-up widget has an embed page, with its state in the URL', async ({ page }) => {
  await page.goto(EmbedPage.path('lineup', 'size=96&digits=0'));
  const embed = new EmbedPage(page);
  await expect(embed.widget).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: /The four, measured on your device/ })).toBeVisible();
  for (const r of lineupRows(96)) await expect(page.getByTestId(`macs-${r.id}`)).toHaveText(formatCount(r.macs));
  await expect(page.getByLabel('Also time the digits models')).not.toBeChecked();
  await expect(page.getByRole('table', { name: /digits/ })).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/lesson-choosing-embed.png` });
});

test('the introduction starts with the prerequisites, each with a free source', async ({ page }) => {
  await page.goto('/lessons/intro');
  const h2s = page.locator('article h2');
  await expect(h2s.first()).toHaveText(/Before you start/);
  const list = page.locator('#before-you-start ~ ul').first();
  for (const idea of ['Convolution.', 'Pooling.', 'Batch normalisation.', 'Residual connections.', 'FLOPs and MACs.']) {
    const item = list.locator('li').filter({ hasText: new RegExp(`^${idea.replace('.', '\\.')}`) });
    await expect(item, idea).toHaveCount(1);
    await expect(item.locator('a[href^="https://"]').first(), idea).toBeAttached();
  }
});

test('the home page and the end of every other lesson link to the closing lesson', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('home-closing-link')).toHaveAttribute('href', '/lessons/choosing');
  await expect(page.locator('#lessons li').last().getByRole('link')).toHaveAttribute('href', '/lessons/choosing');
  for (const l of lessons.filter((x) => x.slug !== 'choosing')) {
    await page.goto(`/lessons/${l.slug}`);
    const nav = page.getByRole('navigation', { name: 'Lessons' });
    await expect(nav.locator('a[href="/lessons/choosing"]'), l.slug).toHaveCount(1);
    // Every lesson lists its implementations: torchvision's source file first.
    await expect(page.getByTestId('implementations').getByRole('link').first()).toHaveAttribute(
      'href',
      /^https:\/\/github\.com\/pytorch\/vision\/blob\/main\/torchvision\/models\/\w+\.py$/,
    );
  }
});
