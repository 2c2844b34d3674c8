import { buildGraph } from '../lib/arch';
import { heInit } from '../lib/runtime/weights/he-init';
import { writeSafetensors } from '../lib/runtime/weights/safetensors-writer';
import { expectAccessibleInBothSchemes, scrollThrough } from './axe';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { LabPage } from './pages/LabPage';

// The model lab with digits models (issue 13): a test digit as input, digit classes, the test
// accuracy on the 2,000-image test split through the normal inference path, and the handoff of
// trained weights from /train (IndexedDB, `trained=<key>`). WASM keeps it fast on 2 cores.

const MODEL = 'mnasnet_digits';

function weightsFor(id: string, seed: number): Buffer {
  return Buffer.from(writeSafetensors(heInit(buildGraph(id), seed)));
}

/** What /train does (lib/train/handoff.ts): one record in the browser's IndexedDB, keyed for the link. */
async function storeTrained(page: Page, key: string, modelId: string, bytes: number[]): Promise<void> {
  await page.evaluate(
    async ({ key, bytes, modelId }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open('layerwise-trained', 1);
        r.onupgradeneeded = () => r.result.createObjectStore('weights', { keyPath: 'key' });
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      await new Promise<void>((resolve, reject) => {
        const t = db.transaction('weights', 'readwrite');
        t.objectStore('weights').put({ key, modelId, label: `${modelId}, seed 5`, bytes: new Uint8Array(bytes), savedAt: Date.now() });
        t.oncomplete = () => resolve();
        t.onerror = () => reject(t.error);
      });
      db.close();
    },
    { key, bytes, modelId },
  );
}

test('a digits model runs on a test digit picked with the keyboard, and its test accuracy completes', async ({ page }) => {
  const lab = new LabPage(page);
  // Random weights on purpose (a digits model starts with its shipped trained ones: lab-shipped-weights.spec.ts).
  await lab.goto(MODEL, 'backend=wasm&weights=random');
  // No photo inputs for a digits model; the reason is on the page.
  await expect(lab.digitPad).toBeVisible();
  await expect(lab.runner.getByLabel('Image file')).toHaveCount(0);
  await expect(lab.runner.getByRole('button', { name: 'Use the camera' })).toHaveCount(0);
  await expect(lab.runner.getByTestId('digits-input-note')).toContainText('Photos, uploads and the camera are not offered');
  // The default, test digit 0, is chosen. The split is pinned (lib/data/digits/README.md): test
  // digit 0 is a 1, the first 0 is digit 5.
  const checked = lab.digitGrid.getByRole('radio', { checked: true });
  await expect(checked).toHaveAccessibleName('test digit 0, a 1', { timeout: 60_000 });
  // Keyboard: one tab stop (the chosen digit); the arrows move and choose; the URL follows.
  await checked.focus();
  await page.keyboard.press('ArrowRight');
  await expect(checked).toHaveAttribute('data-index', '1');
  await expect(checked).toBeFocused();
  await expect(page).toHaveURL(/[?&]digit=1(&|$)/);
  await page.keyboard.press('ArrowDown');
  await expect(checked).toHaveAttribute('data-index', '11');
  await expect(lab.digitGrid.locator('[tabindex="0"]')).toHaveCount(1);
  // Page Down: the same cell of the next page (50 digits a page).
  await page.keyboard.press('PageDown');
  await expect(checked).toHaveAttribute('data-index', '61');
  await expect(checked).toBeFocused();
  await expect(lab.digitPad.getByTestId('test-digit-page')).toContainText('51–100 of 2,000');
  await page.keyboard.press('Home');
  await expect(checked).toHaveAttribute('data-index', '60');
  // Only the 0s: the first is test digit 5.
  await lab.digitPad.getByLabel('Show', { exact: true }).selectOption('0');
  await lab.digitGrid.locator('[tabindex="0"]').focus();
  await expect(lab.digitGrid.locator('[tabindex="0"]')).toHaveAccessibleName('test digit 5, a 0');
  await page.keyboard.press('Space');
  await expect(page).toHaveURL(/[?&]digit=5(&|$)/);
  await expect(lab.digitPad.getByTestId('pad-status')).toHaveText('The model reads test digit 5, a 0.');
  // The number field reaches any digit; test digit 0 is the default again (no digit= in the URL).
  await lab.digitPad.getByLabel('Show', { exact: true }).selectOption('all');
  await lab.digitPad.getByLabel('Test digit', { exact: true }).fill('0');
  await expect(checked).toHaveAccessibleName('test digit 0, a 1');
  await expect(page).not.toHaveURL(/digit=/);

  await lab.run();
  const top5 = page.getByTestId('top5').getByRole('listitem');
  await expect(top5).toHaveCount(5);
  for (const t of await top5.allTextContents()) expect(t).toMatch(/^\d\.\s*[0-9]\s*[\d.<]+%$/);
  await expect(page.getByTestId('random-weights-note')).toContainText('These weights are random (seed 0), so these predictions mean nothing');
  await expect(lab.runner.getByRole('img', { name: 'What the model sees: the 28×28 digit' })).toBeVisible();

  const accuracy = await lab.runTestAccuracy();
  expect(accuracy).toBeGreaterThanOrEqual(0);
  expect(accuracy).toBeLessThanOrEqual(1);
  await expect(lab.testAccuracy.getByTestId('test-accuracy-value')).toHaveAttribute('data-n', '2000');
  await expect(lab.testAccuracy.getByTestId('test-accuracy-random')).toContainText('random');
  const matrix = lab.testAccuracy.getByRole('table', { name: /Confusion matrix/ });
  await expect(matrix.getByRole('rowheader')).toHaveCount(10);
  // Every test digit is counted once.
  const counts = await matrix.locator('tbody td:not(:last-child)').allTextContents();
  expect(counts.map(Number).reduce((a, b) => a + b, 0)).toBe(2000);

  // The feature maps show the 1-channel input beside them.
  await lab.selectLayerInTable('layers.0');
  await expect(page.getByTestId('feature-maps').locator('[data-channel]').first()).toBeVisible();
});

