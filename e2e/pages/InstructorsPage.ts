import type { FrameLocator, Locator, Page } from '@playwright/test';

/** Page object for /instructors (the embedding and authoring documentation). */
export class InstructorsPage {
  readonly heading: Locator;
  readonly widgets: Locator;
  readonly toc: Locator;
  readonly commonParams: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.widgets = page.getByTestId('widget-doc');
    this.toc = page.getByRole('navigation', { name: 'On this page', exact: true });
    this.commonParams = page.getByTestId('common-param-table');
  }

  async goto(hash = '') {
    await this.page.goto(`/instructors${hash ? `#${hash}` : ''}`);
  }

  widget(id: string): Locator {
    return this.page.locator(`[data-testid="widget-doc"][data-widget="${id}"]`);
  }

  /** The names in a widget's parameter table, in order. */
  async paramNames(id: string): Promise<string[]> {
    const rows = this.widget(id).getByTestId('param-table').locator('tbody tr');
    return rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-param') ?? ''));
  }

  /** The iframe code block (iframe + host script) of a widget. */
  embedCode(id: string): Locator {
    return this.widget(id).getByTestId('embed-iframe');
  }

  embedLink(id: string): Locator {
    return this.widget(id).getByTestId('embed-link');
  }

  copyButton(block: Locator): Locator {
    return block.getByRole('button', { name: 'Copy' });
  }

  copyStatus(block: Locator): Locator {
    return block.getByRole('status');
  }

  example(id: string): Locator {
    return this.widget(id).getByTestId('live-example');
  }

  exampleIframe(id: string): Locator {
    return this.example(id).locator('iframe');
  }

  exampleFrame(id: string): FrameLocator {
    return this.example(id).frameLocator('iframe');
  }

  /** Horizontal overflow of the whole page, in CSS pixels (0 when it fits). */
  overflow(): Promise<number> {
    return this.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  }
}
