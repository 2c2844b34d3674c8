import { expect, test } from './fixtures';

test('dark mode follows the system until the reader chooses, and the choice is remembered', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/lessons/intro');
  const html = page.locator('html');
  await expect(html).toHaveClass(/dark/);
  const themes = page.getByRole('radiogroup', { name: 'Colour theme' });
  await expect(themes.getByRole('radio', { name: 'System' })).toHaveAttribute('aria-checked', 'true');

  await themes.getByRole('radio', { name: 'Light' }).click();
  await expect(html).not.toHaveClass(/dark/);
  await page.reload();
  await expect(html).not.toHaveClass(/dark/);
  await expect(themes.getByRole('radio', { name: 'Light' })).toHaveAttribute('aria-checked', 'true');

  await themes.getByRole('radio', { name: 'System' }).click();
  await expect(html).toHaveClass(/dark/);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(html).not.toHaveClass(/dark/);
});

test('a phone-sized screen has no sideways scrolling and shows the compact contents', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of ['/', '/lessons/intro', '/lessons/shufflenet-v2', '/models', '/models/mnasnet_a1']) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `horizontal overflow on ${path}`).toBeLessThanOrEqual(0);
  }
  await page.goto('/lessons/intro');
  await page.getByText('On this page').first().click();
  await expect(page.getByRole('navigation', { name: 'On this page (compact)' })).toBeVisible();
});

test('the keyboard reaches a skip link first, and it jumps to the content', async ({ page }) => {
  await page.goto('/lessons/densenet');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
});

test('reduced motion turns smooth scrolling off', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/lessons/intro');
  const behavior = await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior);
  expect(behavior).toBe('auto');
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior)).toBe('smooth');
});
