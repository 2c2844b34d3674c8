import { expect, test } from './fixtures';
import { LabPage } from './pages/LabPage';

test('a refused camera gives a clear message and nothing else changes', async ({ page }) => {
  await page.addInitScript(() => {
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
  });
  const lab = new LabPage(page);
  await lab.goto('shufflenet_v2_x0_5', 'backend=wasm&sample=coffee');
  await lab.runner.getByRole('button', { name: 'Use the camera' }).click();
  await expect(lab.runner.getByRole('alert')).toContainText(/camera/i);
  await expect(lab.runner.getByRole('radio', { name: /Coffee/ })).toBeChecked();
});

test('tensors return to their baseline after runs, feature maps, profiles and model switches', async ({ page }) => {
  const lab = new LabPage(page);
  const count = () => page.evaluate(() => (window as unknown as { __layerwiseLab?: { numTensors(): number } }).__layerwiseLab?.numTensors() ?? -1);
  await lab.goto('shufflenet_v2_x0_5', 'backend=wasm&size=64&psize=64&layer=stage3.0.concat');
  await lab.run();
  await expect(page.getByTestId('feature-maps').locator('[data-channel]').first()).toBeVisible();
  const afterFirst = await count();
  expect(afterFirst).toBeGreaterThan(0); // the model's weights and the input

  // Run again, profile, switch the sample: the count must come back to the same number.
  await lab.runner.getByRole('button', { name: /^Run/ }).click();
  await expect(page.getByTestId('top5')).toBeVisible();
  const cost = page.getByRole('region', { name: 'FLOPs versus time' });
  await cost.getByRole('button', { name: /^Profile/ }).click();
  await expect(cost.getByTestId('profile-summary')).toBeVisible({ timeout: 180_000 });
  await lab.runner.locator('label', { hasText: 'Rocket' }).click();
  await expect(page).toHaveURL(/sample=rocket/);
  await expect.poll(count, { timeout: 60_000 }).toBe(afterFirst);

  // Switch model: the old model is disposed, the new one takes its place.
  await page.getByRole('link', { name: 'Models' }).first().click();
  await page.getByRole('link', { name: 'mnasnet0_5', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('mnasnet0_5');
  await expect.poll(count, { timeout: 60_000 }).toBe(0);
});
