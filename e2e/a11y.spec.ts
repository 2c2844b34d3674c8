import { readdirSync } from 'node:fs';
import { WIDGETS } from '../lib/widgets/registry';
import { COLOUR_RULES, axeFindings, formatFindings, scrollThrough, switchScheme } from './axe';
import { expect, test } from './fixtures';

/**
 * Accessibility as axe-core judges it: every kind of page of the site, and every embed, in the light
 * and in the dark colour scheme, has no violation of WCAG 2 A/AA or of axe's best practices.
 * Widgets are given time to render first (the page is scrolled through, so lazy ones load).
 * Each page is loaded once: every rule runs in the light scheme, then the page follows the system
 * scheme to dark, live, and the colour rules run again (COLOUR_RULES: the markup is the same in
 * both schemes, only the CSS colours differ, so the other rules would judge the same nodes twice).
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

  // The dark pass runs the colour rules only: a paragraph legible on white but not on the dark
  // background is caught there, and the image without a text alternative is not judged again.
  await switchScheme(page, 'dark');
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.id = 'dark-on-dark';
    p.style.color = '#1e293b';
    p.textContent = 'Dark on dark';
    document.querySelector('main')!.append(p);
  });
  await expect(page.getByText('Dark on dark')).toBeVisible();
  const dark = await axeFindings(page, COLOUR_RULES);
  expect(dark.filter((f) => f.rule === 'color-contrast').map((f) => f.target)).toContain('#dark-on-dark');
  expect(dark.map((f) => f.rule)).not.toContain('image-alt');
});

test.describe('light, then dark colour scheme', () => {
  // The site follows the system scheme until the reader picks one (components/site/ThemeToggle.tsx),
  // live; embeds follow it with their default theme=auto (components/embed/EmbedFrame.tsx).
  test.use({ colorScheme: 'light' });

  for (const path of [...PAGES, ...EMBEDS]) {
    test(`axe finds no violation on ${path}`, async ({ page }) => {
      await page.goto(path);
      await expect(page.locator('html')).not.toHaveClass(/\bdark\b/);
      await scrollThrough(page);
      if (path.startsWith('/embed/')) {
        // A TensorFlow.js widget mounts once it has been in view for a moment.
        await expect(page.locator('[data-embed-root]')).not.toHaveAttribute('data-phase', 'waiting');
      }
      await test.step('light: every rule', async () => {
        const findings = await axeFindings(page);
        await test.info().attach('axe-findings-light.json', { body: JSON.stringify(findings, null, 1), contentType: 'application/json' });
        expect(findings.length, `${path} (light): ${formatFindings(findings)}`).toBe(0);
      });
      await test.step('dark: the colour rules', async () => {
        await switchScheme(page, 'dark');
        const findings = await axeFindings(page, COLOUR_RULES);
        await test.info().attach('axe-findings-dark.json', { body: JSON.stringify(findings, null, 1), contentType: 'application/json' });
        expect(findings.length, `${path} (dark): ${formatFindings(findings)}`).toBe(0);
      });
    });
  }
});
