import type { Locator, Page } from '@playwright/test';
import { naiveBytes, realBlock, runningBytes, sharedBytes } from '../lib/widgets/dense-concat/bytes';
import { mbconvGraph, stagesOf } from '../lib/widgets/inverted-residual/stages';
import { COLOUR_RULES, axeFindings, formatFindings, switchScheme } from './axe';
import { expect, test } from './fixtures';
import { EmbedPage } from './pages/EmbedPage';
import { LessonPage } from './pages/LessonPage';

// Two step-by-step widgets of issue 17, computed with TensorFlow.js on tiny tensors (cpu backend).
test.describe.configure({ mode: 'default' });
test.setTimeout(180_000);

const SHOTS = process.env.OPS_B_SHOTS ?? '/tmp';

/** The stepper's parts inside one widget (components/ui/StepperControls.tsx). */
function stepperOf(root: Locator) {
  return {
    next: root.getByRole('button', { name: 'Next step →' }),
    previous: root.getByRole('button', { name: '← Previous step' }),
    play: root.getByRole('button', { name: /^(Play|Pause)$/ }),
    reset: root.getByRole('button', { name: 'Reset' }),
    controls: root.locator('[data-stepper]'),
  };
}

async function noOverflow(page: Page, what: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `horizontal overflow on ${what}`).toBeLessThanOrEqual(0);
}

/** After the job, tfjs holds as many tensors as before it. */
async function expectNoLeak(readout: Locator) {
  await expect(readout).not.toHaveAttribute('data-after', '');
  await expect(readout).toHaveAttribute('data-after', (await readout.getAttribute('data-before')) ?? 'missing');
}

test.describe('dense concatenation', () => {
  const shape = { k0: 8, k: 4, L: 6, h: 16, w: 16 };
  const rows = runningBytes(shape);

  test('steps through the block in the DenseNet lesson, with buttons and keys, and counts the bytes', async ({ page }) => {
    const lesson = new LessonPage(page);
    await lesson.goto('densenet');
    const w = page.getByTestId('dense-concat');
    await w.scrollIntoViewIfNeeded();
    const s = stepperOf(w);
    const status = w.getByTestId('concat-step');
    const naive = w.getByTestId('concat-naive');
    const shared = w.getByTestId('concat-shared');
    await expect(status).toHaveText('Step 1 of 6: layer H1 · 12 channels');
    await expect(w.getByTestId('concat-check')).toHaveAttribute('data-diff', '0');
    await expect(naive).toHaveAttribute('data-bytes', String(rows[1].naiveTotal));
    await expect(naive).toHaveAttribute('data-measured', String(rows[1].naiveTotal));
    await expectNoLeak(w.getByTestId('concat-tensors'));

    await s.next.click();
    await expect(status).toHaveText('Step 2 of 6: layer H2 · 16 channels');
    await expect(w.getByTestId('concat-buffer')).toHaveAttribute('data-channels', '16');
    // Keys: → and ← step, End jumps to the last layer (focus on Play, which stays enabled at both ends).
    await s.play.focus();
    await page.keyboard.press('ArrowRight');
    await expect(status).toHaveText('Step 3 of 6: layer H3 · 20 channels');
    await page.keyboard.press('End');
    await expect(status).toHaveText('Step 6 of 6: layer H6 · 32 channels');
    await expect(naive).toHaveAttribute('data-bytes', String(naiveBytes(shape)));
    await expect(naive).toHaveAttribute('data-measured', String(naiveBytes(shape)));
    await expect(shared).toHaveAttribute('data-bytes', String(sharedBytes(shape)));
    await expect(w.getByTestId('concat-check')).toHaveAttribute('data-diff', '0');
    // Every slot written, as tiles (canvases) in their bands.
    await expect(w.getByTestId('concat-buffer').locator('canvas')).toHaveCount(32);
    await page.keyboard.press('ArrowLeft');
    await expect(status).toHaveText('Step 5 of 6: layer H5 · 28 channels');
    await s.reset.click();
    await expect(status).toHaveText('Step 0 of 6: the block input x₀ · 8 channels');
    await expect(w.getByTestId('concat-buffer').locator('canvas')).toHaveCount(8);
    await expect(naive).toHaveAttribute('data-bytes', '0');

    // Play runs to the end by itself and stops there.
    await s.play.click();
    await expect(status).toHaveText('Step 6 of 6: layer H6 · 32 channels', { timeout: 15_000 });
    await expect(s.controls).toHaveAttribute('data-playing', 'false');

    // DenseNet-121's first block, from the spec.
    const real = realBlock('densenet121', 1);
    await expect(w.getByTestId('concat-densenet121')).toHaveAttribute('data-naive', String(real.naive));
    await expect(w.getByTestId('concat-densenet121')).toContainText('13.2 MB');
    await expect(w.getByTestId('concat-densenet121')).toContainText('3.21 MB');

    // A knob recomputes the block: k = 2 → the last state is 8 + 6·2 channels.
    await w.getByLabel('Growth rate k').focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect(status).toHaveText('Step 6 of 6: layer H6 · 20 channels');
    await expect(w.getByTestId('concat-buffer').locator('canvas')).toHaveCount(20);
    await expect(w.getByTestId('concat-check')).toHaveAttribute('data-diff', '0');
    await expectNoLeak(w.getByTestId('concat-tensors'));
  });

  test('reduced motion: says so, and play still steps', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(EmbedPage.path('dense-concat', 'step=4&L=5'));
    const w = new EmbedPage(page).widget;
    await expect(w.getByTestId('stepper-reduced-motion')).toBeVisible();
    await expect(w.getByTestId('concat-step')).toHaveText('Step 4 of 5: layer H4 · 24 channels');
    await stepperOf(w).play.click();
    await expect(w.getByTestId('concat-step')).toHaveText('Step 5 of 5: layer H5 · 28 channels', { timeout: 10_000 });
  });
});

