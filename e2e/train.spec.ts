import { expect, test } from './fixtures';
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

  await lab.model('densenet_digits').check();
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
