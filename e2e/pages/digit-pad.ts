import type { Locator, Page } from '@playwright/test';

/** Strokes in the pad's unit square: each a list of [x, y] points. */
export type Strokes = ReadonlyArray<ReadonlyArray<readonly [number, number]>>;

/**
 * Draws on a digit pad (components/digits/DigitPad.tsx, the `pad` locator) with the mouse: each
 * stroke pressed at its first point, moved through the rest in small steps, released at the last.
 */
export async function drawOnPad(page: Page, pad: Locator, strokes: Strokes): Promise<void> {
  const canvas = pad.getByTestId('draw-pad');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  if (!box) throw new Error('the drawing pad is not visible');
  const at = ([x, y]: readonly [number, number]) => [box.x + x * box.width, box.y + y * box.height] as const;
  for (const stroke of strokes) {
    await page.mouse.move(...at(stroke[0]));
    await page.mouse.down();
    for (const p of stroke.slice(1)) await page.mouse.move(...at(p), { steps: 6 });
    await page.mouse.up();
  }
}
