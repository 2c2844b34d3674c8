import { buildGraph, graphCost } from '../lib/arch';
import { formatCount } from '../lib/format';
import { expect, test } from './fixtures';
import { LabPage } from './pages/LabPage';

test('a knob change updates every count from the spec and lands in the URL', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.goto('resnext50_32x4d', 'size=64');
  const base = graphCost(buildGraph('resnext50_32x4d', { size: 64 })).total;
  await expect(lab.total('Parameters')).toHaveText(formatCount(base.params));
  await expect(lab.total('MACs')).toHaveText(formatCount(base.macs));

  await lab.knob('Cardinality C').fill('8');
  await lab.knob('Bottleneck width d').fill('14');
  const custom = graphCost(buildGraph('resnext50_32x4d', { size: 64, cardinality: 8, widthPerGroup: 14 })).total;
  await expect(lab.total('Parameters')).toHaveText(formatCount(custom.params));
  await expect(lab.total('MACs')).toHaveText(formatCount(custom.macs));
  await expect(page).toHaveURL(/C=8/);
  await expect(page).toHaveURL(/d=14/);

  // Round trip: the link alone restores the same view.
  const url = page.url();
  await page.goto('/');
  await page.goto(url);
  await expect(lab.knob('Cardinality C')).toHaveValue('8');
  await expect(lab.total('MACs')).toHaveText(formatCount(custom.macs));
});

test('selecting a layer in the table is kept in the URL', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.goto('densenet121', 'size=64');
  await lab.selectLayerInTable('features.denseblock1.denselayer1.conv2');
  await expect(page).toHaveURL(/layer=features\.denseblock1\.denselayer1\.conv2/);
  await expect(lab.layerTable.getByRole('row', { selected: true })).toContainText('features.denseblock1.denselayer1.conv2');
});

test('an impossible knob value is explained and the last valid network stays', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.goto('shufflenet_v2_x1_0');
  const before = await lab.total('Parameters').textContent();
  const field = lab.knob('Stage widths');
  await field.fill('24,117,232,464,1024');
  await field.press('Enter');
  await expect(lab.knobs.getByRole('alert')).toContainText(/117/);
  await expect(lab.total('Parameters')).toHaveText(before!);
});

test('bad values in the link give a notice naming the parameter, and defaults are used', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.goto('densenet121', 'k=-3&colour=red&size=64');
  const notice = page.getByRole('status').filter({ hasText: 'Some settings in the link were not used' });
  await expect(notice).toContainText('"k" cannot be "-3"');
  await expect(notice).toContainText('Unknown parameter "colour"');
  await expect(lab.knob('Growth rate k')).toHaveValue('32');
});

test('an unknown model id is a 404 page, not a crash', async ({ request }) => {
  const res = await request.get('/models/vgg16');
  expect(res.status()).toBe(404);
  expect(await res.text()).toContain('Page not found');
});

test('/models lists every model with a link to its lab, sortable by column', async ({ page }) => {
  await page.goto('/models');
  const table = page.getByRole('table', { name: /Registered models/ });
  await expect(table.getByRole('row')).toHaveCount(24);
  await table.getByRole('button', { name: /Params/ }).click();
  await expect(table.getByRole('columnheader', { name: /Params/ })).toHaveAttribute('aria-sort', 'ascending');
  await expect(table.getByRole('row').nth(1)).toContainText('densenet_digits');
  await table.getByRole('link', { name: 'mnasnet_a1' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('mnasnet_a1');
});
