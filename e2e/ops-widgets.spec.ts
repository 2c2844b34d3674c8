import type { Locator, Page } from '@playwright/test';
import { separableCost, paperRatio } from '../lib/widgets/depthwise-separable/counts';
import { groupedCost } from '../lib/widgets/grouped-conv/groups';
import { switchScheme, transitionsEnded } from './axe';
import { expect, test } from './fixtures';
import { EmbedPage } from './pages/EmbedPage';
import { LessonPage } from './pages/LessonPage';

// The step-by-step operation widgets (issue 17): grouped convolution (ResNeXt lesson) and depthwise
// then pointwise (MnasNet lesson), on the shared stepper, computed in tfjs on the cpu backend.
test.describe.configure({ mode: 'default' });
test.setTimeout(180_000);

const SHOTS = process.env.OPS_SHOTS_DIR ?? '/tmp';

/** The stepper's parts inside one widget. */
function stepper(root: Locator) {
  return {
    root,
    next: root.getByRole('button', { name: 'Next step →' }),
    previous: root.getByRole('button', { name: '← Previous step' }),
    play: root.getByRole('button', { name: 'Play' }),
    pause: root.getByRole('button', { name: 'Pause' }),
    reset: root.getByRole('button', { name: 'Reset' }),
    scrubber: root.getByRole('slider', { name: 'Step' }),
    controls: root.locator('[data-stepper]'),
    reduced: root.getByTestId('stepper-reduced-motion'),
  };
}

/** After the job, tfjs holds as many tensors as before it. */
async function expectNoLeak(root: Locator) {
  const readout = root.getByTestId('tensor-readout');
  await expect(readout).not.toHaveAttribute('data-after', '');
  await expect(readout).toHaveAttribute('data-after', (await readout.getAttribute('data-before')) ?? 'missing');
}

async function expectEqualToRounding(out: Locator) {
  await expect(out).not.toHaveAttribute('data-value', '');
  expect(Number(await out.getAttribute('data-value'))).toBeLessThan(1e-4);
}

async function noOverflow(page: Page, where: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `horizontal overflow on ${where}`).toBeLessThanOrEqual(0);
}

const grouped = (page: Page) => page.getByRole('region', { name: /^Grouped convolution, step by step/ });
const separable = (page: Page) => page.getByRole('region', { name: /^Depthwise then pointwise, step by step/ });

test('grouped convolution in the ResNeXt lesson: steps by buttons and keys, plays, resets, and equals G convolutions and a block-diagonal one', async ({
  page,
}) => {
  const lesson = new LessonPage(page);
  await lesson.goto('resnext');
  const w = grouped(page);
  await w.scrollIntoViewIfNeeded();
  const s = stepper(w);
  const status = w.getByTestId('grouped-step');
  await expect(status).toHaveText('Step 0 of 5: the layer: 4 groups');

  // Computed live: both other forms equal the grouped layer; nothing leaks.
  await expectEqualToRounding(w.getByTestId('grouped-diff-split'));
  await expectEqualToRounding(w.getByTestId('grouped-diff-blockdiag'));
  await expectNoLeak(w);
  // Params and MACs are lib/arch's, a quarter of the dense layer's.
  const cost = groupedCost({ cin: 8, cout: 8, G: 4, k: 3, size: 16 });
  await expect(w.getByTestId('grouped-params')).toHaveAttribute('data-value', String(cost.grouped.params));
  await expect(w.getByTestId('grouped-macs')).toHaveAttribute('data-value', String(cost.grouped.macs));
  await expect(w.getByTestId('grouped-macs')).toHaveAttribute('data-dense', String(4 * cost.grouped.macs));

  // Buttons.
  await s.next.click();
  await expect(status).toHaveText('Step 1 of 5: group 1 of 4');
  await expect(w.getByTestId('grouped-explain')).toContainText('read input channels 0–1 only and write output channels 0–1');
  await expect(w.getByTestId('grouped-macs-done')).toHaveAttribute('data-value', String(cost.perGroup.macs));
  // Keys, with focus anywhere in the widget: → ← End Home.
  await page.keyboard.press('ArrowRight');
  await expect(status).toHaveText('Step 2 of 5: group 2 of 4');
  await page.keyboard.press('ArrowLeft');
  await expect(status).toHaveText('Step 1 of 5: group 1 of 4');
  await page.keyboard.press('End');
  await expect(status).toHaveText('Step 5 of 5: the three results compared');
  await expect(w.getByTestId('grouped-macs-done')).toHaveAttribute('data-value', String(cost.grouped.macs));
  await page.keyboard.press('Home');
  await expect(status).toHaveText('Step 0 of 5: the layer: 4 groups');

  // Space on the figure (a focusable group, so Space is not a button's): play, then pause.
  await w.getByTestId('stepper-figure').click();
  await page.keyboard.press('Space');
  await expect(s.pause).toBeVisible();
  await page.keyboard.press('Space');
  await expect(s.play).toBeVisible();
  await expect(s.controls).toHaveAttribute('data-playing', 'false');
  await page.keyboard.press('Home');
  await expect(status).toHaveText('Step 0 of 5: the layer: 4 groups');

  // Play (K), pause (the button), play to the end where it stops by itself.
  await page.keyboard.press('k');
  await expect(s.pause).toBeVisible();
  await expect(status).toHaveText(/Step [12] of 5/);
  await s.pause.click();
  await expect(s.play).toBeVisible();
  const paused = await status.textContent();
  await page.waitForTimeout(1500);
  await expect(status).toHaveText(paused!);
  await s.play.click();
  await expect(status).toHaveText('Step 5 of 5: the three results compared', { timeout: 15_000 });
  await expect(s.controls).toHaveAttribute('data-playing', 'false');
  await s.reset.click();
  await expect(status).toHaveText(/^Step 0 of 5/);
  await expect(s.reset).toBeDisabled();
  // The scrubber.
  await s.scrubber.fill('3');
  await expect(status).toHaveText('Step 3 of 5: group 3 of 4');
  await expect(s.reduced).toHaveCount(0);

  // Other channels and groups: the G choices follow the channels; the counts follow the spec.
  await w.getByLabel('Output channels', { exact: true }).selectOption('12');
  await w.getByLabel('Groups G', { exact: true }).selectOption('2');
  await expect(w.getByTestId('grouped-macs')).toHaveAttribute('data-value', String(groupedCost({ cin: 8, cout: 12, G: 2, k: 3, size: 16 }).grouped.macs));
  await expectEqualToRounding(w.getByTestId('grouped-diff-blockdiag'));
  await expect(w.getByLabel('Groups G', { exact: true }).locator('option')).toHaveText(['1', '2', '4']);
  await transitionsEnded(page); // the 300 ms transitions, before the picture
  await w.screenshot({ path: `${SHOTS}/ops-a-grouped-lesson.png` });
});

