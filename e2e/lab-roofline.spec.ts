import { readFileSync } from 'node:fs';
import { buildGraph } from '../lib/arch';
import { formatSignedPercent } from '../lib/format';
import { expect, test } from './fixtures';
import { LabPage } from './pages/LabPage';

/**
 * The lab's profiler and roofline (issue 15) in Chromium: the real fused forward timed step by
 * step, every node in exactly one step, the device's measured roofs, the roofline chart (keyboard
 * included) and the JSON export's new fields. Structure, not timings (the Tests section):
 * the layer sum against the whole model is measured by scripts/bench-profile-gap.ts.
 */

interface ProfileJson {
  format: string;
  backend: string;
  timers: string[];
  device: { backend: string; peakGflops: number; peakGBps: number; matmulGflops: number; convGflops: number; timer: string } | null;
  threads: number | null;
  summary: {
    relativeGap: number;
    sumLayersMs: number;
    wholeMs: number;
    wholeEstimator: string;
    wholeSpread: { fastest: number; q1: number; q3: number; slowest: number };
    tracePassMs: number;
    overheadMs: number;
  };
  layers: Array<{ name: string; nodes: string[]; intensity: number | null; rooflineFraction: number | null; bytes: number; ms: number; timer: string }>;
}

async function profileAndExport(page: import('@playwright/test').Page, lab: LabPage): Promise<ProfileJson> {
  await lab.run();
  const cost = page.getByRole('region', { name: 'FLOPs versus time' });
  await cost.getByRole('button', { name: /^Profile/ }).click();
  await expect(cost.getByTestId('profile-summary')).toBeVisible({ timeout: 120_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), cost.getByRole('button', { name: 'JSON', exact: true }).click()]);
  const file = test.info().outputPath('profile.json');
  await download.saveAs(file);
  return JSON.parse(readFileSync(file, 'utf8')) as ProfileJson;
}

function expectSteps(doc: ProfileJson, model: string, size: number) {
  const names = buildGraph(model, { size }).nodes.map((n) => n.name);
  const covered = doc.layers.flatMap((l) => l.nodes);
  expect(covered.length, 'every node in exactly one step').toBe(names.length);
  expect([...covered].sort()).toEqual([...names].sort());
  // Convolutions carry the BatchNorm and ReLU folded into them.
  expect(doc.layers.some((l) => l.nodes.length === 3)).toBe(true);
  for (const l of doc.layers) {
    expect(l.nodes[0]).toBe(l.name);
    // Every step that moves bytes and has a time has its place under the roofs.
    if (l.bytes > 0 && l.ms > 0) expect(l.rooflineFraction, l.name).toBeGreaterThan(0);
    if (l.ms === 0) expect(l.rooflineFraction).toBeNull();
  }
}

test('WASM: a lesson model profiled step by step adds up, sits on the measured roofline, and exports the roofline fields', async ({ page }) => {
  test.setTimeout(120_000);
  const lab = new LabPage(page);
  await lab.goto('shufflenet_v2_x1_0', 'backend=wasm&psize=112');
  const doc = await profileAndExport(page, lab);
  expect(doc.format).toBe('layerwise-profile/2');
  expect(doc.backend).toBe('wasm');
  expect(doc.timers).toEqual(['wall']);
  expect(doc.device).toMatchObject({ backend: 'wasm', timer: 'wall' });
  expect(doc.device!.peakGflops).toBe(Math.max(doc.device!.matmulGflops, doc.device!.convGflops));
  expect(doc.device!.peakGBps).toBeGreaterThan(0);
  expectSteps(doc, 'shufflenet_v2_x1_0', 112);
  // The layer sum is the sum of the layers, and the gap the one shown (the numbers: the benchmark).
  expect(doc.layers.reduce((a, l) => a + l.ms, 0)).toBeCloseTo(doc.summary.sumLayersMs, 6);
  expect(doc.summary.relativeGap).toBeCloseTo((doc.summary.sumLayersMs - doc.summary.wholeMs) / doc.summary.wholeMs, 9);
  console.log(`[lab-roofline] shufflenet_v2_x1_0 112 wasm: layer sum ${doc.summary.sumLayersMs.toFixed(2)} ms, whole ${doc.summary.wholeMs.toFixed(2)} ms`);

  const cost = page.getByRole('region', { name: 'FLOPs versus time' });
  await expect(cost.getByTestId('timer-label')).toContainText(/one step of the real forward pass/);
  const chart = cost.getByTestId('roofline-chart');
  await expect(chart.getByTestId('roofline-roof')).toBeVisible();
  await expect(chart.locator('circle[data-layer]')).toHaveCount(doc.layers.filter((l) => l.bytes > 0 && l.ms > 0).length);
  await expect(cost.getByTestId('profile-summary')).toContainText(`gap ${formatSignedPercent(doc.summary.relativeGap)}`);
  await expect(cost.getByTestId('device-roofs')).toContainText(/GFLOP\/s.*GB\/s/);
  // Keyboard: focus the chart, move to a layer, read it, select it (the lab's URL, graph and table follow).
  await chart.focus();
  await page.keyboard.press('End');
  const line = cost.getByTestId('roofline-highlight');
  await expect(line).toContainText(/FLOP\/B|0 FLOPs/);
  const name = (await line.textContent())!.split(' ')[0];
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`layer=${name.replace(/\./g, '\\.')}`));
  await expect(cost.getByTestId('layer-table').locator(`[data-row-layer="${name}"]`)).toHaveCount(1);
});

