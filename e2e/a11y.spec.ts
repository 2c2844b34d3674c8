import { readdirSync } from 'node:fs';
import { WIDGETS } from '../lib/widgets/registry';
import { axeFindings, formatFindings, scrollThrough } from './axe';
import { expect, test } from './fixtures';

/**
 * Accessibility as axe-core judges it: every kind of page of the site, and every embed, in the light
 * and in the dark colour scheme, has no violation of WCAG 2 A/AA or of axe's best practices.
 * Widgets are given time to render first (the page is scrolled through, so lazy ones load).
 */
test.describe.configure({ timeout: 180_000 });

const LESSONS = readdirSync('content/lessons')
  .filter((f) => f.endsWith('.mdx'))
  .map((f) => f.replace(/\.mdx$/, ''))
  .sort();

const PAGES = [
  '/',
  ...LESSONS.map((slug) => `/lessons/${slug}`),
  '/models',
  // Two families of the lab: DenseNet as it opens, and ShuffleNet v2 with groups expanded down to
  // single ops and merges (split, shuffle, concat) and a layer selected in the graph and the table.
  '/models/densenet121',
  '/models/shufflenet_v2_x1_0?open=stem,stage2,stage2.0,stage2.0.branch1,stage2.0.branch2&layer=stage2.0.branch2.0',
  // MnasNet's block cards are too narrow for their titles ("Block 2: mbconv3 3x3…"): a shortened
  // label must still be the start of the card's accessible name (label-content-name-mismatch).
  '/models/mnasnet0_5',
  // The five digits models side by side (lib/models/compare-digits).
  '/models/compare-digits',
  '/compare',
  '/train',
  '/instructors',
];
const EMBEDS = WIDGETS.map((w) => `/embed/${w.id}?v=1`);

test('the pages under test include every lesson and every embed', () => {
  expect(LESSONS).toEqual(expect.arrayContaining(['intro', 'densenet', 'resnext', 'shufflenet-v2', 'mnasnet', 'choosing']));
  expect(EMBEDS.length).toBeGreaterThanOrEqual(15);
});

test('the check itself catches a violation and names it', async ({ page }) => {
  await page.goto('/');
  // Added after hydration, so React does not replace them (this is the first page of the run).
  await page.waitForLoadState('networkidle');
  // Pale grey text on white, and an image without a text alternative, added to the page.
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.style.color = '#c0c0c0';
    p.textContent = 'Barely legible';
    const img = document.createElement('img');
    img.src = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';
    img.width = img.height = 16;
    document.querySelector('main')!.append(p, img);
  });
  await expect(page.getByText('Barely legible')).toBeVisible();
  const findings = await axeFindings(page);
  expect(findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['color-contrast', 'image-alt']));
  const report = formatFindings(findings);
  expect(report).toMatch(/\[serious\] color-contrast \(.+\)\n +at .+\n +Element has insufficient color contrast/);
  expect(report).toMatch(/\[critical\] image-alt /);
});

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} colour scheme`, () => {
    // The site follows the system scheme until the reader picks one (components/site/ThemeToggle.tsx);
    // embeds follow it with their default theme=auto.
    test.use({ colorScheme: scheme });

    for (const path of [...PAGES, ...EMBEDS]) {
      test(`axe finds no violation on ${path}`, async ({ page }) => {
        await page.goto(path);
        const html = page.locator('html');
        if (scheme === 'dark') await expect(html).toHaveClass(/\bdark\b/);
        else await expect(html).not.toHaveClass(/\bdark\b/);
        await scrollThrough(page);
        if (path.startsWith('/embed/')) {
          // A TensorFlow.js widget mounts once it has been in view for a moment.
          await expect(page.locator('[data-embed-root]')).not.toHaveAttribute('data-phase', 'waiting');
        }
        const findings = await axeFindings(page);
        await test.info().attach('axe-findings.json', { body: JSON.stringify(findings, null, 1), contentType: 'application/json' });
        expect(findings.length, `${path} (${scheme}): ${formatFindings(findings)}`).toBe(0);
      });
    }
  });
}
