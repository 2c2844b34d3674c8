import type { Frame, FrameLocator, Locator, Page } from '@playwright/test';
import { HOST_PORT } from '../../playwright.config';

/** A message the host page received (e2e/host/host.js records them all). */
export interface HostMessage {
  readonly origin: string;
  readonly data: unknown;
}

/**
 * The host page on another origin (e2e/host/host.html, served on HOST_PORT) with Layerwise embeds
 * in iframes and the site's /embed.js.
 */
export class EmbedHostPage {
  constructor(
    readonly page: Page,
    /** The site's origin, e.g. http://127.0.0.1:3107. */
    readonly site: string,
  ) {}

  static url(site: string, embeds: readonly string[], spacer = false): string {
    const q = new URLSearchParams({ site });
    for (const e of embeds) q.append('e', e);
    if (spacer) q.set('spacer', '1');
    return `http://127.0.0.1:${HOST_PORT}/host.html?${q}`;
  }

  async goto(embeds: readonly string[], { spacer = false } = {}) {
    await this.page.goto(EmbedHostPage.url(this.site, embeds, spacer));
  }

  iframe(i: number): Locator {
    return this.page.locator(`iframe[data-index="${i}"]`);
  }

  frame(i: number): FrameLocator {
    return this.page.frameLocator(`iframe[data-index="${i}"]`);
  }

  /** The Playwright Frame of an embed, for evaluate(). */
  async contentFrame(i: number): Promise<Frame> {
    const handle = await this.iframe(i).elementHandle();
    const frame = await handle?.contentFrame();
    if (!frame) throw new Error(`embed ${i} has no frame`);
    return frame;
  }

  async height(i: number): Promise<number> {
    return this.iframe(i).evaluate((el) => Math.round(el.getBoundingClientRect().height));
  }

  async messages(): Promise<HostMessage[]> {
    return this.page.evaluate(() => (window as unknown as { __messages: HostMessage[] }).__messages);
  }

  /** The height the embed named `id` last reported in a layerwise:resize message (-1: none yet). */
  async lastReportedHeight(id: string): Promise<number> {
    const all = (await this.messages())
      .map((m) => m.data as { type?: string; id?: string; height?: number })
      .filter((d) => d.type === 'layerwise:resize' && d.id === id);
    return all.at(-1)?.height ?? -1;
  }

  /**
   * Waits until embed `i` (named `id` in its messages) has the height it last reported and keeps
   * it for half a second (widgets that load in steps report several heights); returns it.
   */
  async settledHeight(i: number, id: string, timeout = 30_000): Promise<number> {
    const until = Date.now() + timeout;
    let previous = -1;
    for (;;) {
      const h = await this.height(i);
      if (h === (await this.lastReportedHeight(id)) && h === previous) return h;
      if (Date.now() > until) throw new Error(`embed ${i} (${id}) did not settle: ${h}px, last report ${await this.lastReportedHeight(id)}px`);
      previous = h;
      await this.page.waitForTimeout(500);
    }
  }

  async scrollTo(y: number) {
    await this.page.evaluate((top) => window.scrollTo({ top, behavior: 'instant' }), y);
  }
}
