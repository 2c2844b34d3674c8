import { axeFindings, expectAccessibleInBothSchemes, formatFindings, scrollThrough } from './axe';
import { expect, test } from './fixtures';
import { LabPage } from './pages/LabPage';
import { drawOnPad } from './pages/digit-pad';
import { TrainPage } from './pages/TrainPage';

// The digit pad (issue 14): a digit drawn with the mouse is read by the model live, MNIST-centred,
// with undo and clear; an empty pad gives a hint and no prediction. WASM keeps it fast on 2 cores.

/** A "1": one stroke down the middle. */
const ONE = [
  [
    [0.52, 0.12],
    [0.5, 0.5],
    [0.48, 0.88],
  ],
] as const;

/** A "0": an ellipse, one stroke. */
const ZERO = [
  Array.from({ length: 25 }, (_, i) => {
    const a = (i / 24) * 2 * Math.PI;
    return [0.5 + 0.25 * Math.sin(a), 0.5 - 0.36 * Math.cos(a)] as const;
  }),
];

test('a digit drawn with the mouse is read live; undo, clear and the tensor count', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.goto('resnet_digits', 'backend=wasm');
  await expect(lab.digitGrid.getByRole('radio', { checked: true })).toHaveAccessibleName('test digit 0, a 1', { timeout: 60_000 });
  const status = lab.digitPad.getByTestId('pad-status');
  const top5 = page.getByTestId('top5').getByRole('listitem');

  // Drawing needs no press of Run: the first stroke loads the model and reads the drawing.
  await lab.draw(ONE);
  await expect(status).toHaveText('The model reads your drawing (1 stroke).');
  await expect(lab.digitPad).toHaveAttribute('data-source', 'drawn');
  await expect(top5).toHaveCount(5, { timeout: 120_000 });
  for (const t of await top5.allTextContents()) expect(t).toMatch(/^\d\.\s*[0-9]\s*[\d.<]+%$/);
  // The lab runs the shipped trained weights by default (≥ 97% on the test split): the drawn 1 is read as 1.
  await expect(top5.first().locator('[title]')).toHaveText('1');
  await expect(lab.digitPad.getByRole('img', { name: 'What the model reads: your drawing as a 28×28 digit' })).toBeVisible();
  await expect(lab.runner.getByRole('img', { name: 'What the model sees: the 28×28 digit' })).toBeVisible();
  // The grid shows no chosen digit while the drawing is the input.
  await expect(lab.digitGrid.getByRole('radio', { checked: true })).toHaveCount(0);
  const tensors = lab.runner.getByTestId('runner-num-tensors');
  await expect(tensors).not.toHaveText('—');
  const after1 = await tensors.textContent();

  // What the model saw follows the drawing: a second stroke makes it a different 28×28 input.
  const seen = () => page.evaluate(() => (document.querySelector('[aria-label^="What the model sees"]') as HTMLCanvasElement).toDataURL());
  const one = await seen();
  await lab.draw([
    [
      [0.3, 0.3],
      [0.52, 0.12],
    ],
  ]);
  await expect(status).toHaveText('The model reads your drawing (2 strokes).');
  await expect.poll(seen, { timeout: 60_000 }).not.toBe(one);
  // Many more strokes, each read as it is drawn: the tensor count stays where it was.
  for (let k = 0; k < 6; k++)
    await lab.draw([
      [
        [0.2 + 0.1 * k, 0.9],
        [0.25 + 0.1 * k, 0.8],
        [0.2 + 0.1 * k, 0.7],
      ],
    ]);
  await expect(status).toHaveText('The model reads your drawing (8 strokes).');
  await expect(page.getByTestId('lab-runner').getByRole('button', { name: 'Run again' })).toBeEnabled({ timeout: 60_000 });
  await expect(tensors).toHaveText(after1!);

  // Undo takes the last stroke back; Clear empties the pad: a hint, no prediction.
  await lab.digitPad.getByRole('button', { name: 'Undo' }).click();
  await expect(status).toHaveText('The model reads your drawing (7 strokes).');
  await lab.digitPad.getByRole('button', { name: 'Clear' }).click();
  await expect(status).toContainText('Draw a digit, 0 to 9');
  await expect(page.getByTestId('top5')).toHaveCount(0);
  await expect(lab.runner).toContainText('Draw a digit on the pad, or pick a test digit, and the model reads it.');
  await expect(lab.digitPad.getByRole('button', { name: 'Undo' })).toBeDisabled();

  // A "0" drawn after the clear; then a test digit is the input again, with one click.
  await lab.draw(ZERO);
  await expect(status).toHaveText('The model reads your drawing (1 stroke).');
  await expect(top5).toHaveCount(5, { timeout: 60_000 });
  await expect(top5.first().locator('[title]')).toHaveText('0');
  await lab.digitCell(3).click();
  await expect(status).toHaveText(/^The model reads test digit 3, a \d\.$/);
  await expect(page).toHaveURL(/[?&]digit=3(&|$)/);
  await expect(lab.digitPad.getByRole('button', { name: 'Use the drawing' })).toBeVisible();
  await expect(top5).toHaveCount(5);
  await expect(tensors).toHaveText(after1!);
});