test.describe('inverted residual (MBConv)', () => {
  test('steps through expand, depthwise, project and add in the MnasNet lesson', async ({ page }) => {
    const lesson = new LessonPage(page);
    await lesson.goto('mnasnet');
    const w = page.getByTestId('inverted-residual');
    await w.scrollIntoViewIfNeeded();
    const s = stepperOf(w);
    const status = w.getByTestId('mbconv-step');
    await expect(status).toHaveText('Step 1 of 4: expand, 24 channels');
    await expect(w.getByTestId('mbconv-output')).toHaveAttribute('data-channels', '24');
    await expect(w.getByTestId('mbconv-residual')).toHaveAttribute('data-residual', 'true');
    await expectNoLeak(w.getByTestId('mbconv-tensors'));
    // MACs per stage from the cost model, the same numbers the page shows.
    const stages = stagesOf(mbconvGraph({ cin: 4, cout: 4, t: 6, kernel: 3, stride: 1, size: 16 }));
    for (const st of stages) await expect(w.getByTestId('mbconv-macs').locator(`[data-stage="${st.kind}"]`)).toHaveAttribute('data-macs', String(st.macs));

    await s.next.click();
    await expect(status).toHaveText('Step 2 of 4: depthwise, 24 channels');
    await s.play.focus();
    await page.keyboard.press('ArrowRight');
    await expect(status).toHaveText('Step 3 of 4: project (linear), 4 channels');
    await expect(w.getByTestId('mbconv-output')).toHaveAttribute('data-channels', '4');
    await page.keyboard.press('ArrowRight');
    await expect(status).toHaveText('Step 4 of 4: residual add, 4 channels');
    await s.reset.click();
    await expect(status).toHaveText('Step 0 of 4: the input, 4 channels');

    // Stride 2: the map halves and the residual goes; the stepper has 3 stages.
    await w.getByLabel('Stride').selectOption('2');
    await expect(w.getByTestId('mbconv-residual')).toHaveAttribute('data-residual', 'false');
    await s.play.focus();
    await page.keyboard.press('End');
    await expect(status).toHaveText('Step 3 of 3: project (linear), 4 channels');
    await expect(w.getByTestId('mbconv-output')).toHaveAttribute('data-size', '8x8');
    // t = 3, 5×5: the widths follow, and the real layer of mnasnet1_0 is named.
    await w.getByLabel('Expansion t').selectOption('3');
    await w.getByLabel('Kernel').selectOption('5');
    await expect(w.getByTestId('mbconv-diagram').locator('[data-tensor="1"]')).toHaveAttribute('data-channels', '12');
    await expect(w.getByTestId('mbconv-real')).toContainText('MBConv3 5×5');
    await expectNoLeak(w.getByTestId('mbconv-tensors'));
  });

  test('reduced motion: says so, and play runs to the last stage', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(EmbedPage.path('inverted-residual', 'step=0&cout=6'));
    const w = new EmbedPage(page).widget;
    await expect(w.getByTestId('stepper-reduced-motion')).toBeVisible();
    await expect(w.getByTestId('mbconv-residual')).toHaveAttribute('data-residual', 'false');
    await stepperOf(w).play.click();
    await expect(w.getByTestId('mbconv-step')).toHaveText('Step 3 of 3: project (linear), 6 channels', { timeout: 15_000 });
  });
});

