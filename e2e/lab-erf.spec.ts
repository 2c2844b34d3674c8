import { expect, test } from './fixtures';
import { EmbedPage } from './pages/EmbedPage';
import { LabPage } from './pages/LabPage';
import type { Page } from '@playwright/test';
import { axeFindings, formatFindings } from './axe';
import { effectiveFieldPasses } from '../lib/explain/effective-rf';

/**
 * Issue 16, "click a cell, see its field": a feature-map cell's theoretical field drawn on the
 * input image, its effective field (the input gradient) computed as a job and shown as a heat map
 * with its extent and ratio, the selection in the URL, and the tensor count back at its baseline.
 * ERF_SCREENSHOTS=dir saves what the tests saw (looked at by hand; never compared).
 */

const count = (page: Page) => page.evaluate(() => (window as unknown as { __layerwiseLab?: { numTensors(): number } }).__layerwiseLab?.numTensors() ?? -1);

async function shot(page: Page, name: string) {
  const dir = process.env.ERF_SCREENSHOTS;
  if (dir) await page.getByTestId('feature-maps').screenshot({ path: `${dir}/erf-${name}.png` });
}

test('WASM: click a cell, see its theoretical field, its effective field and the ratio; tensors back to baseline', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.goto('shufflenet_v2_x0_5', 'backend=wasm&size=64&layer=stage3.0.concat');
  await lab.run();
  const maps = page.getByTestId('feature-maps');
  const tile = maps.locator('li [data-channel="5"]');
  await expect(tile).toBeVisible();

  // stage3.0.concat is 4×4 at 64 px: the click at the tile's lower right quarter is cell (3, 3).
  const box = (await tile.boundingBox())!;
  await tile.click({ position: { x: box.width * 0.9, y: box.height * 0.9 } });
  await expect(page).toHaveURL(/channel=5&cell=3%2C3|channel=5&cell=3,3/);
  const image = maps.getByTestId('field-image');
  await expect(image.locator('[data-mark="theoretical"]')).toHaveCount(1);
  await expect(tile.locator('[data-mark="selected"]')).toHaveCount(1);
  const readout = maps.getByTestId('erf-readout');
  await expect(readout).toContainText(
    /Effective field of channel 5, cell \(3, 3\) of stage3\.0\.concat: 95% of the gradient lies within \d+×\d+ px, [\d.]+ of the theoretical \d+×\d+ px/,
    {
      timeout: 60_000,
    },
  );
  const ratio = Number(await readout.getAttribute('data-ratio'));
  expect(ratio).toBeGreaterThan(0);
  expect(ratio).toBeLessThanOrEqual(1);
  await expect(image.getByTestId('erf-heat')).toBeVisible();
  await expect(image.locator('[data-mark="effective"]')).toHaveCount(1);
  await expect(maps.getByTestId('field-numbers')).toContainText('Effective ÷ theoretical');
  await expect(maps.getByTestId('erf-random')).toContainText('shows what the architecture does, not what a network learned');
  // The job's own tensor check, and the page's count: back at what it was when the job started
  // (the model and the input; other widgets' jobs, Grad-CAM below, run before or after it).
  await expect(maps.getByTestId('erf-tensors')).toHaveAttribute('data-leaked', '0');
  const baseline = Number(await maps.getByTestId('erf-tensors').getAttribute('data-before'));
  expect(baseline).toBeGreaterThan(0);
  await expect.poll(() => count(page)).toBe(baseline);
  await shot(page, 'wasm-click');
  // The selected cell's marks, read-out, legends and controls, as axe judges them.
  expect(formatFindings(await axeFindings(page))).toBe('no violations');

  // The keyboard: focus channel 5's tile, move the cursor up and left, select with Enter.
  await tile.focus();
  await expect(maps.getByTestId('cell-cursor')).toContainText('Channel 5, cell (3, 3)');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowLeft');
  await expect(maps.getByTestId('cell-cursor')).toContainText('Channel 5, cell (2, 2)');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/cell=2%2C2|cell=2,2/);
  await expect(readout).toContainText('cell (2, 2) of stage3.0.concat: 95%', { timeout: 60_000 });
  await expect.poll(() => count(page)).toBe(baseline);
});

test('a link reproduces the selection, and a cell the layer lacks gets a clear message', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.goto('mnasnet0_5', 'backend=wasm&size=64&layer=layers.9.0.layers.5&channel=7&cell=1,2');
  await lab.run();
  const maps = page.getByTestId('feature-maps');
  await expect(maps.getByTestId('field-readout')).toContainText('Channel 7, cell (1, 2) of layers.9.0.layers.5');
  // Computed by itself from the link (or, for a unit its ReLU zeroed, said to have no gradient).
  await expect(maps.getByTestId('erf-readout')).toContainText(/95% of the gradient lies within|its gradient is zero everywhere/, { timeout: 60_000 });
  await expect(maps.getByTestId('erf-tensors')).toHaveAttribute('data-leaked', '0');

  await lab.goto('mnasnet0_5', 'backend=wasm&size=64&layer=layers.9.0.layers.5&channel=7&cell=9,9');
  await expect(page.getByRole('status').filter({ hasText: 'The cell in the link was not used' })).toContainText(
    '"cell" cannot be 9,9 in layers.9.0.layers.5: its maps are 8×8 (rows 0–7, columns 0–7); only channel 7 is selected.',
  );
});

