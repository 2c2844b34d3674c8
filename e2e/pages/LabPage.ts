import type { Locator, Page } from '@playwright/test';
import { drawOnPad, type Strokes } from './digit-pad';

/** Page object for the model lab, /models/[id]. */
export class LabPage {
  readonly totals: Locator;
  readonly knobs: Locator;
  readonly layerTable: Locator;

  constructor(readonly page: Page) {
    this.totals = page.getByRole('definition').filter({ has: page.locator('[data-total]') });
    this.knobs = page.getByRole('region', { name: 'Knobs' });
    this.layerTable = page.getByRole('table', { name: /Layers of/ });
  }

  async goto(id: string, query = '') {
    await this.page.goto(`/models/${id}${query ? `?${query}` : ''}`);
  }

  total(label: string) {
    return this.page.locator(`[data-total="${label}"]`);
  }

  knob(label: string | RegExp) {
    return this.knobs.getByLabel(label);
  }

  get graph() {
    return this.page.getByRole('region', { name: 'Architecture' });
  }

  graphItem(label: RegExp) {
    return this.page.locator('svg').getByRole('button', { name: label });
  }

  get runner() {
    return this.page.getByTestId('lab-runner');
  }

  async run() {
    await this.runner.getByRole('button', { name: /^Run/ }).click();
    await this.page.getByTestId('top5').waitFor({ timeout: 120_000 });
  }

  /** The .safetensors input of the weights picker ('torchvision' for ImageNet models, 'trained' for digits). */
  weightsFile(kind: 'torchvision' | 'trained' = 'torchvision') {
    return this.runner.getByLabel(`${kind} .safetensors weights file`);
  }

  /** Digits models: the digit pad (draw, or pick a test digit from the grid). */
  get digitPad() {
    return this.runner.getByTestId('digit-pad');
  }

  /** The digit pad's test-digit grid (one radio group). */
  get digitGrid() {
    return this.digitPad.getByRole('radiogroup', { name: 'Test digits' });
  }

  /** The grid's cell for test digit `index` (when it is on the page shown). */
  digitCell(index: number) {
    return this.digitGrid.locator(`[data-index="${index}"]`);
  }

  /** Draws on the lab's digit pad with the mouse (drawOnPad). */
  async draw(strokes: Strokes) {
    await drawOnPad(this.page, this.digitPad, strokes);
  }

  /** Digits models: the test-accuracy section. */
  get testAccuracy() {
    return this.page.getByTestId('test-accuracy');
  }

  /** Runs "Test accuracy (digits test split, …)" and waits for the result; returns the accuracy. */
  async runTestAccuracy(timeout = 240_000): Promise<number> {
    await this.testAccuracy.getByRole('button', { name: /^Test accuracy \(digits test split/ }).click();
    const value = this.testAccuracy.getByTestId('test-accuracy-value');
    await value.waitFor({ timeout });
    return Number(await value.getAttribute('data-accuracy'));
  }

  selectLayerInTable(name: string) {
    return this.layerTable.getByRole('button', { name, exact: true }).click();
  }
}
