import { expect, test } from './fixtures';

test('the device panel loads tfjs as it nears the viewport and reports its backend', async ({ page }) => {
  await page.goto('/lessons/intro');
  const panel = page.getByRole('region', { name: 'Your device' });
  await panel.scrollIntoViewIfNeeded();
  await expect(panel.locator('dl[data-backend]')).toBeVisible({ timeout: 60_000 });
  const backend = await panel.locator('dl').getAttribute('data-backend');
  // With --enable-unsafe-webgpu Chromium offers a SwiftShader WebGPU adapter, the first choice.
  expect(backend).toBe('webgpu');
  await expect(panel).toContainText('WebGPU');
  await expect(panel).toContainText(/GPU timers\s*(available|not available)/);
});

test('without WebGPU the panel falls back to WebGL and says why', async ({ page }) => {
  await page.addInitScript(() => {
    // Simulate a browser without WebGPU.
    Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined, configurable: true });
    delete (Navigator.prototype as unknown as { gpu?: unknown }).gpu;
  });
  await page.goto('/lessons/intro');
  const panel = page.getByRole('region', { name: 'Your device' });
  await panel.scrollIntoViewIfNeeded();
  await expect(panel.locator('dl[data-backend="webgl"]')).toBeVisible({ timeout: 60_000 });
  await expect(panel).toContainText('SwiftShader');
  await panel.getByText(/faster backend unavailable/).click();
  await expect(panel).toContainText(/WebGPU: WebGPU is not available \(navigator\.gpu missing\)/);
});

test('the WASM backend files are served by the site itself', async ({ request }) => {
  for (const f of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm']) {
    const res = await request.get(`/tfjs-wasm/${f}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('application/wasm');
  }
});

test("the device panel measures this device's roofs on request, for the session", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/lessons/intro');
  const panel = page.getByRole('region', { name: 'Your device' });
  await panel.scrollIntoViewIfNeeded();
  await expect(panel.locator('dl[data-backend]')).toBeVisible({ timeout: 60_000 });
  const peaks = panel.getByTestId('device-peaks');
  await peaks.getByRole('button', { name: 'Measure peak speed and bandwidth' }).click();
  await expect(peaks).toContainText(/Done: measured for this session/, { timeout: 90_000 });
  await expect(peaks).toContainText(/Peak arithmetic\s*[\d.,]+ GFLOP\/s \(matmul [\d.,]+ GFLOP\/s, 3×3 conv [\d.,]+ GFLOP\/s\)/);
  await expect(peaks).toContainText(/Memory bandwidth\s*[\d.,]+ GB\/s/);
  await expect(peaks).toContainText(/Ridge point\s*[\d.,]+ FLOP per byte/);
  await expect(peaks.getByRole('button', { name: 'Measure again' })).toBeEnabled();
});
