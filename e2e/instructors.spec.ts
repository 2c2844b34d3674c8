import { REGISTRY } from '../lib/widgets/registry';
import { expect, test } from './fixtures';
import { InstructorsPage } from './pages/InstructorsPage';

// Copy buttons use the Clipboard API where it is allowed (and fall back to execCommand).
test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('lists every registered widget with its parameter table and embed code, and loads no example up front', async ({ page, baseURL }) => {
  const docs = new InstructorsPage(page);
  await docs.goto();
  await expect(docs.heading).toHaveText('For instructors');

  // Every widget of the registry, in its order.
  await expect(docs.widgets).toHaveCount(REGISTRY.length);
  expect(await docs.widgets.evaluateAll((els) => els.map((e) => e.getAttribute('data-widget')))).toEqual(REGISTRY.map((e) => e.meta.id));

  // Nothing is framed until it is scrolled near: fifteen embeds do not start at once.
  expect(await page.locator('iframe').count()).toBe(0);

  for (const { meta } of REGISTRY) {
    // The table's rows are exactly the schema's keys, in order.
    expect(await docs.paramNames(meta.id), meta.id).toEqual(Object.keys(meta.schema));
    // The embed code points at the embed page on this origin (swapped in after hydration).
    await expect(docs.embedCode(meta.id).locator('code')).toContainText(`src="${baseURL}/embed/${meta.id}?v=1`);
    await expect(docs.embedCode(meta.id).locator('code')).toContainText(`<script src="${baseURL}/embed.js" async></script>`);
    await expect(docs.embedLink(meta.id).locator('code')).toHaveText(`${baseURL}/embed/${meta.id}?v=1${meta.usesTfjs ? '&run=click' : ''}`);
    await expect(docs.example(meta.id)).toHaveAttribute('data-loaded', 'false');
  }

  // The parameters every embed takes, once.
  const common = await docs.commonParams.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-param')));
  expect(common).toEqual(expect.arrayContaining(['v', 'theme', 'hide', 'run', 'links', 'id', 'seed', 'backend']));

  // Every contents link has its heading.
  const targets = await docs.toc.locator('a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).hash.slice(1)));
  expect(targets.length).toBeGreaterThan(REGISTRY.length);
  for (const id of targets) await expect(page.locator(`[id="${id}"]`), id).toHaveCount(1);
});

test('every copy button copies its code and says so', async ({ page, baseURL }) => {
  const docs = new InstructorsPage(page);
  await docs.goto();
  for (const { meta } of REGISTRY) {
    const block = docs.embedCode(meta.id);
    await docs.copyButton(block).click();
    await expect(docs.copyStatus(block), meta.id).toHaveText('Copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied, meta.id).toContain(`${baseURL}/embed/${meta.id}?v=1`);
    expect(copied, meta.id).toContain('loading="lazy"');
  }
  const script = page.getByTestId('host-script');
  await docs.copyButton(script).click();
  await expect(docs.copyStatus(script)).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`<script src="${baseURL}/embed.js" async></script>`);
});

test('a live example loads when scrolled to, renders its widget and takes its reported height', async ({ page }) => {
  const docs = new InstructorsPage(page);
  await docs.goto();
  const id = 'dense-connectivity';
  await expect(docs.exampleIframe(id)).toHaveCount(0);
  await docs.example(id).scrollIntoViewIfNeeded();
  await expect(docs.example(id)).toHaveAttribute('data-loaded', 'true');
  await expect(docs.exampleIframe(id)).toHaveAttribute('loading', 'lazy');
  const frame = docs.exampleFrame(id);
  await expect(frame.locator('[data-embed-root]')).toHaveAttribute('data-widget', id);
  await expect(frame.getByText('Dense block: 15 direct connections')).toBeVisible();
  // The frame grows or shrinks to the height the embed reports (not the initial guess).
  const initial = REGISTRY.find((e) => e.meta.id === id)!.height;
  await expect.poll(async () => Math.round((await docs.exampleIframe(id).boundingBox())!.height), { timeout: 15_000 }).not.toBe(initial);
  // Examples far below are still not loaded.
  await expect(docs.example('lab-flops-vs-time')).toHaveAttribute('data-loaded', 'false');
});

test('jumping through the contents does not load the examples scrolled past', async ({ page }) => {
  const docs = new InstructorsPage(page);
  await docs.goto();
  // The site scrolls smoothly to anchors: every example flies past on the way down.
  await docs.toc.getByRole('link', { name: 'Pretrained torchvision weights' }).click();
  await expect(page).toHaveURL(/#pretrained-weights$/);
  await expect.poll(() => page.evaluate(() => window.scrollY), { timeout: 10_000 }).toBeGreaterThan(10_000);
  await page.waitForTimeout(1500);
  await expect(page.locator('[data-testid="live-example"][data-loaded="true"]')).toHaveCount(0);
  await expect(page.locator('iframe')).toHaveCount(0);
});

test('a TensorFlow.js example waits for a click (run=click)', async ({ page }) => {
  const docs = new InstructorsPage(page);
  await docs.goto();
  const id = 'channel-shuffle';
  await docs.example(id).scrollIntoViewIfNeeded();
  const frame = docs.exampleFrame(id);
  await expect(frame.locator('[data-embed-root]')).toHaveAttribute('data-phase', 'click-to-start');
  await expect(frame.getByRole('button', { name: 'Start' })).toBeVisible();
});

test('fits a 390 px screen, header included, and is reachable from the header', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Site' });
  await nav.getByRole('link', { name: 'Instructors' }).click();
  await expect(page).toHaveURL(/\/instructors$/);
  const docs = new InstructorsPage(page);
  await expect(docs.heading).toHaveText('For instructors');
  expect(await docs.overflow()).toBe(0);
  // Every header item is inside the screen.
  for (const el of await page.locator('header a, header button').all()) {
    const box = await el.boundingBox();
    if (box) expect(box.x + box.width).toBeLessThanOrEqual(390);
  }
  // Scrolled through the widgets (their tables scroll in their own boxes), still no overflow.
  await docs.widget('search-space').scrollIntoViewIfNeeded();
  expect(await docs.overflow()).toBe(0);
});
