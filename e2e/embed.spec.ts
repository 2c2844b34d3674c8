import { STATIC_PORT } from '../playwright.config';
import { WIDGETS } from '../lib/widgets/registry';
import { expect, test } from './fixtures';
import { EmbedHostPage } from './pages/EmbedHostPage';
import { EmbedPage } from './pages/EmbedPage';

// Embeds run on SwiftShader here like everything else: lab runs use the small shufflenet_v2_x0_5.
test.describe.configure({ timeout: 240_000 });

interface ResizeData {
  type?: string;
  subject?: string;
  id?: string;
  height?: number;
}

test('a host page on another origin: three embeds render, respond, resize and show a bad parameter', async ({ page, baseURL }) => {
  const host = new EmbedHostPage(page, baseURL!);
  await host.goto([
    EmbedPage.path('channel-shuffle', 'step=0&id=shuffle-demo'),
    EmbedPage.path('dense-connectivity', 'L=4&hide=k0'),
    EmbedPage.path('reward-explorer', 'target=9999'),
  ]);

  // 1. Channel shuffle (runs its permutation in tfjs once visible) answers its buttons.
  const shuffle = new EmbedPage(host.frame(0));
  await expect(shuffle.root).toHaveAttribute('data-phase', 'running');
  await expect(shuffle.scope.getByTestId('shuffle-step')).toContainText('Step 0 of 12');

  // Resize messages arrive, in both forms, from the site's origin, named by the id parameter...
  await expect
    .poll(async () => (await host.messages()).filter((m) => (m.data as ResizeData).id === 'shuffle-demo').length, { timeout: 30_000 })
    .toBeGreaterThan(0);
  const messages = await host.messages();
  const ours = messages.filter((m) => (m.data as ResizeData).type === 'layerwise:resize');
  expect(ours.every((m) => m.origin === baseURL)).toBe(true);
  expect(ours.map((m) => (m.data as ResizeData).id)).toEqual(expect.arrayContaining(['shuffle-demo', 'dense-connectivity', 'reward-explorer']));
  expect(messages.some((m) => (m.data as ResizeData).subject === 'lti.frameResize' && typeof (m.data as ResizeData).height === 'number')).toBe(true);
  for (const m of ours) expect(Object.keys(m.data as object).sort()).toEqual(['height', 'id', 'type']);

  // ...and embed.js applies them: the iframe is as tall as the widget's last report.
  await expect.poll(() => host.height(0)).not.toBe(150);
  const before = await host.settledHeight(0, 'shuffle-demo');
  // Showing more steps draws more rows: the content grows, and the iframe with it.
  for (let i = 0; i < 8; i++) await shuffle.scope.getByRole('button', { name: 'Next step →' }).click();
  await expect(shuffle.scope.getByTestId('shuffle-step')).toContainText('Step 8 of 12');
  await expect.poll(() => host.height(0), { timeout: 15_000 }).toBeGreaterThan(before + 40);
  expect(await host.settledHeight(0, 'shuffle-demo')).toBeGreaterThan(before + 40);
  await shuffle.scope.getByRole('button', { name: 'Reset' }).click();
  await expect.poll(() => host.height(0), { timeout: 15_000 }).toBeLessThan(before + 40);

  // 2. Dense connectivity: hide=k0 hides that control only; the others still work.
  const dense = new EmbedPage(host.frame(1));
  await expect(dense.scope.getByText('Dense block: 10 direct connections')).toBeVisible();
  await expect(dense.control('k0')).toBeHidden();
  await expect(dense.control('k')).toBeVisible();
  const layers = dense.scope.getByRole('slider', { name: 'Layers L' });
  await layers.focus();
  await layers.press('ArrowRight');
  await layers.press('ArrowRight');
  await expect(dense.scope.getByText('Dense block: 21 direct connections')).toBeVisible();

  // 3. Reward explorer: the bad target is named in a notice, and the default is used.
  const reward = new EmbedPage(host.frame(2));
  await expect(reward.notices).toContainText('"target" cannot be "9999"');
  await expect(reward.notices).toContainText('a whole number from 20 to 250');
  await expect(reward.control('target')).toContainText('75 ms');
});

