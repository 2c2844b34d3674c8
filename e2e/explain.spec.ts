import AxeBuilder from '@axe-core/playwright';
import { AXE_TAGS } from './axe';
import { CHROMIUM_ARGS, findChromium } from './browser';
import { expect, test } from './fixtures';
import { LabPage } from './pages/LabPage';
import { drawOnPad } from './pages/digit-pad';
import type { Locator, Page } from '@playwright/test';

// The Explain view (issue 16): Grad-CAM, saliency and SmoothGrad of a real run, overlaid on the
// input, on WASM and WebGL (SwiftShader here, so small inputs), with the tensor count back to
// where it was after every map, and a SmoothGrad cancelled between copies.

// Chromium's synthetic camera, granted without a prompt (the camera test; harmless for the rest).
test.use({
  launchOptions: { executablePath: findChromium(), args: [...CHROMIUM_ARGS, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'] },
});

const explainOf = (page: Page) => page.getByTestId('explain');

/** Heat pixels drawn on the overlay (alpha > 0), read back from its canvas. */
function paintedPixels(ex: Locator): Promise<number> {
  return ex
    .getByTestId('explain-overlay')
    .locator('canvas')
    .nth(1)
    .evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
      return n;
    });
}

async function openExplain(page: Page): Promise<Locator> {
  await page.getByRole('heading', { name: 'Explain the prediction' }).scrollIntoViewIfNeeded();
  const ex = explainOf(page);
  await ex.scrollIntoViewIfNeeded();
  return ex;
}

async function mapReady(ex: Locator, text: string | RegExp): Promise<void> {
  await expect(ex).toHaveAttribute('data-ready', 'true', { timeout: 120_000 });
  await expect(ex.getByTestId('explain-caption')).toContainText(text, { timeout: 120_000 });
  await expect(ex.getByTestId('explain-tensors')).toHaveAttribute('data-leaked', '0');
}

