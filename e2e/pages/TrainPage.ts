import type { Locator, Page } from '@playwright/test';

/** Page object for the training lab, /train. */
export class TrainPage {
  readonly setup: Locator;

  constructor(readonly page: Page) {
    this.setup = page.getByRole('region', { name: 'Setup' });
  }

  async goto(query = '') {
    await this.page.goto(`/train${query ? `?${query}` : ''}`);
  }

  get notices() {
    return this.page.getByRole('status').filter({ hasText: 'Some settings in the link were not used' });
  }

  model(id: string) {
    return this.setup.getByRole('checkbox', { name: new RegExp(`^${id}\\b`) });
  }

  setting(label: string | RegExp) {
    return this.setup.getByLabel(label, { exact: typeof label === 'string' });
  }

  get run() {
    return this.page.getByTestId('train-run');
  }

  /** The controls' phase: idle, booting, loading, training, paused, done, cancelled, failed. */
  get controls() {
    return this.page.getByTestId('train-controls');
  }

  button(name: string) {
    return this.controls.getByRole('button', { name, exact: true });
  }

  /** Steps done by the model on screen (its Step stat's data-step). */
  async step(): Promise<number> {
    return Number(await this.page.getByTestId('stat-step').getAttribute('data-step'));
  }

  get testAccuracy() {
    return this.page.getByTestId('stat-test-accuracy');
  }

  /** tfjs' tensor count (the runtime's hook; -1 before tfjs was loaded). */
  numTensors(): Promise<number> {
    return this.page.evaluate(() => (window as unknown as { __layerwiseLab?: { numTensors(): number } }).__layerwiseLab?.numTensors() ?? -1);
  }
}
