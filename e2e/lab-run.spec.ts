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
  await page
    .getByRole('button', { name: /expanded, .* Press Enter to collapse/ })
    .first()
    .focus();
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

test('profile at a small size on WASM: one point per step of the fused forward, labelled with its timer', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.goto('shufflenet_v2_x0_5', 'backend=wasm&psize=64');
  await lab.run();
  const cost = page.getByRole('region', { name: 'FLOPs versus time' });
  await cost.getByRole('button', { name: /^Profile/ }).click();
  await expect(cost.getByTestId('profile-summary')).toBeVisible({ timeout: 180_000 });
  // Fewer points than nodes: BN and ReLU run inside their conv's step.
  const nodes = buildGraph('shufflenet_v2_x0_5', { size: 64 }).nodes.length;
  const steps = await cost.locator('[data-testid=time-scatter] [data-layer]').count();
  expect(steps).toBeGreaterThan(nodes / 3);
  expect(steps).toBeLessThan(nodes);
  await expect(cost.getByTestId('layer-table').locator('[data-row-layer]')).toHaveCount(steps);
  await expect(cost.getByTestId('timer-label')).toContainText(/wall-clock/i);
  // Measured times now colour the graph and fill the layer table.
  await expect(lab.layerTable.getByRole('row').nth(1).getByRole('cell').last()).not.toHaveText('—');
});

test('a network too big for the backend is refused with its numbers, before any weights are made', async ({ page }) => {
  // 3.65 × 10¹² parameters (issue 12): pressing Run used to freeze the tab.
  await page.goto('/models/resnext50_32x4d?size=512&C=256&d=512&layers=64,64,64,64');
  const lab = new LabPage(page);
  await lab.runner.getByRole('button', { name: /^Run/ }).click();
  const refused = lab.runner.getByTestId('run-refused');
  await expect(refused).toContainText(/This network is too big to run on .+: 3\.65 T params take 14\.6 TB of weights .* Choose smaller settings\./, {
    timeout: 60_000,
  });
  await expect(page.getByTestId('top5')).toHaveCount(0);
  // The page still answers, and nothing was built.
  expect(await page.evaluate(() => window.__layerwiseLab!.numTensors())).toBeLessThan(10);
  await expect(lab.runner.getByRole('button', { name: /^Run/ })).toBeEnabled();
});

test('a long run asks first: Cancel runs nothing, Run anyway runs', async ({ page }) => {
  // resnext101_32x8d: 16.5 G MACs × (warm-up + timed pass) at the cautious 5 M MACs/ms of WebAssembly ≈ 6.6 s.
  const lab = new LabPage(page);
  await lab.goto('resnext101_32x8d', 'backend=wasm');
  await lab.runner.getByRole('button', { name: /^Run/ }).click();
  const confirm = lab.runner.getByTestId('run-confirm');
  await expect(confirm).toContainText(
    /^This will take about [\d.]+ s on WebAssembly \(16\.\d G MACs × 2 passes, at a cautious guess of its speed\)\. Run anyway\?/,
    { timeout: 60_000 },
  );
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(page.getByTestId('top5')).toHaveCount(0);
  await lab.runner.getByRole('button', { name: /^Run/ }).click();
  await lab.runner.getByTestId('run-confirm').getByRole('button', { name: 'Run anyway' }).click();
  await expect(page.getByTestId('top5').getByRole('listitem')).toHaveCount(5, { timeout: 180_000 });
  // Agreed once for this model and backend: running again does not ask again.
  await lab.runner.getByRole('button', { name: 'Run again' }).click();
  await expect(lab.runner.getByTestId('run-confirm')).toHaveCount(0);
  await expect(lab.runner.getByRole('button', { name: 'Run again' })).toBeEnabled({ timeout: 180_000 });
});
