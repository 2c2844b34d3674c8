import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/**
 * The rules axe-core judges a page by: WCAG 2.0 / 2.1 / 2.2 levels A and AA plus Deque's best
 * practices. That is a superset of what Lighthouse's accessibility category runs (wcag2a, wcag2aa and
 * a hand-picked list of best-practice rules such as landmark-one-main, label-content-name-mismatch,
 * link-in-text-block and target-size), so a page clean here scores 1.0 there too.
 */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] as const;

/** One violated rule on one element, flattened so a failure reads as a list. */
export interface AxeFinding {
  readonly rule: string;
  readonly impact: string;
  readonly target: string;
  readonly summary: string;
  readonly help: string;
}

/**
 * Scrolls the whole page down one screen at a time, pausing on each, then back to the top: widgets
 * hydrate, load their chunk or start as they approach the viewport, and the instructors' live
 * examples load once their place has stayed near the viewport for a moment (LiveExample's dwell).
 */
export async function scrollThrough(page: Page, pauseMs = 450): Promise<void> {
  await page.evaluate(async (pause) => {
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const step = Math.max(200, Math.floor(window.innerHeight * 0.8));
    // The page grows while widgets render: re-read its height on every step.
    for (let y = 0; y < document.documentElement.scrollHeight; y += step) {
      window.scrollTo({ top: y, behavior: 'instant' });
      await sleep(pause);
    }
    window.scrollTo({ top: 0, behavior: 'instant' });
  }, pauseMs);
  await page.waitForLoadState('networkidle');
}

/**
 * Runs axe on the page as it is now and returns every violation, node by node. Framed documents are
 * left out: the only frames are the embeds on /instructors, each checked as a page of its own here,
 * and axe would otherwise merge their headings and landmarks into the host page's outline (an embed
 * starts with its own h1, whatever page frames it). The iframe elements themselves are checked.
 */
export async function axeFindings(page: Page, rules?: readonly string[]): Promise<AxeFinding[]> {
  // `options()` replaces every option set before it (runOnly included), so the colour rules come
  // after it. The full pass keeps the order it has always had: there `options()` drops the tags, and
  // axe runs its default rule set (every rule not disabled by default) rather than AXE_TAGS alone.
  const results = await (
    rules
      ? new AxeBuilder({ page }).options({ iframes: false }).withRules([...rules])
      : new AxeBuilder({ page }).withTags([...AXE_TAGS]).options({ iframes: false })
  ).analyze();
  return results.violations.flatMap((v) =>
    v.nodes.map((n) => ({
      rule: v.id,
      impact: n.impact ?? v.impact ?? 'unknown',
      target: n.target.map((t) => (Array.isArray(t) ? t.join(' >> ') : String(t))).join(' >> '),
      // axe's summary starts with "Fix any/all of the following:"; the lines after it say what is wrong.
      summary: (n.failureSummary ?? '')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !/^Fix (any|all) of the following:$/.test(l))
        .join('; '),
      help: v.help,
    })),
  );
}

/**
 * The rules of AXE_TAGS whose outcome depends on the colours: text contrast, and links told apart
 * from the text around them by colour alone (WCAG 1.4.1/1.4.3). The site's colour schemes are CSS
 * only (the `dark` class on <html>; no component reads the scheme to render other markup), so in a
 * second scheme these are the only rules that can judge differently: the others see the same markup.
 */
export const COLOUR_RULES = ['color-contrast', 'link-in-text-block'] as const;

/**
 * Switches the page to another colour scheme as the reader's system would, live, and waits until
 * the site has followed it (the `dark` class on <html>) and every finite CSS transition has ended,
 * so that axe reads the scheme's final colours rather than a colour halfway through a transition.
 */
export async function switchScheme(page: Page, scheme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
  const html = page.locator('html');
  if (scheme === 'dark') await expect(html).toHaveClass(/\bdark\b/);
  else await expect(html).not.toHaveClass(/\bdark\b/);
  await transitionsEnded(page);
}

/**
 * The page as it stands, in both schemes from one load: every rule in light, then the colour rules
 * (COLOUR_RULES) after switching to dark. Each scheme's findings are listed if there are any.
 */
export async function expectAccessibleInBothSchemes(page: Page): Promise<void> {
  const light = await axeFindings(page);
  expect(light, `light: ${formatFindings(light)}`).toEqual([]);
  await switchScheme(page, 'dark');
  const dark = await axeFindings(page, COLOUR_RULES);
  expect(dark, `dark: ${formatFindings(dark)}`).toEqual([]);
}

/**
 * Resolves once every finite CSS transition and animation on the page has ended (the document's
 * Web Animations; endless ones, such as a spinner, are not waited for): the state a picture or a
 * colour check should see, without a fixed wait.
 */
export async function transitionsEnded(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime)))
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
}

/** "serious color-contrast at pre > code > span:nth-child(3): Element has insufficient colour contrast…" */
export function formatFindings(findings: readonly AxeFinding[]): string {
  if (findings.length === 0) return 'no violations';
  const lines = findings.map((f) => `  [${f.impact}] ${f.rule} (${f.help})\n      at ${f.target}\n      ${f.summary}`);
  return `${findings.length} axe violation(s):\n${lines.join('\n')}`;
}
