import { getLessons } from '../lib/content/lessons';
import { expect, test } from './fixtures';
import { LessonPage } from './pages/LessonPage';

const lessons = getLessons();

test('the home page lists every lesson with its summary and year', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const list = page.locator('#lessons li');
  await expect(list).toHaveCount(lessons.length);
  for (const [i, l] of lessons.entries()) {
    const item = list.nth(i);
    await expect(item.getByRole('link')).toHaveAttribute('href', `/lessons/${l.slug}`);
    await expect(item).toContainText(l.meta.title);
    await expect(item).toContainText(l.meta.summary);
    await expect(item).toContainText(String(l.meta.year));
  }
});

for (const [i, l] of lessons.entries()) {
  test(`lesson "${l.slug}" renders headings, math, contents, references and navigation`, async ({ page }) => {
    const lesson = new LessonPage(page);
    await lesson.goto(l.slug);
    await expect(lesson.heading).toHaveText(l.meta.title);
    await expect(page).toHaveTitle(new RegExp(l.meta.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));

    // Math is rendered at build time by KaTeX, without errors.
    await expect(lesson.article.locator('.katex').first()).toBeVisible();
    await expect(lesson.article.locator('.katex-error')).toHaveCount(0);

    // Every contents entry points at a heading that exists, with a stable anchor.
    const entries = lesson.toc.getByRole('link');
    const count = await entries.count();
    expect(count).toBeGreaterThan(1);
    for (let j = 0; j < count; j++) {
      const href = await entries.nth(j).getAttribute('href');
      expect(href).toMatch(/^#[a-z0-9-]+$/);
      await expect(page.locator(`${href} , [id="${href!.slice(1)}"]`).first()).toBeAttached();
    }
    const firstH2 = lesson.article.getByRole('heading', { level: 2 }).first();
    await expect(firstH2.getByRole('link', { name: 'Link to this section' })).toHaveAttribute('href', /^#/);

    // References: the lesson's paper (or, for a lesson about several, the first of them) is cited and linked.
    const refs = page.locator('section[aria-labelledby="references"]');
    const cited = l.meta.paper ?? l.meta.references[0];
    await expect(refs.getByRole('link', { name: cited.title, exact: true })).toHaveAttribute('href', cited.url);

    // Previous / next follow the course order.
    if (i > 0) await expect(lesson.prevLink()).toHaveAttribute('href', `/lessons/${lessons[i - 1].slug}`);
    else await expect(lesson.prevLink()).toHaveCount(0);
    if (i < lessons.length - 1) {
      await lesson.nextLink().click();
      await expect(page).toHaveURL(new RegExp(`/lessons/${lessons[i + 1].slug}$`));
      await expect(lesson.heading).toHaveText(lessons[i + 1].meta.title);
    } else {
      await expect(lesson.nextLink()).toHaveCount(0);
    }
  });
}

test('an unknown lesson is a helpful 404 page', async ({ page }) => {
  // The 404 status itself is logged by Chromium as a console error; this test expects exactly that.
  const response = await page.request.get('/lessons/no-such-lesson');
  expect(response.status()).toBe(404);
  expect(await response.text()).toContain('Page not found');
});