for (const backend of ['wasm', 'webgl'] as const) {
  test(`Grad-CAM over the image on ${backend}: the default layer, another class, another layer`, async ({ page }) => {
    const lab = new LabPage(page);
    await lab.goto('shufflenet_v2_x0_5', `size=64&backend=${backend}`);
    await lab.run();
    const ex = await openExplain(page);
    // The default layer is the map the classifier's global pool reads: conv5's ReLU.
    await mapReady(ex, /Grad-CAM for “.+” \(class \d+\), logit [-\d.e]+, on conv5\.2 \(1024 channels of 2×2\)/);
    await expect(ex.getByTestId('explain-caption')).toContainText(backend === 'webgl' ? 'on webgl' : 'on wasm');
    await expect(ex.getByTestId('explain-random-note')).toContainText('this map shows the architecture, not learning');
    expect(await paintedPixels(ex)).toBeGreaterThan(0);
    await ex.screenshot({ path: `/tmp/gradcam-lab-${backend}.png` });

    // The second most likely class: in the URL, and its own map.
    const second = ex.getByRole('group', { name: 'The five most likely classes' }).getByRole('button').nth(1);
    const cls = await second.getAttribute('data-class');
    await second.click();
    await expect(page).toHaveURL(new RegExp(`[?&]class=${cls}(&|$)`));
    await mapReady(ex, `(class ${cls})`);

    // Any class, found by name.
    await ex.getByLabel('Any other class').fill('tabby');
    await ex.getByRole('list', { name: 'Classes found' }).getByRole('button', { name: 'tabby (281)' }).click();
    await expect(page).toHaveURL(/[?&]class=281(&|$)/);
    await mapReady(ex, '(class 281)');

    // A layer with a finer map (8×8), from the layer picker.
    await ex.getByLabel('Layer', { exact: true }).selectOption('stage2.3.shuffle');
    await expect(page).toHaveURL(/[?&]cam=stage2\.3\.shuffle(&|$)/);
    await mapReady(ex, 'on stage2.3.shuffle (48 channels of 8×8)');
    await expect(ex.getByRole('img', { name: /at the layer's resolution, 8×8/ })).toBeVisible();
    if (backend === 'wasm') {
      await ex.screenshot({ path: '/tmp/gradcam-lab-layer.png' });
      // The view with a map, its pickers and its caveat pass axe, in the light and in the dark.
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        if (scheme === 'dark') await expect(page.locator('html')).toHaveClass(/\bdark\b/);
        else await expect(page.locator('html')).not.toHaveClass(/\bdark\b/);
        const axe = await new AxeBuilder({ page })
          .include('[data-testid="explain"]')
          .withTags([...AXE_TAGS])
          .analyze();
        expect(axe.violations.map((v) => `${scheme} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      }
      await ex.screenshot({ path: '/tmp/gradcam-lab-dark.png' });
      await page.emulateMedia({ colorScheme: 'light' });
    }

    // The opacity is display only: no new job, the count stays.
    const before = await ex.getByTestId('explain-tensors').getAttribute('data-after');
    await ex.getByLabel('Opacity', { exact: true }).fill('0.3');
    await expect(ex.getByText('Input (64×64) with the map at 30 % opacity')).toBeVisible();
    await expect(ex.getByTestId('explain-tensors')).toHaveAttribute('data-after', before!);
  });
}

test('SmoothGrad with a few copies shows its progress; a long one is cancelled and frees everything', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.goto('shufflenet_v2_x0_5', 'size=64&backend=wasm&method=smoothgrad&samples=4');
  await lab.run();
  const ex = await openExplain(page);
  await mapReady(ex, 'averaged over 4 noisy copies of the input');
  expect(await paintedPixels(ex)).toBeGreaterThan(0);
  await ex.screenshot({ path: '/tmp/gradcam-smoothgrad.png' });

  // Plain saliency from the method picker.
  await ex.getByLabel('Method', { exact: true }).selectOption('saliency');
  await expect(page).toHaveURL(/[?&]method=saliency(&|$)/);
  await mapReady(ex, 'Gradient saliency for');

  // 64 copies at a larger size: cancelled mid-way, the tensor count is back where it was.
  await lab.goto('shufflenet_v2_x0_5', 'size=160&backend=wasm&method=smoothgrad&samples=64');
  await lab.run();
  const ex2 = await openExplain(page);
  await expect(ex2.getByRole('progressbar')).toBeVisible({ timeout: 120_000 });
  await ex2.getByRole('button', { name: 'Cancel' }).click();
  await expect(ex2.getByText('Cancelled; everything the run had made was freed.')).toBeVisible();
  await expect(ex2.getByTestId('explain-tensors')).toHaveAttribute('data-leaked', '0');
});

test('the embed explains a digits model on its trained weights, and a drawn digit', async ({ page }) => {
  await page.goto('/embed/lab-explain?v=1&model=resnet_digits&backend=wasm&method=saliency&opacity=0.8');
  const ex = explainOf(page);
  await mapReady(ex, /Gradient saliency for “\d” \(class \d\)/);
  await expect(ex.getByTestId('explain-random-note')).toHaveCount(0);
  await expect(ex.getByTestId('explain-caption')).toContainText('Trained weights shipped with the site');
  await ex.screenshot({ path: '/tmp/gradcam-embed-digits.png' });
  // Grad-CAM of a drawn "7" (the pad is in the folded runner).
  await ex.getByLabel('Method', { exact: true }).selectOption('gradcam');
  await mapReady(ex, 'Grad-CAM for');
  const runner = page.getByTestId('compact-runner');
  if (!(await runner.evaluate((d) => (d as HTMLDetailsElement).open))) await runner.locator(':scope > summary').click();
  await drawOnPad(page, runner.getByTestId('digit-pad'), [
    [
      [0.25, 0.2],
      [0.75, 0.2],
      [0.45, 0.85],
    ],
  ]);
  await expect(runner.getByTestId('pad-status')).toHaveText('The model reads your drawing (1 stroke).');
  await mapReady(ex, 'Grad-CAM for');
  await ex.scrollIntoViewIfNeeded();
  await ex.screenshot({ path: '/tmp/gradcam-embed-drawn.png' });
});

test('a bad class or layer in the link gets a notice and the defaults', async ({ page }) => {
  await page.goto('/embed/lab-explain?v=1&model=resnet_digits&backend=wasm&class=42&layer=nope');
  const ex = explainOf(page);
  await mapReady(ex, 'Grad-CAM for');
  await expect(ex).toContainText('"class" cannot be 42: this model has classes 0–9');
  await expect(ex).toContainText('"layer" cannot be "nope"');
});

test('a camera frame is explained', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.goto('shufflenet_v2_x0_5', 'size=64&backend=wasm');
  await lab.runner.getByRole('button', { name: 'Use the camera' }).click();
  await lab.runner.getByRole('button', { name: 'Capture frame and run' }).click();
  await expect(page.getByTestId('top5').getByRole('listitem')).toHaveCount(5, { timeout: 120_000 });
  const ex = await openExplain(page);
  await mapReady(ex, 'Grad-CAM for');
  expect(await paintedPixels(ex)).toBeGreaterThan(0);
});