test('depthwise then pointwise in the MnasNet lesson: counts multiply-adds as it steps, ends at 1/N + 1/k²', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.goto('mnasnet');
  const w = separable(page);
  await w.scrollIntoViewIfNeeded();
  const s = stepper(w);
  const status = w.getByTestId('separable-step');
  const cost = separableCost({ cin: 4, cout: 8, k: 3, size: 16 });
  await expect(status).toHaveText('Step 0 of 13: the input');
  await expectEqualToRounding(w.getByTestId('separable-diff-full'));
  await expectEqualToRounding(w.getByTestId('separable-diff-op'));
  await expectNoLeak(w);
  const count = (key: string) => w.getByTestId(`separable-count-${key}`);
  await expect(count('depthwise')).toHaveAttribute('data-value', '0');

  await s.next.click();
  await expect(status).toHaveText('Step 1 of 13: depthwise: channel 0 (1 of 4)');
  await expect(count('depthwise')).toHaveAttribute('data-value', String(cost.perDepthwiseChannel));
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  await expect(status).toHaveText('Step 5 of 13: pointwise: output 0 (1 of 8)');
  await expect(count('depthwise')).toHaveAttribute('data-value', String(cost.depthwise.macs));
  await expect(count('pointwise')).toHaveAttribute('data-value', String(cost.perPointwiseOutput));
  await expect(count('full')).toHaveAttribute('data-value', String(cost.perFullOutput));
  await s.previous.click();
  await expect(status).toHaveText('Step 4 of 13: depthwise: channel 3 (4 of 4)');

  // Play to the end (it stops there), then the totals and the paper's ratio.
  await s.play.click();
  await expect(s.pause).toBeVisible();
  await expect(status).toHaveText('Step 13 of 13: the totals', { timeout: 20_000 });
  await expect(s.play).toBeVisible();
  await expect(count('separable')).toHaveAttribute('data-value', String(cost.depthwise.macs + cost.pointwise.macs));
  await expect(count('full')).toHaveAttribute('data-value', String(cost.full.macs));
  const ratio = Number(await w.getByTestId('separable-ratio').getAttribute('data-value'));
  expect(ratio).toBeCloseTo(paperRatio({ cout: 8, k: 3 }), 12);
  await expect(w.getByTestId('separable-ratio')).toContainText('1/8 + 1/9');
  await page.keyboard.press('Home');
  await expect(status).toHaveText('Step 0 of 13: the input');

  await w.getByLabel('Kernel k', { exact: true }).selectOption('5');
  await expect(w.getByTestId('separable-ratio')).toContainText('1/8 + 1/25');
  await expectEqualToRounding(w.getByTestId('separable-diff-full'));
  await s.next.click();
  await transitionsEnded(page); // the 300 ms transitions, before the picture
  await w.screenshot({ path: `${SHOTS}/ops-a-separable-lesson.png` });
});