test('WebGL: GPU timer per step, the roofline, and the export', async ({ page }) => {
  test.setTimeout(120_000);
  const lab = new LabPage(page);
  await lab.goto('shufflenet_v2_x0_5', 'backend=webgl&psize=64');
  const doc = await profileAndExport(page, lab);
  expect(doc.backend).toBe('webgl');
  // SwiftShader exposes EXT_disjoint_timer_query_webgl2 (platform notes): kernel times per step.
  expect(doc.timers).toEqual(['webgl-timer']);
  expect(doc.device).toMatchObject({ backend: 'webgl', timer: 'webgl-timer' });
  expectSteps(doc, 'shufflenet_v2_x0_5', 64);
  expect(Number.isFinite(doc.summary.relativeGap)).toBe(true);
  expect(doc.summary.tracePassMs).toBeGreaterThan(0);
  const cost = page.getByRole('region', { name: 'FLOPs versus time' });
  await expect(cost.getByTestId('timer-label')).toContainText(/GPU kernel time/);
  await expect(cost.getByTestId('roofline-chart').locator('circle[data-layer]').first()).toBeVisible();
  expect(await page.evaluate(() => window.__layerwiseLab!.numTensors())).toBeGreaterThan(0);
});

test("WASM threads: the profile names its threads and reads the whole model by the layers' rule; one thread for the session, and back", async ({ page }) => {
  test.setTimeout(180_000);
  const lab = new LabPage(page);
  await lab.goto('shufflenet_v2_x0_5', 'backend=wasm&psize=64');
  // The site's pages are cross-origin isolated: one thread per core (at most 8).
  const perCore = await page.evaluate(() => Math.min(navigator.hardwareConcurrency || 1, 8));
  let doc = await profileAndExport(page, lab);
  expect(doc.threads).toBe(perCore);
  expect(doc.summary.wholeEstimator).toBe('middle-half mean');
  const { fastest, q1, q3, slowest } = doc.summary.wholeSpread;
  expect(fastest).toBeLessThanOrEqual(q1);
  expect(q1).toBeLessThanOrEqual(q3);
  expect(q3).toBeLessThanOrEqual(slowest);
  expect(doc.summary.wholeMs).toBeGreaterThanOrEqual(fastest);
  expect(doc.summary.wholeMs).toBeLessThanOrEqual(slowest);
  const cost = page.getByRole('region', { name: 'FLOPs versus time' });
  await expect(cost.getByTestId('profile-summary')).toContainText(/typical of \d+ forward passes/);
  await expect(cost.getByTestId('timer-label')).toContainText('the mean over the middle half of its passes');
  await expect(cost.getByTestId('threads-chosen')).toHaveCount(0);

  // One thread, chosen for this session (what "Profile on one thread" stores), takes effect on reload.
  await page.evaluate(() => sessionStorage.setItem('layerwise:wasm-threads', '1'));
  await page.reload();
  doc = await profileAndExport(page, lab);
  expect(doc.threads).toBe(1);
  const chosen = cost.getByTestId('threads-chosen');
  await expect(chosen).toContainText('Profiled on one WebAssembly thread, as chosen for this browser session.');

  // And back to one per core: the button clears the choice and reloads; the URL (the lab's state) survives.
  const url = page.url();
  await Promise.all([page.waitForEvent('load'), chosen.getByRole('button', { name: 'Use one thread per core (reloads the page)' }).click()]);
  expect(page.url()).toBe(url);
  expect(await page.evaluate(() => sessionStorage.getItem('layerwise:wasm-threads'))).toBeNull();
  doc = await profileAndExport(page, lab);
  expect(doc.threads).toBe(perCore);
});
