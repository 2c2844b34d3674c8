import { CHROMIUM_ARGS, findChromium } from './browser';
import { expect, test } from './fixtures';
import { LabPage } from './pages/LabPage';

// Chromium's synthetic camera, granted without a prompt.
test.use({
  launchOptions: { executablePath: findChromium(), args: [...CHROMIUM_ARGS, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'] },
});

test('a camera frame is captured and classified', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.goto('shufflenet_v2_x0_5', 'backend=wasm');
  await lab.runner.getByRole('button', { name: 'Use the camera' }).click();
  await lab.runner.getByRole('button', { name: 'Capture frame and run' }).click();
  await expect(page.getByTestId('top5').getByRole('listitem')).toHaveCount(5, { timeout: 120_000 });
  await expect(lab.runner.getByRole('img', { name: 'Captured camera frame' })).toBeVisible();
});