test('a test in progress can be cancelled, and the tensors return to their count after the run', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.goto('resnet_digits', 'backend=wasm&digit=17');
  await lab.run();
  const after = Number(await lab.runner.getAttribute('data-num-tensors'));
  await lab.testAccuracy.getByRole('button', { name: /^Test accuracy/ }).click();
  const cancel = lab.testAccuracy.getByRole('button', { name: 'Cancel' });
  await expect(cancel).toBeVisible();
  await expect(lab.testAccuracy.getByRole('progressbar')).toBeVisible();
  await cancel.click();
  await expect(lab.testAccuracy).toContainText('Cancelled; everything the run had made was freed.');
  await expect(lab.testAccuracy.getByTestId('test-accuracy-value')).toHaveCount(0);
  expect(await page.evaluate(() => globalThis.__layerwiseLab?.numTensors())).toBe(after);
});

test('weights stored by /train open with trained=<key>; a missing key says so; an upload still works', async ({ page }) => {
  const lab = new LabPage(page);
  // A missing key: a clear notice; the model keeps its default, the shipped trained weights.
  await lab.goto(MODEL, 'backend=wasm&trained=zzzzzz-00000000');
  await expect(page.getByTestId('trained-notice')).toContainText('are not stored in this browser');
  await expect(page.getByTestId('trained-notice')).toContainText('The model uses its trained weights shipped with the site instead.');

  const bytes = [...weightsFor(MODEL, 5)];
  const key = 'e2e0001-abcdefgh';
  await storeTrained(page, key, MODEL, bytes);
  await lab.goto(MODEL, `backend=wasm&trained=${key}`);
  await expect(page.getByTestId('trained-notice')).toContainText(`Weights trained on the Train page (${MODEL}, seed 5) go to the runner below`);
  await expect(lab.runner.getByText(/^Loaded: /)).toHaveText(`Loaded: ${MODEL}, seed 5 (trained).safetensors`, { timeout: 120_000 });
  await expect(page.getByTestId('top5').getByRole('listitem')).toHaveCount(5);
  await expect(page.getByTestId('random-weights-note')).toHaveCount(0);

  // Bytes the runner refuses: its usual message, and the default (the shipped trained weights) runs.
  await storeTrained(page, 'e2e0002-abcdefgh', MODEL, [1, 2, 3]);
  await lab.goto(MODEL, 'backend=wasm&trained=e2e0002-abcdefgh');
  await expect(lab.runner.getByRole('alert').filter({ hasText: 'could not be used' })).toContainText(
    `${MODEL}, seed 5 (trained).safetensors could not be used. The previous weights (shipped trained weights) stay loaded.`,
    { timeout: 120_000 },
  );
  await expect(lab.runner.getByTestId('weights-loaded')).toHaveText(/^Loaded: Trained weights shipped with the site \(/);
  await expect(page.getByTestId('random-weights-note')).toHaveCount(0);

  // The same key in another model's lab is not loaded there.
  await lab.goto('resnet_digits', `backend=wasm&trained=${key}`);
  await expect(page.getByTestId('trained-notice')).toContainText(`were trained for ${MODEL}, not resnet_digits`);

  // Uploading a .safetensors file still works for digits models.
  await lab.goto('resnet_digits', 'backend=wasm');
  await lab.run();
  await lab
    .weightsFile('trained')
    .setInputFiles({ name: 'resnet_digits.safetensors', mimeType: 'application/octet-stream', buffer: weightsFor('resnet_digits', 9) });
  await expect(lab.runner.getByText(/^Loaded: /)).toHaveText('Loaded: resnet_digits.safetensors', { timeout: 120_000 });
});

test('/compare offers no digits model; /models shows each model’s input', async ({ page }) => {
  await page.goto('/compare');
  await expect(page.getByRole('checkbox', { name: 'resnet50' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: /_digits$/ })).toHaveCount(0);
  await page.goto('/models');
  const row = page.getByRole('row', { name: /^resnet_digits/ });
  await expect(row).toContainText('28×28 grey, digits');
});

// One page load for both schemes: every rule in light, then the colour rules once the page has
// followed the system to dark (e2e/axe.ts, COLOUR_RULES: the markup is the same in both).
test('a digits lab with its test result passes axe, light and dark', async ({ page }) => {
  test.setTimeout(240_000);
  await page.emulateMedia({ colorScheme: 'light' });
  const lab = new LabPage(page);
  // resnet_digits: the graph's MnasNet block cards cut their titles ("Block 2: mbconv3 3x3…"),
  // which axe flags (label-content-name-mismatch) on every MnasNet lab; not a digits matter.
  await lab.goto('resnet_digits', 'backend=wasm&trained=zzzzzz-00000000');
  await expect(page.getByTestId('trained-notice')).toBeVisible();
  await lab.run();
  await lab.runTestAccuracy();
  await scrollThrough(page);
  await expectAccessibleInBothSchemes(page);
});
