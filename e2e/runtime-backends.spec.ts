import { expect, test } from './fixtures';
import { BenchPage, relL2 } from './pages/BenchPage';

const GROUP_CONVS = ['split', 'blockdiag', 'depthwise', 'matmul', 'packed'] as const;

/*
 * The same seeded models on the GPU backends and on WebAssembly, through the /bench harness.
 *
 * Tolerance: relative L2 of the logits <= 1e-3. WASM computes in float32 on the CPU (XNNPACK), and
 * matches PyTorch to ~1e-6 (lib/runtime parity tests). The GPU paths are float32 too, but shaders
 * sum in other orders, use fused multiply-adds and the driver's own exp/sigmoid, and pack values
 * into RGBA textures (WebGL); on real GPUs WebGL may even fall back to 16-bit float textures. That
 * puts honest GPU results at 1e-6..1e-4 from the CPU ones over a few dozen layers; a wrong kernel
 * (bad padding, channel order, a missing group) is off by 1e-1 or more. 1e-3 separates the two.
 *
 * Here the GPU backends run on SwiftShader (the CPU), so the models are small: the parity configs
 * at 64x64 and ShuffleNet v2 0.5x at 64x64 on WebGL, one tiny model at 32x32 on WebGPU.
 */
const TOL = 1e-3;

test.describe.configure({ mode: 'serial' });

test('WebGL logits match WASM and every run frees its tensors', async ({ page }) => {
  test.setTimeout(300_000);
  const bench = new BenchPage(page);
  await bench.open();
  const baseline = await bench.numTensors();
  // densenet_small: concat-heavy; resnext_small: grouped conv with the backend's default strategy;
  // shufflenet_v2_x0_5: channel split, shuffle, depthwise convs.
  for (const model of ['densenet_small', 'resnext_small', 'shufflenet_v2_x0_5']) {
    const wasm = await bench.logits({ model, backend: 'wasm', size: 64, seed: 1 });
    const webgl = await bench.logits({ model, backend: 'webgl', size: 64, seed: 1 });
    expect(webgl.length, model).toBe(wasm.length);
    expect(wasm.every(Number.isFinite), `${model}: finite wasm logits`).toBe(true);
    const err = relL2(webgl, wasm);
    console.log(`[runtime-backends] ${model} 64x64: webgl vs wasm rel L2 ${err.toExponential(2)}`);
    expect(err, `${model}: webgl vs wasm`).toBeLessThanOrEqual(TOL);
    expect(await bench.numTensors(), `${model}: tensors after logits`).toBe(baseline);
  }
  // Every grouped-conv strategy on WebGL (the default one was checked above).
  const ref = await bench.logits({ model: 'resnext_small', backend: 'wasm', size: 64, seed: 1 });
  for (const groupConv of GROUP_CONVS) {
    const y = await bench.logits({ model: 'resnext_small', backend: 'webgl', size: 64, seed: 1, groupConv });
    expect(relL2(y, ref), `resnext_small, grouped conv ${groupConv}: webgl vs wasm`).toBeLessThanOrEqual(TOL);
  }
  // A profiled run (per-layer + whole-model) on WebGL: plausible numbers, nothing leaked.
  const r = await bench.run({ model: 'densenet_small', backend: 'webgl', size: 64, runs: 2, warmup: 1, layers: true });
  expect(r.backend).toBe('webgl');
  expect(r.device).toContain('SwiftShader');
  expect(r.median_ms).toBeGreaterThan(0);
  expect(r.layers.length).toBeGreaterThan(10);
  expect(r.layers.every((l) => l.ms >= 0 && ['webgl-timer', 'wall'].includes(l.timer))).toBe(true);
  expect(r.numTensorsAfter).toBe(r.numTensorsBefore);
  expect(await bench.numTensors()).toBe(baseline);
  await expect(bench.status).toContainText('densenet_small on webgl');
});

test('WebGPU logits match WASM on a tiny model', async ({ page }) => {
  test.setTimeout(300_000);
  const bench = new BenchPage(page);
  await bench.open();
  const baseline = await bench.numTensors();
  const wasm = await bench.logits({ model: 'resnext_small', backend: 'wasm', size: 32, seed: 2 });
  for (const groupConv of ['auto', 'packed', 'depthwise'] as const) {
    const webgpu = await bench.logits({ model: 'resnext_small', backend: 'webgpu', size: 32, seed: 2, groupConv });
    const err = relL2(webgpu, wasm);
    console.log(`[runtime-backends] resnext_small 32x32 (${groupConv}): webgpu vs wasm rel L2 ${err.toExponential(2)}`);
    expect(err, groupConv).toBeLessThanOrEqual(TOL);
  }
  const r = await bench.run({ model: 'resnext_small', backend: 'webgpu', size: 32, runs: 1, warmup: 1, layers: false });
  expect(r.layers).toEqual([]);
  expect(r.layer_sum_ms).toBeNull();
  expect(r.numTensorsAfter).toBe(r.numTensorsBefore);
  expect(await bench.numTensors()).toBe(baseline);
});

test('the harness page is not indexed and not linked from the site', async ({ page }) => {
  await page.goto('/bench');
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
  await page.goto('/');
  await expect(page.locator('a[href="/bench"], a[href="/bench/"]')).toHaveCount(0);
});
