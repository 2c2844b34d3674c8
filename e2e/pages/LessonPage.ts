import { expect, type Locator, type Page } from '@playwright/test';

/** Page object for /lessons/[slug]. */
export class LessonPage {
  readonly heading: Locator;
  readonly toc: Locator;
  readonly article: Locator;
  readonly lessonNav: Locator;
  /** The shells of the lesson's widgets (components/widgets/DeferredWidget.tsx). */
  readonly widgetShells: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.toc = page.getByRole('navigation', { name: 'On this page', exact: true });
    this.article = page.locator('article');
    this.lessonNav = page.getByRole('navigation', { name: 'Lessons' });
    this.widgetShells = page.locator('[data-lesson-widget]');
  }

  /** Opens the lesson with every widget hydrated, scrolled back to the top. */
  async goto(slug: string) {
    await this.page.goto(`/lessons/${slug}`);
    await this.hydrateWidgets();
  }

  /**
   * Widgets hydrate as they near the viewport, and a click on server HTML that is not hydrated yet
   * does nothing: bring each widget into view in turn and wait until it has hydrated.
   */
  async hydrateWidgets() {
    for (const shell of await this.widgetShells.all()) {
      await shell.scrollIntoViewIfNeeded();
      await expect(shell).toHaveAttribute('data-hydrated', '', { timeout: 60_000 });
    }
    await this.page.evaluate(() => window.scrollTo(0, 0));
  }

  nextLink() {
    return this.lessonNav.getByRole('link', { name: /Next/ });
  }

  prevLink() {
    return this.lessonNav.getByRole('link', { name: /Previous/ });
  }
}
