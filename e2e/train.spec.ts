import { readFileSync } from 'node:fs';
import { STATIC_PORT } from '../playwright.config';
import { axeFindings, formatFindings } from './axe';
import { expect, test } from './fixtures';
import { LabPage } from './pages/LabPage';
import { TrainPage } from './pages/TrainPage';

/**
 * The training lab, /train: its settings live in the URL (the configuration, never the weights),
 * and a bad value gets a notice and its default.
 */
test.describe.configure({ timeout: 240_000 });

test('the settings come from the URL, go back into it, and a bad value gets a notice and its default', async ({ page }) => {
  const lab = new TrainPage(page);
  await lab.goto('models=resnet_digits,mnasnet_digits&opt=adam&lr=0.002&batch=16&steps=fast');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Train a network on digits');
  await expect(lab.notices).toContainText('"steps" cannot be "fast"');
  await expect(lab.model('resnet_digits')).toBeChecked();
  await expect(lab.model('mnasnet_digits')).toBeChecked();
  await expect(lab.model('densenet_digits')).not.toBeChecked();
  await expect(lab.setting('Optimizer')).toHaveValue('adam');
  await expect(lab.setting('Learning rate')).toHaveValue('0.002');
  await expect(lab.setting('Steps')).toHaveValue('300');
  // Adam's own settings are shown, SGD's are not.
  await expect(lab.setting('Adam β₁')).toBeVisible();
  await expect(lab.setting('Momentum')).toHaveCount(0);

  // The checkbox follows the URL (router.replace), a moment after the click.
  await lab.model('densenet_digits').click();
  await expect(lab.model('densenet_digits')).toBeChecked();
  await lab.setting('Batch size').fill('32');
  await expect(page).toHaveURL(/models=densenet_digits%2Cresnet_digits%2Cmnasnet_digits/);
  await expect(page).toHaveURL(/batch=32/);
  await page.reload();
  await expect(lab.setting('Batch size')).toHaveValue('32');
  await expect(lab.model('densenet_digits')).toBeChecked();
});

test('the site navigation leads to /train', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Train' }).click();
  await expect(page).toHaveURL(/\/train$/);
  await expect(new TrainPage(page).model('densenet_digits')).toBeChecked();
});

/**
 * A model that learns digits in a short run on WASM: resnet_digits, Adam at 3e-3, 150 steps of 16
 * (about 0.2 s a step here). Measured with the same trainer (`arch train resnet_digits --optimizer
 * adam --lr 0.003 --batch 16 --steps 150`): 78.6% on the whole test split, so the test asks for at
 * least 50% (chance is 10%).
 */
const LEARN = { id: 'resnet_digits', steps: 150, query: 'models=resnet_digits&backend=wasm&opt=adam&lr=0.003&batch=16&steps=150&evalEvery=75' };
const LEARNT_AT_LEAST = 0.5;

/** The header of a .safetensors file: 8 bytes of little-endian length, then that much JSON. */
function safetensorsHeader(bytes: Buffer): Record<string, { dtype: string; shape: number[] }> {
  const n = Number(bytes.readBigUInt64LE(0));
  const header = JSON.parse(bytes.subarray(8, 8 + n).toString('utf8')) as Record<string, { dtype: string; shape: number[] }>;
  delete header.__metadata__;
  return header;
}

