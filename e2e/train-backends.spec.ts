import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { TrainPage } from './pages/TrainPage';

/**
 * Training is differentiable, and gives the same numbers, on every tfjs backend in the browser:
 * each digits model trains the same steps (same seed, so the same initial weights, batches and
 * dropout masks) on WASM, the CPU, WebGL and WebGPU (SwiftShader here), and the per-step losses
 * must agree. SGD with momentum: step k's loss is measured after k updates whose velocity carries
 * every earlier gradient, so a wrong or missing gradient of any layer on one backend shows from
 * the second step on. The unit tests prove the cpu and wasm gradients in Node
 * (lib/train/gradcheck, lib/train/train-parity.test.ts); this proves the GPU backends' kernels.
 */
test.describe.configure({ mode: 'serial', timeout: 240_000 });

const BACKENDS = ['wasm', 'webgl', 'webgpu'] as const;
/** Steps compared (the page plans one more, see below). */
const STEPS = 2;
/**
 * Batch 8, not 2: train-mode BatchNorm normalises over N·H·W values, and MnasNet's last layers are
 * at a tiny spatial size, so with 2 images it normalises over a handful of values and its gradient
 * (∝ 1/σ) amplifies float32 rounding: measured here, mnasnet_digits' step-1 loss differed by
 * 8e-4 relative (webgl vs wasm, dropout off; 3e-3 with dropout) at batch 2, 7e-7 at batch 8, and
 * the other four models agreed to 1e-6 at batch 2.
 */
const SETTINGS = 'opt=sgd&lr=0.01&momentum=0.9&batch=8&seed=11&evalEvery=1000';
/**
 * Float32 on different kernels (im2col/matmul on WebGL, compute shaders on WebGPU, XNNPACK on
 * WASM) sums in different orders: about 1e-7 relative per op, grown by the depth of the network
 * and by the updates. Measured here (2026-12, SwiftShader): densenet, resnext, resnet and mnasnet
 * agree to 1e-6, shufflenet_v2_digits' step 1 to 3.5e-4 (webgpu; 3.2e-4 webgl), the largest gap
 * (see the annotation). The first update itself moves the loss by 2.6e-3 relative (densenet) to
 * 4.4e-2 (mnasnet), so this catches a backend whose gradients are broadly wrong, not a small error
 * in one layer's (lib/train/gradcheck does that, on cpu and wasm).
 */
const TOLERANCE = 1e-3;

const losses = new Map<string, Map<string, number[]>>();

/** The digits models the page offers (its Models checkboxes), so a new one is tested too. */
async function modelIds(page: Page): Promise<string[]> {
  const boxes = new TrainPage(page).setup.getByRole('group', { name: 'Models' }).getByRole('checkbox');
  await expect(boxes.first()).toBeVisible();
  const names = await boxes.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).labels?.[0]?.querySelector('span')?.textContent ?? ''));
  return names.map((n) => n.trim());
}

/** The model's per-step losses at full precision, from the page's test hook (lib/widgets/train/runtime.ts). */
const recorded = (page: Page, id: string) =>
  page.evaluate(
    (m) => (window as unknown as { __layerwiseTrain?: { steps(): Record<string, { loss: number }[]> } }).__layerwiseTrain?.steps()[m]?.map((s) => s.loss) ?? [],
    id,
  );

for (const backend of BACKENDS) {
  test(`trains every digits model ${STEPS} steps on ${backend}, and frees every tensor`, async ({ page }) => {
    const lab = new TrainPage(page);
    await lab.goto();
    const ids = await modelIds(page);
    expect(ids).toContain('resnet_digits');
    const perModel = new Map<string, number[]>();
    for (const id of ids) {
      // One more step planned than compared: Cancel lands in that step (or just after it) instead
      // of the final evaluation on the whole test split, which takes minutes on SwiftShader.
      await lab.goto(`models=${id}&backend=${backend}&steps=${STEPS + 1}&${SETTINGS}`);
      await lab.button('Train').click();
      await expect.poll(async () => (await recorded(page, id)).length, { timeout: 120_000 }).toBeGreaterThanOrEqual(STEPS);
      await lab.button('Cancel').click();
      await expect(lab.controls).toHaveAttribute('data-phase', /cancelled|done/);
      await expect(page.getByTestId('backend-used')).toHaveAttribute('data-backend', backend);
      const l = (await recorded(page, id)).slice(0, STEPS);
      for (const v of l) expect(Number.isFinite(v), `${id} on ${backend}: loss ${v}`).toBe(true);
      perModel.set(id, l);
      await lab.button('Reset').click();
      await expect(lab.controls).toHaveAttribute('data-phase', 'idle');
      await expect.poll(() => lab.numTensors()).toBe(0);
    }
    losses.set(backend, perModel);
    test.info().annotations.push({ type: `losses on ${backend}`, description: JSON.stringify(Object.fromEntries(perModel)) });
  });
}

test(`the per-step losses agree across ${BACKENDS.join(', ')} within ${TOLERANCE} relative`, () => {
  const ref = losses.get(BACKENDS[0])!;
  expect(ref.size).toBeGreaterThan(0);
  let worst = { gap: 0, where: '' };
  for (const backend of BACKENDS.slice(1)) {
    const got = losses.get(backend)!;
    for (const [id, want] of ref) {
      const have = got.get(id)!;
      expect(have, `${id} on ${backend}`).toHaveLength(STEPS);
      for (let s = 0; s < STEPS; s++) {
        const gap = Math.abs(have[s] - want[s]) / Math.max(1, Math.abs(want[s]));
        if (gap > worst.gap) worst = { gap, where: `${id} step ${s} on ${backend}` };
        expect(gap, `${id} step ${s}: ${backend} ${have[s]} vs ${BACKENDS[0]} ${want[s]}`).toBeLessThanOrEqual(TOLERANCE);
      }
    }
  }
  // The updates changed the loss: the steps after the first depend on the gradients.
  for (const [id, l] of ref) expect(l[STEPS - 1], id).not.toBe(l[0]);
  test.info().annotations.push({ type: 'largest relative gap', description: `${worst.gap.toExponential(2)} (${worst.where})` });
});