// Each page is loaded once for both schemes: light first, then dark as the system switches to it
// live (the site's colours are CSS only, e2e/axe.ts); in dark axe runs the colour rules again.
test('both embeds render at 390 px without overflow or axe findings, light then dark', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const [id, ready] of [
    ['dense-concat', 'concat-check'],
    ['inverted-residual', 'mbconv-output'],
  ] as const) {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(EmbedPage.path(id, 'step=3'));
    const embed = new EmbedPage(page);
    await expect(embed.root).toHaveAttribute('data-widget', id);
    await expect(embed.widget.getByTestId(ready)).toBeVisible();
    await expect(embed.notices).toHaveCount(0);
    for (const scheme of ['light', 'dark'] as const) {
      await test.step(scheme, async () => {
        if (scheme === 'dark') await switchScheme(page, 'dark');
        await noOverflow(page, `/embed/${id} (${scheme})`);
        const findings = await axeFindings(page, scheme === 'dark' ? COLOUR_RULES : undefined);
        expect(findings.length, `${id} (${scheme}): ${formatFindings(findings)}`).toBe(0);
        await page.screenshot({ path: `${SHOTS}/ops-b-embed-${id}-${scheme}-390.png`, fullPage: true });
      });
    }
  }
});

test('both lessons show the widgets at 390 px without overflow, light then dark, and on a desktop', async ({ page }) => {
  for (const [slug, id, ready] of [
    ['densenet', 'dense-concat', 'concat-check'],
    ['mnasnet', 'inverted-residual', 'mbconv-output'],
  ] as const) {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 390, height: 844 });
    const lesson = new LessonPage(page);
    await lesson.goto(slug);
    const w = page.getByTestId(id);
    await w.scrollIntoViewIfNeeded();
    await expect(w.getByTestId(ready)).toBeVisible();
    for (const scheme of ['light', 'dark'] as const) {
      await test.step(`${slug}, ${scheme}, 390 px`, async () => {
        if (scheme === 'dark') await switchScheme(page, 'dark');
        await noOverflow(page, `/lessons/${slug} (${scheme})`);
        await w.screenshot({ path: `${SHOTS}/ops-b-lesson-${id}-${scheme}-390.png` });
      });
    }
    // The desktop screenshots, light, in the same page: wider, the widget is laid out again.
    await test.step(`${slug}, desktop`, async () => {
      await switchScheme(page, 'light');
      await page.setViewportSize({ width: 1280, height: 900 });
      await w.scrollIntoViewIfNeeded();
      await expect(w.getByTestId(ready)).toBeVisible();
      await w.screenshot({ path: `${SHOTS}/ops-b-lesson-${id}-desktop.png` });
    });
  }
});
