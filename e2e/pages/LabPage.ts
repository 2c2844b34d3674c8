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

  selectLayerInTable(name: string) {
    return this.layerTable.getByRole('button', { name, exact: true }).click();
  }
}
