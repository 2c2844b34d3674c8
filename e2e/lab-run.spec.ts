import { buildGraph } from '../lib/arch';
import { expect, test } from './fixtures';
import { LabPage } from './pages/LabPage';

// Small inputs and the WASM backend keep these fast on a 2-core machine with no GPU.

test('the graph starts collapsed to stages, and groups expand and collapse in place', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.goto('resnet50', 'size=64');
  const stage = lab.graphItem(/^Stage 1|^layer1/);
  await expect(stage.first()).toBeVisible();
  await expect(lab.graphItem(/^layer1\.0\.conv1,/)).toHaveCount(0);
  await stage.first().click();
  await expect(page).toHaveURL(/open=layer1/);
  const block = lab.graphItem(/^layer1\.0,|Block layer1\.0|layer1\.0 /).first();
  await block.click();
  await expect(lab.graphItem(/^layer1\.0\.conv1,/)).toBeVisible();
  // Collapse again from the frame title.
  await page.getByRole('button', { name: /expanded, .* Press Enter to collapse/ }).first().focus();
  await page.keyboard.press('Enter');
  await expect(lab.graphItem(/^layer1\.0\.conv1,/)).toHaveCount(0);
});

test('run a sample photo, then see the feature maps of a selected layer', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.goto('shufflenet_v2_x0_5', 'backend=wasm&layer=stage2.0.shuffle');
  await lab.run();
  await expect(page.getByTestId('top5').getByRole('listitem')).toHaveCount(5);
  await expect(page.getByTestId('random-weights-note')).toContainText('mean nothing');
  const maps = page.getByTestId('feature-maps');
  await expect(maps.locator('[data-channel]').first()).toBeVisible();
  const node = buildGraph('shufflenet_v2_x0_5').nodes.find((n) => n.name === 'stage2.0.shuffle')!;
  await expect(maps).toContainText(`${node.outShape[0]} channels`);
  // Choosing another layer in the table shows that layer's maps.
  await lab.selectLayerInTable('conv1.0');
  await expect(maps).toContainText('24 channels');
});

test('upload a real PNG, and a text file named .png gets a clear error', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.goto('mnasnet0_5', 'backend=wasm');
  const file = lab.runner.getByLabel('Image file');
  await file.setInputFiles('e2e/files/not-an-image.png');
  await expect(lab.runner.getByRole('alert')).toContainText(/not an image/i);
  await file.setInputFiles('e2e/files/small-cat.png');
  await expect(lab.runner).toContainText('small-cat.png (96×72)');
  await lab.run();
  await expect(page.getByTestId('top5').getByRole('listitem')).toHaveCount(5);
});

test('profile at a small size on WASM: one point per layer, labelled with its timer', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.goto('shufflenet_v2_x0_5', 'backend=wasm&psize=64');
  await lab.run();
  const cost = page.getByRole('region', { name: 'FLOPs versus time' });
  await cost.getByRole('button', { name: /^Profile/ }).click();
  await expect(cost.getByTestId('profile-summary')).toBeVisible({ timeout: 180_000 });
  const layers = buildGraph('shufflenet_v2_x0_5', { size: 64 }).nodes.length;
  await expect(cost.locator('[data-testid=time-scatter] [data-layer]')).toHaveCount(layers);
  await expect(cost.getByTestId('timer-label')).toContainText(/wall-clock/i);
  // Measured times now colour the graph and fill the layer table.
  await expect(lab.layerTable.getByRole('row').nth(1).getByRole('cell').last()).not.toHaveText('—');
});