test('the runner embed of a digits model has the pad: its digit in the link, drawing read live', async ({ page }) => {
  await page.goto('/embed/lab-runner?v=1&model=resnet_digits&backend=wasm&digit=37');
  const lab = new LabPage(page);
  const checked = lab.digitGrid.getByRole('radio', { checked: true });
  await expect(checked).toHaveAccessibleName(/^test digit 37, a \d$/, { timeout: 60_000 });
  await checked.focus();
  await page.keyboard.press('ArrowRight');
  await expect(checked).toHaveAttribute('data-index', '38');
  await expect(page).toHaveURL(/[?&]digit=38(&|$)/);
  await lab.draw(ONE);
  await expect(lab.digitPad.getByTestId('pad-status')).toHaveText('The model reads your drawing (1 stroke).');
  await expect(page.getByTestId('top5').getByRole('listitem')).toHaveCount(5, { timeout: 120_000 });
  const findings = await axeFindings(page);
  expect(findings, formatFindings(findings)).toEqual([]);
});

test('/train reads its feature maps on a digit drawn on the pad, or picked by keyboard', async ({ page }) => {
  const lab = new TrainPage(page);
  await lab.goto('models=mnasnet_digits&backend=wasm&batch=16&steps=3&evalEvery=3');
  await lab.button('Train').click();
  await expect(lab.controls).toHaveAttribute('data-phase', 'done', { timeout: 120_000 });
  const detail = page.getByTestId('model-detail');
  await expect(detail).toContainText('Feature maps of test digit 0 (a 1), after 3 steps');
  const chooser = detail.getByTestId('feature-digit');
  await chooser.locator('summary').click();
  const pad = chooser.getByTestId('digit-pad');
  await expect(pad.getByRole('radiogroup', { name: 'Test digits' }).getByRole('radio', { checked: true })).toHaveAccessibleName('test digit 0, a 1', {
    timeout: 60_000,
  });
  await drawOnPad(page, pad, ZERO);
  await expect(detail).toContainText('Feature maps of your drawing, after 3 steps');
  await expect(page.getByTestId('feature-maps').locator('[data-channel]').first()).toBeVisible();
  // Back to a test digit with the keyboard: the grid's tab stop, then an arrow.
  await pad.getByRole('radiogroup', { name: 'Test digits' }).locator('[tabindex="0"]').focus();
  await page.keyboard.press('ArrowRight');
  await expect(detail).toContainText(/Feature maps of test digit 1 \(a \d\), after 3 steps/);
  await expect(page.getByTestId('feature-maps').locator('[data-channel]').first()).toBeVisible();
  const findings = await axeFindings(page);
  expect(findings, formatFindings(findings)).toEqual([]);
});

// One page load for both schemes: every rule in light, then the colour rules once the page has
// followed the system to dark (e2e/axe.ts, COLOUR_RULES: the markup is the same in both).
test('the digit pad with a drawing passes axe, light and dark', async ({ page }) => {
  test.setTimeout(240_000);
  await page.emulateMedia({ colorScheme: 'light' });
  const lab = new LabPage(page);
  await lab.goto('resnet_digits', 'backend=wasm');
  await expect(lab.digitGrid.getByRole('radio', { checked: true })).toBeVisible({ timeout: 60_000 });
  await lab.draw(ZERO);
  await expect(page.getByTestId('top5').getByRole('listitem')).toHaveCount(5, { timeout: 120_000 });
  await scrollThrough(page);
  await expectAccessibleInBothSchemes(page);
});
