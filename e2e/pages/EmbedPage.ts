import type { FrameLocator, Locator, Page } from '@playwright/test';

/** One embed page (/embed/<widget>), opened directly or inside a host page's iframe. */
export class EmbedPage {
  readonly root: Locator;
  readonly widget: Locator;
  readonly notices: Locator;
  readonly share: Locator;

  constructor(readonly scope: Page | FrameLocator) {
    this.root = scope.locator('[data-embed-root]');
    this.widget = scope.getByTestId('embed-widget');
    this.notices = scope.getByRole('status').filter({ hasText: 'Some parameters of this embed were not used' });
    this.share = scope.getByTestId('share-panel');
  }

  static path(id: string, query = ''): string {
    return `/embed/${id}?v=1${query ? `&${query}` : ''}`;
  }

  get startButton(): Locator {
    return this.scope.getByRole('button', { name: 'Start' });
  }

  /** waiting | click-to-start | running | paused */
  phase(): Promise<string | null> {
    return this.root.getAttribute('data-phase');
  }

  control(name: string): Locator {
    return this.scope.locator(`[data-control="${name}"]`);
  }
}
