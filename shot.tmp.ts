import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './e2e/browser';
import { startSite } from './scripts/bench/server';
const site = await startSite(process.cwd());
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  page.on('console', (m) => m.type() === 'error' && console.log('console error:', m.text()));
  const model = process.argv[2] ?? 'shufflenet_v2_x1_0';
  await page.goto(`${site.origin}/models/${model}?backend=wasm&psize=${process.argv[3] ?? '112'}`);
  await page.getByTestId('lab-runner').getByRole('button', { name: /^Run/ }).click();
  await page.getByTestId('top5').waitFor({ timeout: 120_000 });
  const cost = page.getByRole('region', { name: 'FLOPs versus time' });
  await cost.getByRole('button', { name: /^Profile/ }).click();
  await cost.getByTestId('profile-summary').waitFor({ timeout: 180_000 });
  const fig = cost.getByTestId('roofline');
  await fig.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await cost.getByTestId('roofline-chart').focus();
  await page.keyboard.press('End');
  await fig.screenshot({ path: `/tmp/roofline-${model}.png` });
  await cost.getByTestId('profile-summary').screenshot({ path: `/tmp/summary-${model}.png` });
  console.log(await cost.getByTestId('profile-summary').innerText());
  console.log(await cost.getByTestId('device-roofs').innerText());
} finally {
  await browser.close();
  await site.stop();
}
