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
}
