import type { Locator, Page } from '@playwright/test';

/** Page object for /lessons/[slug]. */
export class LessonPage {
  readonly heading: Locator;
  readonly toc: Locator;
  readonly article: Locator;
  readonly lessonNav: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.toc = page.getByRole('navigation', { name: 'On this page', exact: true });
    this.article = page.locator('article');
    this.lessonNav = page.getByRole('navigation', { name: 'Lessons' });
  }

  async goto(slug: string) {
    await this.page.goto(`/lessons/${slug}`);
  }

  nextLink() {
    return this.lessonNav.getByRole('link', { name: /Next/ });
  }

  prevLink() {
    return this.lessonNav.getByRole('link', { name: /Previous/ });
  }
}
