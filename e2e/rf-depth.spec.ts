import { expect, test } from './fixtures';
import { EmbedPage } from './pages/EmbedPage';
import { LessonPage } from './pages/LessonPage';
import type { Locator } from '@playwright/test';

/** The receptive-field-against-depth widget (components/widgets/rf/RfDepth.tsx) in the intro lesson and its embed. */

async function checkWidget(root: Locator) {
  const chart = root.getByTestId('rf-depth-chart');
  const readout = root.getByTestId('rf-depth-readout');
  await expect(root.locator('[data-curve]')).toHaveCount(5);
  await expect(root.getByText('ResNet-50: 427 px at layer 49; the whole image from layer 36')).toBeVisible();

  // Keyboard: focus the chart, walk the picked curve (ResNet-50 by default), change architecture.
  await chart.focus();
  await chart.press('ArrowRight');
  await expect(readout).toHaveText('ResNet-50, layer 1 (conv1, conv 7x7/2): receptive field 7×7 px, jump 2, after 118 M MACs');
  await chart.press('End');
  await expect(readout).toContainText('ResNet-50, layer 49 (layer4.2.conv3, conv 1x1/1): receptive field 427×427 px, the whole image');
  await chart.press('ArrowUp');
  await expect(readout).toContainText('ResNeXt-50 (32×4d), layer 49');
  await expect(root.getByLabel('Architecture', { exact: true })).toHaveValue('resnext50_32x4d');
  await chart.press('Home');
  await expect(readout).toContainText('ResNeXt-50 (32×4d), layer 1 (conv1');

  // Hover: the point under the mouse is read out (DenseNet-121's last layer, top right in linear scale).
  await root.getByLabel('Architecture', { exact: true }).selectOption('densenet121');
  const path = root.locator('[data-curve="densenet121"] path');
  // The mouse can only hover what is on screen: an embed's chart can sit below the fold.
  await path.scrollIntoViewIfNeeded();
  // Hover again until it reads: the choice above re-renders the chart and resets the read-out.
  await expect
    .poll(async () => {
      const box = (await path.boundingBox())!;
      await root.page().mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await root.page().mouse.move(box.x + box.width - 1, box.y + 1);
      return readout.textContent();
    })
    .toContain('DenseNet-121, layer 120');
  await expect(readout).toContainText('2071×2071 px');
  await expect(root.getByTestId('rf-depth-active')).toHaveCount(1);

  // The MACs axis: same curves, the horizontal axis relabelled.
  await root.getByLabel('Horizontal axis', { exact: true }).selectOption('macs');
  await expect(root.getByText('multiply–accumulates up to this layer (log)')).toBeVisible();
}

test('rf-depth in the intro lesson: five curves, keyboard, hover, MACs axis', async ({ page }) => {
  const lesson = new LessonPage(page);
  await page.goto('/lessons/intro');
  const root = page.getByRole('region', { name: 'Receptive field against depth' });
  await root.scrollIntoViewIfNeeded();
  await expect(page.locator('[data-lesson-widget]').filter({ has: root })).toHaveAttribute('data-hydrated', '', { timeout: 60_000 });
  await expect(lesson.heading).toBeVisible();
  await checkWidget(root);
});

test('rf-depth embed: renders from its URL and answers the keyboard', async ({ page }) => {
  await page.goto(EmbedPage.path('rf-depth', 'size=128&model=mnasnet1_0&layer=52'));
  const embed = new EmbedPage(page);
  await expect(embed.root).not.toHaveAttribute('data-phase', 'waiting');
  const root = embed.widget;
  await expect(root.getByTestId('rf-depth-readout')).toContainText('MnasNet 1.0, layer 52');
  await expect(root.getByText('the whole image (128 px)')).toBeVisible();
  await page.goto(EmbedPage.path('rf-depth'));
  await checkWidget(embed.widget);
});

test('the lab layer table has an RF column, sortable, with the whole image on top', async ({ page }) => {
  await page.goto('/models/resnet50');
  const table = page.getByRole('table', { name: /Layers of resnet50/ });
  await expect(table.getByRole('row').filter({ hasText: 'conv 7x7/2' }).first()).toContainText('7×7 · jump 2');
  await table.getByRole('button', { name: /^RF/ }).click();
  await table.getByRole('button', { name: /^RF/ }).click();
  await expect(table.getByRole('columnheader', { name: /RF/ })).toHaveAttribute('aria-sort', 'descending');
  await expect(table.getByRole('row').nth(1)).toContainText('whole image');
});