test('a ResNet learns digits on WASM: the curves grow, pause and resume, test accuracy well above chance, the weights download, reset frees every tensor', async ({
  page,
}) => {
  const lab = new TrainPage(page);
  await lab.goto(LEARN.query);
  // TensorFlow.js is not loaded until Train is pressed (its hook appears with it).
  expect(await lab.numTensors()).toBe(-1);
  await lab.button('Train').click();
  // The dataset loads, the first step warms up, then the steps come in.
  await expect.poll(() => lab.step(), { timeout: 120_000 }).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('backend-used')).toHaveAttribute('data-backend', 'wasm');

  // Pause: the step in flight finishes, then nothing moves.
  await lab.button('Pause').click();
  await expect(lab.controls).toHaveAttribute('data-phase', 'paused');
  const at = await lab.step();
  expect(at).toBeLessThan(LEARN.steps);
  await page.waitForTimeout(1500);
  expect(await lab.step()).toBe(at);
  await expect(page.getByRole('progressbar', { name: 'Training progress' })).toBeVisible();

  // Resume: on to the planned steps, then the whole test split.
  await lab.button('Resume').click();
  await expect(lab.controls).toHaveAttribute('data-phase', 'done', { timeout: 180_000 });
  expect(await lab.step()).toBe(LEARN.steps);
  await expect(page.getByTestId('loss-curve')).toHaveAttribute('data-points', String(LEARN.steps));
  // Test points after 75 and 150 steps, on the fixed 500-image subset.
  await expect(page.getByTestId('accuracy-curve')).toHaveAttribute('data-evals', '2');
  await expect(lab.testAccuracy).toHaveAttribute('data-full', '1');
  await expect(lab.testAccuracy).toContainText('whole test split (2,000 images)');
  const accuracy = Number(await lab.testAccuracy.getAttribute('data-accuracy'));
  test.info().annotations.push({ type: 'test accuracy', description: `resnet_digits, 150 steps of 16 (Adam 3e-3) on WASM: ${accuracy}` });
  // It learnt: far above chance (10%) on the 2,000 test digits, and nothing to excuse (its BatchNorm settles in 10 steps).
  expect(accuracy).toBeGreaterThanOrEqual(LEARNT_AT_LEAST);
  expect(accuracy).toBeLessThanOrEqual(1);
  await expect(page.getByTestId('bn-caveat')).toHaveCount(0);

  // What it learnt: a confusion matrix over the 2,000 test digits and the misclassified ones.
  const matrix = page.getByRole('table', { name: /Confusion matrix: the whole test split \(2,000 images\) after 150 steps/ });
  await expect(matrix.locator('tbody tr')).toHaveCount(10);
  const misclassified = page.getByTestId('misclassified');
  expect(Number(await misclassified.getAttribute('data-count'))).toBe(Math.round((1 - accuracy) * 2000));
  await expect(page.getByTestId('feature-maps').locator('[data-channel]').first()).toBeVisible();
  // Everything a training adds (curves, stats, feature maps, matrix, digits) passes axe too.
  const findings = await axeFindings(page);
  expect(findings.length, formatFindings(findings)).toBe(0);

  // The weights: the whole state_dict in torchvision keys, num_batches_tracked as I64.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-weights').click()]);
  expect(download.suggestedFilename()).toBe('resnet_digits-digits-150steps.safetensors');
  const file = test.info().outputPath('weights.safetensors');
  await download.saveAs(file);
  const header = safetensorsHeader(readFileSync(file));
  const tracked = Object.entries(header).filter(([k]) => k.endsWith('.num_batches_tracked'));
  expect(tracked.length).toBeGreaterThan(0);
  for (const [, t] of tracked) expect(t.dtype).toBe('I64');
  expect(Object.keys(header)).toContain('fc.weight');

  // Reset: every model freed, tfjs' count back to what it was before the first step (nothing else on the page holds tensors).
  expect(await lab.numTensors()).toBeGreaterThan(0);
  await lab.button('Reset').click();
  await expect(lab.controls).toHaveAttribute('data-phase', 'idle');
  await expect.poll(() => lab.numTensors()).toBe(0);
  await expect(lab.button('Train')).toBeEnabled();

  // The downloaded file, uploaded in the model lab, gives the same test accuracy on the same 2,000 digits.
  const model = new LabPage(page);
  await model.goto(LEARN.id, 'backend=wasm');
  await model.run();
  await model.weightsFile('trained').setInputFiles(file);
  await expect(model.runner.getByText(/^Loaded: /)).toHaveText('Loaded: weights.safetensors', { timeout: 120_000 });
  expect(await model.runTestAccuracy()).toBe(accuracy);
});