test('the host script ignores messages that are not from a Layerwise embed iframe', async ({ page, baseURL }) => {
  const host = new EmbedHostPage(page, baseURL!);
  await host.goto([EmbedPage.path('reward-explorer')]);
  await expect(new EmbedPage(host.frame(0)).control('target')).toBeVisible();
  const settled = await host.settledHeight(0, 'reward-explorer');
  // The host page itself (not the iframe) posting a resize: must not move the iframe.
  await page.evaluate(() => window.postMessage({ type: 'layerwise:resize', id: 'reward-explorer', height: 42 }, '*'));
  await page.evaluate(() => window.postMessage({ subject: 'lti.frameResize', height: 43 }, '*'));
  await page.waitForTimeout(300);
  expect(await host.height(0)).toBe(settled);
});

test('headers: embed pages may be framed anywhere, every other page only by the site', async ({ request }) => {
  const embed = await request.get('/embed/dense-connectivity?v=1');
  expect(embed.status()).toBe(200);
  const eh = embed.headers();
  expect(eh['content-security-policy']).toContain('frame-ancestors *');
  expect(eh['content-security-policy']).toContain("script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'");
  expect(eh['content-security-policy']).toContain("object-src 'none'");
  expect(eh['x-frame-options']).toBeUndefined();
  expect(eh['permissions-policy']).toContain('camera=()');
  expect(eh['x-content-type-options']).toBe('nosniff');
  expect(eh['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(eh['set-cookie']).toBeUndefined();

  const camera = await request.get('/embed/lab-runner?v=1');
  expect(camera.headers()['permissions-policy']).toContain('camera=(self)');
  expect(camera.headers()['content-security-policy']).toContain('frame-ancestors *');

  for (const path of ['/', '/lessons/densenet', '/models/resnet50', '/compare']) {
    const h = (await request.get(path)).headers();
    expect(h['content-security-policy'], path).toContain("frame-ancestors 'self'");
    expect(h['content-security-policy'], path).not.toContain('frame-ancestors *');
    expect(h['x-frame-options'], path).toBe('SAMEORIGIN');
    expect(h['x-content-type-options'], path).toBe('nosniff');
    expect(h['permissions-policy'], path).toContain(path.startsWith('/models/') ? 'camera=(self)' : 'camera=()');
  }
  // The resize script: an isolated host (COEP require-corp) loads it from another origin only with CORP.
  expect(eh['cross-origin-resource-policy']).toBe('cross-origin');
  expect((await request.get('/embed.js')).headers()['cross-origin-resource-policy']).toBe('cross-origin');
  expect((await request.get('/')).headers()['cross-origin-resource-policy']).toBeUndefined();
});

test('oEmbed: a rich response within maxwidth and maxheight, JSON errors for bad input', async ({ request, baseURL }) => {
  const url = `${baseURL}/embed/dense-connectivity?v=1&L=7&bogus=1`;
  const ok = await request.get(`/oembed?url=${encodeURIComponent(url)}&maxwidth=500&maxheight=300`);
  expect(ok.status()).toBe(200);
  const body = await ok.json();
  expect(body).toMatchObject({
    version: '1.0',
    type: 'rich',
    provider_name: 'Layerwise',
    provider_url: `${baseURL}/`,
    title: 'Layerwise: Dense connectivity',
    width: 500,
    height: 300,
  });
  expect(body.html).toContain(`src="${baseURL}/embed/dense-connectivity?v=1&amp;L=7"`);
  expect(body.html).toContain('loading="lazy"');
  expect(body.html).not.toContain('bogus');

  expect((await request.get(`/oembed?url=${encodeURIComponent(`${baseURL}/embed/no-such-widget`)}`)).status()).toBe(404);
  expect((await request.get('/oembed')).status()).toBe(404);
  const xml = await request.get(`/oembed?url=${encodeURIComponent(url)}&format=xml`);
  expect(xml.status()).toBe(501);
  expect(await xml.json()).toHaveProperty('error');

  // Every embed page links to it (discovery), with its own address.
  const page = await request.get('/embed/reward-explorer');
  expect(await page.text()).toMatch(/<link rel="alternate" type="application\/json\+oembed" href="\/oembed\?format=json&amp;url=%2Fembed%2Freward-explorer"/);
});

test('every registered widget has an embed page that renders without console errors', async ({ page }) => {
  for (const meta of WIDGETS) {
    // Lab runs on WASM (fast here); everything else with its defaults.
    const query = meta.id.startsWith('lab-') && meta.usesTfjs ? 'backend=wasm' : '';
    await test.step(meta.id, async () => {
      await page.goto(EmbedPage.path(meta.id, query));
      const embed = new EmbedPage(page);
      await expect(embed.root).toHaveAttribute('data-widget', meta.id);
      await expect(embed.root).toHaveAttribute('data-phase', 'running');
      await expect(embed.widget.getByText('Loading the widget…')).toHaveCount(0);
      await expect(embed.widget).not.toBeEmpty();
      await expect(embed.notices).toHaveCount(0);
      await expect(embed.share).toBeVisible();
      // The lab's run widgets start by themselves once visible; let them finish.
      if (meta.id === 'lab-runner') await expect(page.getByTestId('top5').getByRole('listitem')).toHaveCount(5, { timeout: 120_000 });
      if (meta.id === 'lab-feature-maps') await expect(page.getByTestId('feature-maps').locator('[data-channel]').first()).toBeVisible({ timeout: 120_000 });
      if (meta.id === 'lab-explain') await expect(page.getByTestId('explain')).toHaveAttribute('data-ready', 'true', { timeout: 120_000 });
      if (meta.id === 'lab-flops-vs-time')
        await expect(page.getByTestId('compact-runner')).toContainText('ran shufflenet_v2_x0_5 on WebAssembly', { timeout: 120_000 });
    });
  }
});

test('an unknown version and unknown parameters give notices; hide=title,share removes frame parts', async ({ page }) => {
  await page.goto('/embed/lab-graph?v=2&model=resnet50&nonsense=1&hide=title,share,size');
  const embed = new EmbedPage(page);
  await expect(embed.notices).toContainText('version "2"');
  await expect(embed.notices).toContainText('Unknown parameter "nonsense"');
  await expect(page.getByRole('heading', { name: 'Architecture graph' })).toBeHidden();
  await expect(embed.share).toBeHidden();
  await expect(embed.control('size')).toBeHidden();
  await expect(embed.control('model').getByRole('combobox')).toHaveValue('resnet50');
});

test('run=click waits for Start, which says what will run', async ({ page }) => {
  await page.goto(EmbedPage.path('lab-runner', 'run=click&backend=wasm&sample=coffee'));
  const embed = new EmbedPage(page);
  await expect(embed.root).toHaveAttribute('data-phase', 'click-to-start');
  await expect(embed.widget).toContainText('Loads TensorFlow.js');
  await expect(page.getByTestId('lab-runner')).toHaveCount(0);
  await embed.startButton.click();
  await expect(embed.root).toHaveAttribute('data-phase', 'running');
  await expect(page.getByTestId('top5').getByRole('listitem')).toHaveCount(5, { timeout: 120_000 });
  await expect(page.getByRole('radio', { name: /Coffee/ })).toBeChecked();
});

test('scrolled out of view, an embed frees its tensors and its WebGL context, and comes back with its state', async ({ page, baseURL }) => {
  const host = new EmbedHostPage(page, baseURL!);
  await host.goto([EmbedPage.path('lab-runner', 'backend=webgl&id=runner')], { spacer: true });
  const embed = new EmbedPage(host.frame(0));
  await expect(embed.scope.getByTestId('top5').getByRole('listitem')).toHaveCount(5, { timeout: 180_000 });
  await expect(embed.scope.getByTestId('runner-backend')).toHaveAttribute('data-backend', 'webgl');
  const frame = await host.contentFrame(0);
  const tensors = () => frame.evaluate(() => window.__layerwiseEmbed!.numTensors());
  const gpu = () => frame.evaluate(() => window.__layerwiseEmbed!.liveGpuBackends());
  expect(await tensors()).toBeGreaterThan(0);
  expect(await gpu()).toContain('webgl');

  // A state change before leaving: it must survive the unmount.
  await embed.scope.locator('label', { hasText: 'Coffee' }).click();
  await expect(embed.scope.getByRole('radio', { name: /Coffee/ })).toBeChecked();
  await expect(embed.scope.getByTestId('top5').getByRole('listitem')).toHaveCount(5, { timeout: 120_000 });

  await host.scrollTo(100_000);
  await expect(embed.root).toHaveAttribute('data-phase', 'paused', { timeout: 15_000 });
  await expect(embed.root).toHaveAttribute('data-released', 'webgl', { timeout: 15_000 });
  expect(await tensors()).toBe(0);
  expect(await gpu()).toEqual([]);

  await host.scrollTo(0);
  await expect(embed.root).toHaveAttribute('data-phase', 'running');
  await expect(embed.scope.getByRole('radio', { name: /Coffee/ })).toBeChecked();
  await expect(embed.scope.getByTestId('top5').getByRole('listitem')).toHaveCount(5, { timeout: 180_000 });
  expect(await gpu()).toContain('webgl');
});

test('twenty embeds on one page: only those in view hold a model and a WebGL context', async ({ page, baseURL }) => {
  const host = new EmbedHostPage(page, baseURL!);
  const n = 20;
  await host.goto(Array.from({ length: n }, (_, i) => EmbedPage.path('lab-runner', `backend=webgl&id=r${i}`)));
  const phases = async () => Promise.all(Array.from({ length: n }, (_, i) => new EmbedPage(host.frame(i)).phase()));
  const frames = async () => Promise.all(Array.from({ length: n }, (_, i) => host.contentFrame(i)));
  const gpuHolders = async () => {
    let holders = 0;
    for (const f of await frames()) {
      const phase = await f.locator('[data-embed-root]').getAttribute('data-phase');
      // Frames that never started have not even loaded tfjs: nothing to ask.
      if (phase === 'running' || phase === 'paused') holders += (await f.evaluate(() => window.__layerwiseEmbed!.liveGpuBackends())).includes('webgl') ? 1 : 0;
    }
    return holders;
  };

  // The first one runs; the ones below the fold wait.
  await expect(host.frame(0).getByTestId('top5').getByRole('listitem')).toHaveCount(5, { timeout: 180_000 });
  await expect.poll(async () => (await phases()).filter((p) => p === 'waiting').length, { timeout: 30_000 }).toBeGreaterThanOrEqual(n - 3);
  const inView = (await phases()).filter((p) => p === 'running').length;
  expect(inView).toBeGreaterThanOrEqual(1);
  expect(inView).toBeLessThanOrEqual(3);

  // Scroll to the middle: the middle one starts, the first ones pause and give their context back.
  // The embed above it grows when its result appears and can push this one back out of view (it
  // then pauses, as it should); scrolling back to it, as a reader would, resumes it.
  const top5Of10 = host.frame(10).getByTestId('top5').getByRole('listitem');
  await expect
    .poll(
      async () => {
        await host.iframe(10).scrollIntoViewIfNeeded();
        return top5Of10.count();
      },
      { timeout: 180_000, intervals: [2_000] },
    )
    .toBe(5);
  await expect(new EmbedPage(host.frame(0)).root).toHaveAttribute('data-released', 'webgl', { timeout: 15_000 });
  const now = await phases();
  expect(now.filter((p) => p === 'running').length).toBeLessThanOrEqual(3);
  expect(now.filter((p) => p === 'waiting').length).toBeGreaterThanOrEqual(n - 6);
  await expect.poll(gpuHolders, { timeout: 15_000 }).toBeLessThanOrEqual(3);
});

test('theme and links parameters', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(EmbedPage.path('reward-explorer', 'theme=dark&links=0'));
  const embed = new EmbedPage(page);
  await expect(embed.control('target')).toBeVisible();
  await expect(page.locator('html')).toHaveClass(/dark/);
  await expect(page.getByRole('link', { name: /Open in Layerwise/ })).toHaveCount(0);
  await page.goto(EmbedPage.path('reward-explorer'));
  await expect(embed.control('target')).toBeVisible();
  await expect(page.locator('html')).not.toHaveClass(/dark/);
  const home = page.getByRole('link', { name: 'Open in Layerwise: the MnasNet lesson ↗' });
  await expect(home).toHaveAttribute('href', '/lessons/mnasnet#the-reward');
  await expect(home).toHaveAttribute('target', '_blank');
});

test('an embed whose WebGL context is taken away carries on instead of breaking', async ({ page }) => {
  await page.goto(EmbedPage.path('lab-runner', 'backend=webgl'));
  const embed = new EmbedPage(page);
  await expect(page.getByTestId('top5').getByRole('listitem')).toHaveCount(5, { timeout: 180_000 });
  await expect(page.getByTestId('runner-backend')).toHaveAttribute('data-backend', 'webgl');
  // What Chrome does to the oldest context when a renderer opens more than about 16.
  expect(await page.evaluate(() => window.__layerwiseEmbed!.loseWebGLContext())).toBe(true);
  await expect(embed.root.getByRole('status').filter({ hasText: 'WebGL stopped working (WebGL context lost); switched to' })).toBeVisible();
  await expect(embed.root).toHaveAttribute('data-phase', 'running');
  await expect(page.getByTestId('top5').getByRole('listitem')).toHaveCount(5, { timeout: 180_000 });
});

test('share panel in a lesson: link, iframe code, copy, preview; fits a phone', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/lessons/densenet');
  const panel = page.getByTestId('share-panel').first();
  await expect(panel).not.toHaveAttribute('open');
  await expect(page.getByTestId('share-preview')).toHaveCount(0);
  await panel.locator('summary').focus();
  await page.keyboard.press('Enter');
  await expect(panel).toHaveAttribute('open');
  const link = panel.getByLabel('Link to this view');
  await expect(link).toHaveValue(/\/embed\/dense-connectivity\?v=1$/);
  const code = panel.getByLabel('Embed code');
  await expect(code).toHaveValue(/<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\/dense-connectivity\?v=1" title="Layerwise: Dense connectivity"/);
  await expect(code).toHaveValue(/loading="lazy" allow="fullscreen; cross-origin-isolated" /);
  await expect(code).toHaveValue(/<script src="http:\/\/127\.0\.0\.1:\d+\/embed\.js" async><\/script>/);
  await panel.getByRole('button', { name: 'Copy' }).first().click();
  await expect(panel.getByRole('status')).toContainText('Copied');
  // The live preview is the embed itself.
  const preview = panel.frameLocator('iframe[data-testid="share-preview"]');
  await expect(preview.locator('[data-embed-root]')).toHaveAttribute('data-widget', 'dense-connectivity');
  await expect(panel.getByTestId('share-preview')).toHaveAttribute('allow', 'fullscreen; cross-origin-isolated');
  // The panel stays within a phone's width.
  const box = await panel.boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  expect(await panel.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);

  // A knob change shows in the link.
  const layers = page.getByRole('slider', { name: 'Layers L' }).first();
  await layers.focus();
  await layers.press('ArrowRight');
  await expect(link).toHaveValue(/\/embed\/dense-connectivity\?v=1&L=6$/);
});

test('share panel in the lab: the runner embed asks for the camera', async ({ page }) => {
  await page.goto('/models/mnasnet0_5?backend=wasm&sample=rocket');
  const panel = page.locator('section[aria-labelledby="run-heading"]').getByTestId('share-panel');
  await panel.locator('summary').click();
  const code = panel.getByLabel('Embed code');
  await expect(code).toHaveValue(/\/embed\/lab-runner\?v=1&amp;model=mnasnet0_5&amp;backend=wasm&amp;sample=rocket"/);
  await expect(code).toHaveValue(/allow="fullscreen; cross-origin-isolated; camera"/);
});

test('the static export has the embed pages, without an oEmbed link', async ({ page }) => {
  await page.goto(`http://127.0.0.1:${STATIC_PORT}/embed/cardinality-groups/?v=1&C=8`);
  const embed = new EmbedPage(page);
  await expect(embed.root).toHaveAttribute('data-widget', 'cardinality-groups');
  await expect(embed.widget).toContainText('8×');
  await expect(page.locator('link[type="application/json+oembed"]')).toHaveCount(0);

  // embed.js from the static site resizes the static site's embeds on another origin.
  const host = new EmbedHostPage(page, `http://127.0.0.1:${STATIC_PORT}`);
  await host.goto(['/embed/reward-explorer/?v=1&id=static']);
  await expect(new EmbedPage(host.frame(0)).control('target')).toBeVisible();
  expect(await host.settledHeight(0, 'static')).toBeGreaterThan(300);
});

test('an embed that would run for long asks first instead of starting by itself', async ({ page }) => {
  await page.goto(EmbedPage.path('lab-runner', 'model=resnext101_32x8d&backend=wasm'));
  const embed = new EmbedPage(page);
  await expect(embed.root).toHaveAttribute('data-phase', 'running');
  const confirm = page.getByTestId('run-confirm');
  await expect(confirm).toContainText(/^This will take about [\d.]+ s on WebAssembly .*Run anyway\?/, { timeout: 60_000 });
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('top5')).toHaveCount(0);
  expect(await page.evaluate(() => window.__layerwiseEmbed!.numTensors())).toBeLessThan(10);
});