test('WebGL, a digits model with its trained weights, on a digit drawn on the pad', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.goto('resnet_digits', 'backend=webgl&layer=layer2.0.conv3');
  // A 1: drawing needs no press of Run.
  await lab.draw([
    [
      [0.5, 0.15],
      [0.5, 0.85],
    ],
  ]);
  await expect(page.getByTestId('top5').getByRole('listitem')).toHaveCount(5, { timeout: 120_000 });
  const maps = page.getByTestId('feature-maps');
  const tile = maps.locator('li [data-channel="3"]');
  await expect(tile).toBeVisible({ timeout: 60_000 });
  // layer2.0.conv3 is 7×7: the tile's centre is cell (3, 3).
  await tile.click();
  await expect(page).toHaveURL(/channel=3&cell=3%2C3|channel=3&cell=3,3/);
  const readout = maps.getByTestId('erf-readout');
  await expect(readout).toContainText(/Effective field of channel 3, cell \(3, 3\) of layer2\.0\.conv3: 95% of the gradient lies within \d+×\d+ px/, {
    timeout: 120_000,
  });
  await expect(maps.getByTestId('field-readout')).toContainText('Ran on WebGL');
  await expect(maps.getByTestId('erf-random')).toHaveCount(0);
  await expect(maps.getByTestId('erf-tensors')).toHaveAttribute('data-leaked', '0');
  const baseline = Number(await maps.getByTestId('erf-tensors').getAttribute('data-before'));
  await expect.poll(() => count(page)).toBe(baseline);
  await shot(page, 'webgl-digit');
});

test('the feature-maps embed takes the cell from its link too', async ({ page }) => {
  await page.goto(EmbedPage.path('lab-feature-maps', 'backend=wasm&model=shufflenet_v2_x0_5&layer=stage2.0.shuffle&channel=2&cell=1,1'));
  const maps = page.getByTestId('feature-maps');
  await expect(maps.getByTestId('field-readout')).toContainText('Channel 2, cell (1, 1) of stage2.0.shuffle', { timeout: 120_000 });
  await expect(maps.getByTestId('field-image').locator('[data-mark="theoretical"]')).toHaveCount(1);
  await expect(maps.getByTestId('erf-readout')).toContainText(/95% of the gradient lies within|its gradient is zero everywhere/, { timeout: 120_000 });
  await expect(maps.getByTestId('erf-tensors')).toHaveAttribute('data-leaked', '0');
});

test('a long effective field asks first (ResNeXt-101 on WASM): Cancel computes nothing, the theoretical field stays', async ({ page }) => {
  // On the page's own threads (one per core): the guard counts the field as effectiveFieldPasses
  // forward passes at the run's measured speed, so it asks once that passes 5 s; 34 G MACs at 320
  // px take far more than the 5 s ÷ 14 passes a two-thread run would have to beat.
  const lab = new LabPage(page);
  await lab.goto('resnext101_32x8d', 'backend=wasm&size=320&layer=layer4.2.relu3');
  const threads = await page.evaluate(() => (self.crossOriginIsolated ? Math.min(navigator.hardwareConcurrency || 1, 8) : 1));
  // 34 G MACs at 320 px: the run itself asks first (lab-run.spec.ts).
  await lab.runner.getByRole('button', { name: /^Run/ }).click();
  await lab.runner.getByTestId('run-confirm').getByRole('button', { name: 'Run anyway' }).click();
  await expect(page.getByTestId('top5').getByRole('listitem')).toHaveCount(5, { timeout: 180_000 });
  const maps = page.getByTestId('feature-maps');
  const tile = maps.locator('li [data-channel="0"]');
  await expect(tile).toBeVisible({ timeout: 120_000 });
  await tile.click();
  // 34 G MACs × the field's passes at the speed the run measured: well over 5 s.
  const confirm = maps.getByTestId('run-confirm');
  await expect(confirm).toContainText(
    new RegExp(
      `^This will take about [\\d.]+ (s|min) on WebAssembly \\(3\\d\\.\\d G MACs × ${effectiveFieldPasses(threads)} passes, at the speed measured on this page\\)\\. Compute it anyway\\?`,
    ),
  );
  await expect(maps.getByTestId('field-image').locator('[data-mark="theoretical"]')).toHaveCount(1);
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(maps.getByTestId('erf-heat')).toHaveCount(0);
  await expect(maps.getByTestId('erf-readout')).toContainText(
    /^Theoretical field of channel 0, cell \(\d, \d\) of layer4\.2\.relu3: 320×320 px on the image\.$/,
  );
});
