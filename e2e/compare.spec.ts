import { buildGraph, graphCost } from '../lib/arch';
import { formatCount } from '../lib/format';
import { expect, test } from './fixtures';

test('measure several models in one run and compare the rankings by MACs and by time', async ({ page }) => {
  await page.goto('/compare?models=shufflenet_v2_x0_5,mnasnet0_5,shufflenet_v2_x1_0&size=64&backend=wasm&runs=2');
  await page.getByRole('button', { name: 'Measure 3 models' }).click();
  const rows = page.locator('tr[data-model]');
  await expect(rows).toHaveCount(3, { timeout: 120_000 });
  for (const id of ['shufflenet_v2_x0_5', 'mnasnet0_5', 'shufflenet_v2_x1_0']) {
    const macs = graphCost(buildGraph(id, { size: 64 })).total.macs;
    // The MACs column comes from the spec at the measured size.
    await expect(page.locator(`tr[data-model="${id}"]`).getByRole('cell').first()).toHaveText(formatCount(macs));
  }
  await expect(page.getByTestId('ranking-summary')).toContainText('Kendall τ');
  await expect(page.getByRole('status')).toContainText('WebAssembly');
  // The paper's two devices are charted beside it.
  await expect(page.getByRole('img', { name: /Table 8: GPU time/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /Table 8: ARM time/ })).toBeVisible();
});

test('a measurement can be cancelled', async ({ page }) => {
  await page.goto('/compare?models=resnet50,densenet121&size=224&backend=wasm&runs=10');
  await page.getByRole('button', { name: 'Measure 2 models' }).click();
  // 11 passes each of 4.1 + 2.9 G MACs: long enough to be asked first (the run guard).
  const confirm = page.getByTestId('run-confirm');
  await expect(confirm).toContainText(
    /^This will take about [\d.]+ s on WebAssembly \(\d\.\d\d G MACs × 11 passes, at a cautious guess of its speed\)\. Measure anyway\?/,
  );
  await confirm.getByRole('button', { name: 'Measure anyway' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('status')).toContainText('Cancelled', { timeout: 120_000 });
  await expect(page.getByRole('button', { name: 'Measure 2 models' })).toBeEnabled();
});
