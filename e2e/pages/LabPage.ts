import type { Locator, Page } from '@playwright/test';

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

  /** Digits models: the test-digit picker (radio group of two digits per class + a number field). */
  get digitPicker() {
    return this.runner.getByTestId('digit-picker');
  }

  /** The offered test digit `nth` (0-based, two per class: 0, 0, 1, 1, …). */
  digitRadio(nth: number) {
    return this.digitPicker.getByRole('radiogroup', { name: 'Test digits' }).getByRole('radio').nth(nth);
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