test('reduced motion: a visible state, instant transitions, and play still steps', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const lesson = new LessonPage(page);
  await lesson.goto('mnasnet');
  const w = separable(page);
  await w.scrollIntoViewIfNeeded();
  const s = stepper(w);
  await expect(s.reduced).toBeVisible();
  await expect(s.reduced).toContainText('Reduced motion');
  const strand = w.locator('path.motion-safe\\:transition-\\[stroke-opacity\\]').first();
  // The site's reduced-motion rule (app/globals.css) or the motion-safe variant: no visible transition.
  const seconds = () => strand.evaluate((el) => parseFloat(getComputedStyle(el).transitionDuration));
  expect(await seconds()).toBeLessThan(0.01);
  await s.play.click();
  await expect(w.getByTestId('separable-step')).toHaveText(/^Step [1-9]/, { timeout: 5_000 });
  await s.pause.click();
  await w.screenshot({ path: `${SHOTS}/ops-a-separable-reduced.png` });
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await expect(s.reduced).toHaveCount(0);
  expect(await seconds()).toBeGreaterThan(0.1);
});

test('the channel shuffle runs on the shared stepper: keys step it', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.goto('shufflenet-v2');
  const w = page.getByRole('region', { name: /^Channel split and shuffle/ });
  await w.scrollIntoViewIfNeeded();
  const status = w.getByTestId('shuffle-step');
  await expect(status).toHaveText('Step 4 of 12: unit 1, shuffle');
  await stepper(w).next.focus();
  await page.keyboard.press('ArrowRight');
  await expect(status).toHaveText('Step 5 of 12: unit 2, split');
  await page.keyboard.press('Home');
  await expect(status).toHaveText('Step 0 of 12: input');
});

// Each embed is loaded once for both schemes: it steps in light, then the system switches to dark
// live (the site's colours are CSS only, e2e/axe.ts) and the layout and the picture are taken again.
test('both embeds render, step and keep the step in their URL, light then dark, at 390 px without overflow', async ({ page }) => {
  const inBothSchemes = async (what: string, shot: string) => {
    for (const scheme of ['light', 'dark'] as const) {
      await test.step(`${what}, ${scheme}`, async () => {
        await switchScheme(page, scheme);
        await noOverflow(page, `${what} (${scheme})`);
        await page.screenshot({ path: `${SHOTS}/${shot.replace('SCHEME', scheme)}`, fullPage: true });
      });
    }
  };
  for (const width of [1000, 390]) {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width, height: 900 });
    await page.goto(EmbedPage.path('grouped-conv', 'cin=12&cout=6&G=3&step=2'));
    const g = new EmbedPage(page);
    await expect(g.root).toHaveAttribute('data-phase', 'running');
    await expect(page.getByTestId('grouped-step')).toHaveText('Step 2 of 4: group 2 of 3');
    await expectEqualToRounding(page.getByTestId('grouped-diff-blockdiag'));
    await page.getByRole('button', { name: 'Next step →' }).click();
    await expect(page).toHaveURL(/step=3/);
    await inBothSchemes(`grouped-conv embed at ${width} px`, `ops-a-grouped-embed-SCHEME-${width}.png`);

    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(EmbedPage.path('depthwise-separable', 'cin=8&cout=16&k=5&step=10'));
    await expect(new EmbedPage(page).root).toHaveAttribute('data-phase', 'running');
    await expect(page.getByTestId('separable-step')).toHaveText('Step 10 of 25: pointwise: output 1 (2 of 16)');
    await expectEqualToRounding(page.getByTestId('separable-diff-full'));
    await page.getByRole('button', { name: '← Previous step' }).focus();
    await page.keyboard.press('ArrowLeft');
    await expect(page).toHaveURL(/step=9/);
    await inBothSchemes(`depthwise-separable embed at ${width} px`, `ops-a-separable-embed-SCHEME-${width}.png`);
  }
});

test('a group count that does not divide the channels gets a notice and the largest one that does', async ({ page }) => {
  await page.goto(EmbedPage.path('grouped-conv', 'cin=8&cout=12&G=3'));
  await expect(page.getByTestId('grouped-adjusted')).toContainText('G = 3 does not divide 8 input and 12 output channels');
  await expect(page.getByLabel('Groups G', { exact: true })).toHaveValue('2');
  await expect(page.getByTestId('grouped-step')).toHaveText('Step 0 of 3: the layer: 2 groups');
});

test('the lessons at 390 px in dark: both widgets fit', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.setViewportSize({ width: 390, height: 844 });
  for (const [slug, region] of [
    ['resnext', grouped],
    ['mnasnet', separable],
  ] as const) {
    const lesson = new LessonPage(page);
    await lesson.goto(slug);
    const w = region(page);
    await w.scrollIntoViewIfNeeded();
    await stepper(w).next.click();
    await stepper(w).next.click();
    await expect(w.getByTestId('tensor-readout')).toBeVisible();
    await noOverflow(page, `/lessons/${slug} at 390 px`);
    await transitionsEnded(page); // the 300 ms transitions, before the picture
    await w.screenshot({ path: `${SHOTS}/ops-a-${slug}-390-dark.png` });
  }
});
