/**
 * Learned features (issue 14): the DenseNet lesson's reuse widget shows the trained network by
 * default (the Fig. 5 heat map from the shipped weights, then real maps of a test digit), random
 * weights only as a labelled choice; the lab's "what each architecture learned" comparison runs
 * the five digits models, one row each, from the keyboard, and frees every tensor. No console error
 * (the fixture fails the test on any).
 */
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { DenseNetLessonPage } from './pages/DenseNetLessonPage';

/** The seed the shipped densenet_digits training started from (its record): the heat map's "before training". */
const REUSE_TRAINING_SEED: number = JSON.parse(readFileSync('public/weights/digits/densenet_digits.json', 'utf8')).training.seed;

test('DenseNet lesson: the reuse widget shows the trained network by default, random weights as a labelled choice', async ({ page }) => {
  test.setTimeout(90_000);
  const lesson = new DenseNetLessonPage(page);
  await lesson.open();
  const w = lesson.reuse;
  await w.root.scrollIntoViewIfNeeded();
  await expect(w.select('Network')).toHaveValue('digits');
  await expect(w.select('Weights')).toHaveValue('trained');
  // Fig. 5 from the trained file, next to random weights, before anything runs: three blocks each.
  await expect(page.getByTestId('reuse-heatmap-trained').getByRole('img', { name: /trained weights:/ })).toHaveCount(3);
  await expect(
    page.getByTestId('reuse-heatmap-random').getByRole('img', { name: new RegExp(`random weights \\(seed ${REUSE_TRAINING_SEED}\\):`) }),
  ).toHaveCount(3);
  await expect(page.getByTestId('reuse-column')).toContainText('Block 1, trained: H4 weights');

  await w.select('Backend').selectOption('wasm');
  await w.button('Run the network').click();
  await expect(w.root.getByRole('status').filter({ hasText: 'Done' })).toContainText(', trained weights.', { timeout: 60_000 });
  // Test image 0 is a 1 (lib/data/digits split); the shipped weights (≥ 97% on the test split) read it, with no random-weights caveat.
  await expect(w.root.getByTestId('reuse-prediction')).toHaveText(/^The network reads test digit 0 as 1 \(\d+(\.\d)?%\)\.$/);
  const checks = w.root.getByTestId('band-check');
  await expect(checks).toHaveCount(4);
  for (const t of await checks.allTextContents()) expect(t).toMatch(/^identical to .* \(max \|Δ\| = 0\)$/);
  await expect(w.root.getByTestId('band-weight')).toHaveCount(4);
  await expect(w.root.getByRole('img', { name: /^H3, channel 12/ })).toBeVisible();
  expect(await w.leaked()).toBe(0);

  // Random weights: chosen, labelled, and the prediction says it means nothing.
  await w.select('Weights').selectOption('random');
  await expect(w.root.getByRole('status').filter({ hasText: 'Done' })).toContainText(', random weights (seed 0).', { timeout: 60_000 });
  await expect(w.root.getByTestId('reuse-prediction')).toContainText('with random weights that means nothing');
  expect(await w.leaked()).toBe(0);
});

test('lab: what each architecture learned, five rows from the keyboard, every tensor freed', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/models/resnet_digits');
  const link = page.getByTestId('compare-digits-link');
  await expect(link).toHaveAttribute('href', '/models/compare-digits?digit=0');

  await page.goto('/models/compare-digits?backend=wasm&digit=0');
  const frame = page.getByRole('region', { name: 'What each architecture learned' });
  // The spec's numbers are there before anything runs.
  const rows = frame.getByTestId('compare-row');
  await expect(rows).toHaveCount(5);
  await expect(rows.filter({ hasText: 'densenet_digits' })).toContainText('102 k');
  // The test digits arrive, then the run starts from the keyboard.
  await expect(frame.getByRole('radiogroup', { name: 'Test digits' })).toBeVisible({ timeout: 30_000 });
  await frame.getByRole('button', { name: 'Compare the 5 models' }).focus();
  await page.keyboard.press('Enter');
  await expect(frame.locator('[data-testid=compare-row][data-done]')).toHaveCount(5, { timeout: 60_000 });
  for (const id of ['densenet_digits', 'resnext_digits', 'resnet_digits', 'shufflenet_v2_digits', 'mnasnet_digits']) {
    const row = frame.locator(`[data-testid=compare-row][data-model=${id}]`);
    // Every shipped model reads test digit 0, a 1.
    await expect(row.getByTestId('compare-prediction')).toHaveText(/^1 \d+(\.\d)?%.*trained \(\d+(\.\d)?% on the test digits\)$/);
    await expect(row.getByRole('group', { name: new RegExp(`^${id}: the 8 most active channels`) }).getByRole('img')).toHaveCount(8);
  }
  await expect(frame.getByRole('status').filter({ hasText: 'Done' })).toContainText('5 models');
  expect(Number(await frame.locator('[data-leaked]').first().getAttribute('data-leaked'))).toBe(0);
  // Another stage re-runs by itself; each row then shows that stage.
  await frame.getByLabel('Feature maps of').selectOption('first');
  await expect(frame.locator('[data-testid=compare-row][data-done]')).toHaveCount(5, { timeout: 60_000 });
  await expect(frame.locator('[data-testid=compare-row][data-model=densenet_digits]')).toContainText('Dense block 1 (stage 1 of 3) · 72×28×28');
});
