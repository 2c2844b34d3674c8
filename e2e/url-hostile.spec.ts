import { expect, test } from './fixtures';
import { EmbedPage } from './pages/EmbedPage';
import { LabPage } from './pages/LabPage';

// Links the site did not make: a malformed percent-escape in any parameter, and tfjs' own
// ?tfjsflags=, must neither stop a widget nor change how tfjs computes (lib/runtime/tfjs-url-guard.ts).
// The fixtures fail a test on any console error or uncaught page error.
test.describe.configure({ timeout: 240_000 });

type FlagsReport = { flags: Record<string, unknown>; guarded: boolean };

test('a malformed escape in an ignored embed parameter costs one notice; the model runs', async ({ page }) => {
  await page.goto('/embed/lab-runner?v=1&backend=wasm&note=100%');
  const embed = new EmbedPage(page);
  await expect(page.getByTestId('top5').getByRole('listitem')).toHaveCount(5, { timeout: 120_000 });
  await expect(embed.notices.getByRole('listitem')).toHaveCount(1);
  await expect(embed.notices).toContainText('"note"');
  await expect(embed.widget.getByRole('alert')).toHaveCount(0);
});

test('a malformed UTF-8 escape in the lab URL: the model runs', async ({ page }) => {
  await page.goto('/models/shufflenet_v2_x0_5?backend=wasm&utm=%E0%A4%A');
  const lab = new LabPage(page);
  await lab.run();
  await expect(page.getByTestId('top5').getByRole('listitem')).toHaveCount(5);
  await expect(lab.runner.getByRole('alert')).toHaveCount(0);
});

test('a malformed escape in a used embed parameter: a notice about it, its default (step 4), and tfjs runs', async ({ page }) => {
  await page.goto('/embed/channel-shuffle?v=1&step=%ZZ');
  const embed = new EmbedPage(page);
  await expect(embed.root).toHaveAttribute('data-phase', 'running');
  await expect(page.getByTestId('shuffle-step')).toContainText('Step 4 of 12');
  await expect(embed.notices.getByRole('listitem')).toHaveCount(1);
  await expect(embed.notices).toContainText('"step"');
  // The widget's tfjs trace ran: stepping on works.
  await page.getByRole('button', { name: 'Next step →' }).click();
  await expect(page.getByTestId('shuffle-step')).toContainText('Step 5 of 12');
});

for (const [flag, value, backend] of [
  ['DEBUG', true, 'wasm'],
  ['WEBGL_PACK', false, 'webgl'],
] as const) {
  test(`tfjsflags=${flag}:${value} in the lab runs the model with ${flag} untouched`, async ({ page }) => {
    await page.goto(`/models/shufflenet_v2_x0_5?backend=${backend}&tfjsflags=${flag}:${value}`);
    const lab = new LabPage(page);
    await lab.run();
    await expect(page.getByTestId('top5').getByRole('listitem')).toHaveCount(5);
    await expect(lab.runner.getByTestId('runner-backend')).toHaveAttribute('data-backend', backend);
    const report = await page.evaluate(() => window.__layerwiseLab!.tfjsFlags() as FlagsReport);
    expect(report.guarded).toBe(true);
    // Read by every run (DEBUG: each kernel; WEBGL_PACK: the WebGL backend): evaluated, not taken from the URL.
    expect(report.flags[flag]).toBe(!value);
  });

  test(`tfjsflags=${flag}:${value} in an embed runs the model with ${flag} untouched`, async ({ page }) => {
    await page.goto(EmbedPage.path('lab-runner', `backend=${backend}&tfjsflags=${flag}:${value}`));
    const embed = new EmbedPage(page);
    await expect(page.getByTestId('top5').getByRole('listitem')).toHaveCount(5, { timeout: 180_000 });
    await expect(page.getByTestId('runner-backend')).toHaveAttribute('data-backend', backend);
    await expect(embed.notices).toContainText('"tfjsflags"');
    const report = await page.evaluate(() => window.__layerwiseEmbed!.tfjsFlags() as Promise<FlagsReport>);
    expect(report.guarded).toBe(true);
    expect(report.flags[flag]).toBe(!value);
  });
}
