import { axeFindings, formatFindings } from './axe';
import { expect, test } from './fixtures';
import { LabPage } from './pages/LabPage';
import { TrainPage } from './pages/TrainPage';

/**
 * Architecture knobs on /train (lib/widgets/train/knobs.ts): the model lab's knob controls under
 * each model, a second variant of one model trained and compared beside the first, and the trained
 * network opened in the lab with the same knobs, so it builds the same network and loads its weights.
 */
test.describe.configure({ timeout: 180_000 });

/** A small DenseNet (k=8, three blocks of 2 layers): a few steps on WASM take seconds. */
const SMALL = 'densenet_digits.k=8&densenet_digits.blocks=2%2C2%2C2';

test('two DenseNet variants train side by side, and the second opens in the lab with its knobs and weights', async ({ page }) => {
  const lab = new TrainPage(page);
  await lab.goto(`models=densenet_digits&${SMALL}&backend=wasm&batch=16&steps=3&evalEvery=3`);
  const a = page.getByTestId('knobs-densenet_digits');
  // Knobs a link changed are shown open, with the lab's own controls and what the network costs.
  await expect(a.getByLabel('Growth rate k')).toHaveValue('8');
  await expect(a.locator('summary')).toContainText('k=8 · blocks=2,2,2');
  const paramsOf = async (slot: string) => Number(await page.getByTestId(`cost-${slot}`).getAttribute('data-params'));
  const small = await paramsOf('densenet_digits');

  // A second variant starts as a copy of the first; then its growth rate goes to 4.
  await lab.setup.getByRole('button', { name: 'Compare with a second densenet_digits variant' }).click();
  const b = page.getByTestId('knobs-densenet_digits-b');
  await expect(b.getByLabel('Growth rate k')).toHaveValue('8');
  await b.getByLabel('Growth rate k').fill('4');
  await expect(page).toHaveURL(/models=densenet_digits%2Cdensenet_digits-b/);
  await expect(page).toHaveURL(/densenet_digits-b\.k=4&densenet_digits-b\.blocks=2%2C2%2C2/);
  // Params and MACs follow the knobs.
  await expect.poll(() => paramsOf('densenet_digits-b')).toBeLessThan(small);
  const bParams = await paramsOf('densenet_digits-b');
  // Both knob panels open (the lab's own controls, twice on one page) pass axe.
  const findings = await axeFindings(page);
  expect(findings.length, formatFindings(findings)).toBe(0);

  await lab.button('Train').click();
  await expect(lab.controls).toHaveAttribute('data-phase', 'done', { timeout: 150_000 });
  const rows = page.getByTestId('comparison').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).locator('th')).toHaveText('densenet_digits (k=8 · blocks=2,2,2)');
  await expect(rows.nth(1).locator('th')).toHaveText('densenet_digits (k=4 · blocks=2,2,2)');

  // The model on screen is the last one trained, the variant: its file name says which it is.
  await expect(page.getByRole('heading', { name: 'What densenet_digits (k=4 · blocks=2,2,2) has learnt' })).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-weights').click()]);
  expect(download.suggestedFilename()).toBe('densenet_digits-k4-blocks2.2.2-digits-3steps.safetensors');
  const accuracy = Number(await lab.testAccuracy.getAttribute('data-accuracy'));

  // The lab builds the same network (the knobs come with the link) and loads the trained weights into it.
  await page.getByTestId('open-in-lab').click();
  await expect(page).toHaveURL(/\/models\/densenet_digits\?trained=[a-z0-9]+-[a-z0-9]+&k=4&blocks=2%2C2%2C2&backend=wasm$/);
  const model = new LabPage(page);
  await expect(model.knob('Growth rate k')).toHaveValue('4');
  await expect(model.total('Parameters')).toHaveAttribute('title', new Intl.NumberFormat('en-US').format(bParams));
  await expect(model.runner.getByText(/^Loaded: /)).toHaveText('Loaded: densenet_digits (k=4 · blocks=2,2,2), 3 steps, seed 0 (trained).safetensors', {
    timeout: 120_000,
  });
  expect(await model.runTestAccuracy()).toBe(accuracy);

  // Other knobs describe another network: the weights are not loaded into it, and the notice leads back.
  await model.knob('Growth rate k').fill('5');
  const notice = page.getByTestId('trained-notice');
  await expect(notice).toContainText('were trained with other knobs (k=4, blocks=2,2,2): a different network');
  await notice.getByRole('link', { name: 'Open them with the knobs they were trained with.' }).click();
  await expect(page).toHaveURL(/\/models\/densenet_digits\?trained=[a-z0-9]+-[a-z0-9]+&k=4&blocks=2%2C2%2C2$/);
  await expect(notice).toContainText('go to the runner below');
});

test('a bad knob gets a notice and its default; a network too big to train is refused before it starts; the embed takes knobs too', async ({ page }) => {
  const lab = new TrainPage(page);
  await lab.goto('models=densenet_digits,resnext_digits&densenet_digits.k=abc&resnext_digits.C=8&densenet_digits-b.theta=0.01');
  await expect(lab.notices).toContainText('"densenet_digits.k" cannot be "abc"');
  await expect(page.getByTestId('knobs-densenet_digits').getByLabel('Growth rate k')).toHaveValue('12');
  await expect(page.getByTestId('knobs-resnext_digits').locator('summary')).toContainText('C=8');
  await expect(lab.button('Train')).toBeEnabled();

  // lib/arch refuses the combination (θ = 0.01 empties the first transition): a notice, and the model as registered.
  await lab.goto('models=densenet_digits-b&densenet_digits-b.theta=0.01');
  await expect(lab.notices).toContainText('densenet_digits cannot be built with theta=0.01');
  await expect(lab.notices).toContainText('Training densenet_digits as registered instead');

  // k = 128, 3 × 64 layers at a batch of 1,024: the memory guard says so, with the numbers, and Train stays off.
  await lab.goto('models=densenet_digits&densenet_digits.k=128&densenet_digits.blocks=64%2C64%2C64&batch=1024');
  await expect(lab.controls).toContainText('This network is too big to train on WebAssembly');
  await expect(lab.controls).toContainText('Choose a smaller batch size or smaller knobs.');
  await expect(lab.button('Train')).toBeDisabled();

  await page.goto('/embed/train?v=1&model=resnext_digits&resnext_digits.C=8&resnext_digits.d=16&steps=4');
  const widget = page.getByTestId('train-widget');
  await expect(widget.getByLabel('Cardinality C')).toHaveValue('8');
  await expect(widget.getByLabel('Model')).toHaveAccessibleDescription(/C=8 · d=16/);
  await expect(page.getByRole('link', { name: /Open in Layerwise: the training lab/ })).toHaveAttribute(
    'href',
    '/train?models=resnext_digits&steps=4&resnext_digits.C=8&resnext_digits.d=16',
  );
});