test('"Open in the model lab" hands the trained weights over: the lab loads them and measures the same test accuracy', async ({ page }) => {
  const lab = new TrainPage(page);
  await lab.goto('models=mnasnet_digits&backend=wasm&batch=16&steps=6&evalEvery=6&seed=3');
  await lab.button('Train').click();
  await expect(lab.controls).toHaveAttribute('data-phase', 'done', { timeout: 180_000 });
  const accuracy = Number(await lab.testAccuracy.getAttribute('data-accuracy'));
  // MnasNet's BatchNorm (torchvision's momentum 1 - 0.9997) barely moves in 6 steps: the page says why its test accuracy stays near chance.
  await expect(page.getByTestId('bn-caveat')).toContainText(
    "mnasnet_digits's BatchNorm momentum is 0.0003 (torchvision's mnasnet.py: _BN_MOMENTUM = 1 - 0.9997)",
  );
  await expect(page.getByTestId('bn-caveat')).toContainText('≈ 3,333 steps. In 6 steps they move only 0.18% of the way');
  await page.getByTestId('open-in-lab').click();
  await expect(page).toHaveURL(/\/models\/mnasnet_digits\?trained=[a-z0-9]+-[a-z0-9]+&backend=wasm$/);
  const model = new LabPage(page);
  await expect(page.getByTestId('trained-notice')).toContainText('(mnasnet_digits, 6 steps, seed 3)');
  await expect(model.runner.getByText(/^Loaded: /)).toHaveText('Loaded: mnasnet_digits, 6 steps, seed 3 (trained).safetensors', { timeout: 120_000 });
  expect(await model.runTestAccuracy()).toBe(accuracy);
});

test('a WebGL context lost mid-training stops it with a notice and keeps the curves', async ({ page }) => {
  const lab = new TrainPage(page);
  await lab.goto('models=mnasnet_digits&backend=webgl&batch=4&steps=30&evalEvery=30');
  await lab.button('Train').click();
  await expect.poll(() => lab.step(), { timeout: 180_000 }).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('backend-used')).toHaveAttribute('data-backend', 'webgl');
  expect(await page.evaluate(() => globalThis.__layerwiseTrain!.loseWebGLContext())).toBe(true);
  await expect(lab.controls).toHaveAttribute('data-phase', 'failed');
  await expect(lab.controls.getByRole('alert')).toContainText(/WebGL stopped working .*Training stopped; the curves so far are kept/);
  const steps = await lab.step();
  expect(steps).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('loss-curve')).toHaveAttribute('data-points', String(steps));
  // The weights were on the lost context: nothing to save, and the page says why.
  await expect(page.getByTestId('download-weights')).toBeDisabled();
  await expect(page.getByTestId('save-weights')).toContainText('lost with the GPU context');
  await lab.button('Reset').click();
  await expect(lab.button('Train')).toBeEnabled();
});

test('the static export trains too: the digits and the WASM files come from the plain file server', async ({ page }) => {
  await page.goto(`http://127.0.0.1:${STATIC_PORT}/train/?models=mnasnet_digits&backend=wasm&batch=16&steps=3&evalEvery=3`);
  const lab = new TrainPage(page);
  await lab.button('Train').click();
  await expect(lab.controls).toHaveAttribute('data-phase', 'done', { timeout: 120_000 });
  await expect(lab.testAccuracy).toHaveAttribute('data-full', '1');
});

test.describe('in the dark colour scheme', () => {
  test.use({ colorScheme: 'dark' });

  test('the train embed trains its one model and offers the weights', async ({ page }) => {
    await page.goto('/embed/train?v=1&model=mnasnet_digits&backend=wasm&batch=16&steps=4&evalEvery=2');
    const embed = page.locator('[data-embed-root]');
    await expect(embed).toHaveAttribute('data-phase', 'running');
    const widget = page.getByTestId('train-widget');
    await expect(widget.getByLabel('Model')).toHaveValue('mnasnet_digits');
    await expect(widget.getByLabel('Steps', { exact: true })).toHaveValue('4');
    await widget.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(widget.getByTestId('train-controls')).toHaveAttribute('data-phase', 'done', { timeout: 180_000 });
    await expect(widget.getByTestId('stat-step')).toHaveAttribute('data-step', '4');
    await expect(widget.getByTestId('accuracy-curve')).toHaveAttribute('data-evals', '2');
    await expect(widget.getByTestId('download-weights')).toBeEnabled();
    await expect(widget.getByTestId('bn-caveat')).toContainText('_BN_MOMENTUM = 1 - 0.9997');
    const findings = await axeFindings(page);
    expect(findings.length, formatFindings(findings)).toBe(0);
    // Its home is the training lab with the same settings.
    await expect(page.getByRole('link', { name: /Open in Layerwise: the training lab/ })).toHaveAttribute(
      'href',
      '/train?models=mnasnet_digits&batch=16&steps=4&evalEvery=2&backend=wasm',
    );
  });
});
