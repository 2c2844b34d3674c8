import { buildGraph, densenet, graphCost, nodeCost, nodesInGroup, type Graph } from '../lib/arch';
import { formatCount, formatInt } from '../lib/format';
import { switchScheme } from './axe';
import { expect, test } from './fixtures';
import { DenseNetLessonPage } from './pages/DenseNetLessonPage';
import { ResNeXtLessonPage } from './pages/ResNeXtLessonPage';

/** The site's number formats (lib/format), applied to spec values. */
const int = formatInt;
const count = (n: number) => formatCount(n);
const groupCost = (g: Graph, group: string) =>
  nodesInGroup(g, group).reduce((a, n) => ({ params: a.params + nodeCost(n).params, macs: a.macs + nodeCost(n).macs }), { params: 0, macs: 0 });
/** The widget's block: first block + transition of a CIFAR DenseNet at 32×32 (second block: 1 layer). */
const block = (L: number, k: number, k0: number, bottleneck: boolean, theta: number) =>
  densenet({ growthRate: k, blockConfig: [L, 1], initFeatures: k0, bottleneck, compression: theta, stem: 'cifar', numClasses: 10 }, 32);

test.describe('DenseNet lesson widgets', () => {
  // Three widgets drawn from the spec, no model run: one lesson load, a step each.
  test('spec widgets: dense connectivity, the channel profile and the configuration table', async ({ page }) => {
    const lesson = new DenseNetLessonPage(page);
    await lesson.open();
    await test.step('dense connectivity: L(L+1)/2 connections, bands growing by k, params and MACs from the spec', async () => {
      const w = lesson.connectivity;
      await expect(w.root).toBeVisible();
      await expect(w.stat('Direct connections')).toHaveText('15');
      let g = block(5, 4, 8, false, 1);
      await expect(w.stat('Block params')).toHaveText(int(groupCost(g, 'features.denseblock1').params));
      await expect(w.stat('Channels into H5')).toHaveText('24');
      // H4's input bar has one band per producer: x0, H1, H2, H3.
      await expect(w.layer(4).locator('rect')).toHaveCount(4);

      await w.setSlider('Layers L', 12, 1);
      await expect(w.stat('Direct connections')).toHaveText('78');
      await expect(w.stat('Channels into H12')).toHaveText(String(8 + 11 * 4));
      await expect(w.layer(12).locator('rect')).toHaveCount(12);
      g = block(12, 4, 8, false, 1);
      await expect(w.stat('Block params')).toHaveText(int(groupCost(g, 'features.denseblock1').params));

      await w.root.getByRole('checkbox', { name: 'Bottleneck (DenseNet-B)' }).check();
      await w.setSlider('Compression θ', 0.5, 0.05, 0.05);
      g = block(12, 4, 8, true, 0.5);
      await expect(w.stat('Block params')).toHaveText(int(groupCost(g, 'features.denseblock1').params));
      await expect(w.stat('Transition params')).toHaveText(int(groupCost(g, 'features.transition1').params));
      const kept = g.nodes.find((n) => n.name === 'features.transition1.conv')!.outShape[0];
      expect(kept).toBe(28);
      await expect(w.root.getByText(`transition keeps ${kept}`)).toBeVisible();
      const macs = groupCost(g, 'features.denseblock1').macs;
      await expect(w.root.getByText(`${count(macs)} MACs`).first()).toBeVisible();
    });
    await test.step('channel profile: the saw-tooth of the chosen DenseNet, from the spec', async () => {
      const w = lesson.profile;
      await expect(w.root.getByText('1024 channels reach the classifier')).toBeVisible();
      await w.select('Model').selectOption('densenet169');
      const g = buildGraph('densenet169');
      const final = g.nodes.find((n) => n.name === 'features.norm5')!.outShape[0];
      await expect(w.root.getByText(`${final} channels reach the classifier`)).toBeVisible();
      await w.slider('Layer along the depth').focus();
      await w.slider('Layer along the depth').press('End');
      const last = g.nodes.find((n) => n.name === 'features.denseblock4.denselayer32.norm1')!;
      await expect(w.root.getByText(`Dense block 4, layer 32: reads ${last.inShapes[0][0]} channels at 7×7 and adds 32.`)).toBeVisible();
    });
    await test.step('configuration table: params and MACs from the spec beside the paper’s errors', async () => {
      for (const id of ['densenet121', 'densenet169', 'densenet201', 'densenet161']) {
        const row = lesson.configTable.locator(`tr[data-model="${id}"]`);
        const c = graphCost(buildGraph(id)).total;
        await expect(row.getByTestId('params')).toHaveText(count(c.params));
        await expect(row.getByTestId('macs')).toHaveText(count(c.macs));
        await expect(row.getByRole('link')).toHaveAttribute('href', `/models/${id}`);
      }
      await expect(lesson.configTable.locator('tr[data-model="densenet121"]')).toContainText('25.02 / 23.61 %');
      await expect(lesson.configTable.locator('tr[data-model="densenet161"]')).toContainText('not in the paper');
    });
  });

  test('dense connectivity from the keyboard: focus shows what a layer reads, Enter pins it', async ({ page }) => {
    const lesson = new DenseNetLessonPage(page);
    await lesson.open();
    const w = lesson.connectivity;
    await w.layer(3).focus();
    await expect(w.summary).toContainText('H3 reads x₀, H1 and H2: 16 channels');
    await expect(w.summary).toContainText('read by H4, H5 and the transition');
    await page.keyboard.press('Enter');
    await expect(w.layer(3)).toHaveAttribute('aria-pressed', 'true');
    // Tab moves on to H4, which previews H4; leaving the drawing shows the pinned H3 again.
    await page.keyboard.press('Tab');
    await expect(w.summary).toContainText('H4 reads x₀, H1, H2 and H3: 20 channels');
    await w.root.getByRole('heading', { name: 'Dense connectivity' }).click();
    await expect(w.summary).toContainText('H3 reads x₀, H1 and H2');
    await expect(w.layer(3)).toHaveAttribute('aria-pressed', 'true');
  });

  test('real reuse: a layer’s input is the concatenation of the earlier outputs, bit for bit', async ({ page }) => {
    test.setTimeout(240_000);
    const lesson = new DenseNetLessonPage(page);
    await lesson.open();
    const w = lesson.reuse;
    // The ImageNet-shaped block (random weights, a photo); the trained digits network is e2e/learned.spec.ts.
    await w.select('Network').selectOption('imagenet');
    await w.select('Backend').selectOption('wasm');
    await w.button('Run the block').click();
    await expect(w.root.getByRole('status').filter({ hasText: 'Done' })).toBeVisible({ timeout: 180_000 });
    const checks = w.root.getByTestId('band-check');
    await expect(checks).toHaveCount(4);
    for (const t of await checks.allTextContents()) expect(t).toMatch(/^identical to .* \(max \|Δ\| = 0\)$/);
    await expect(w.root.getByRole('img', { name: /^H3, channel 8/ })).toBeVisible();
    expect(await w.leaked()).toBe(0);
    await expect(w.root.getByText('Ran on WebAssembly')).toBeVisible();

    await w.slider('Show the input of').focus();
    await w.slider('Show the input of').press('End');
    await expect(checks).toHaveCount(7);
    await expect(w.root.getByRole('img', { name: /channel/ })).toHaveCount(16 + 6 * 8);
  });

  test('cost: spec MACs before the click, measured times after it, every tensor freed', async ({ page }) => {
    test.setTimeout(240_000);
    const lesson = new DenseNetLessonPage(page);
    await lesson.open();
    const w = lesson.cost;
    for (const id of ['densenet121', 'resnet50']) {
      await expect(w.cell('macs', id)).toHaveText(count(graphCost(buildGraph(id, { size: 64 })).total.macs));
      await expect(w.cell('params', id)).toHaveText(count(graphCost(buildGraph(id)).total.params));
      await expect(w.cell('ms', id)).toHaveText('—');
    }
    await w.select('Backend').selectOption('wasm');
    await w.select('Input size').selectOption('32');
    await w.setSlider('Timed passes', 1, 1);
    await expect(w.cell('macs', 'densenet121')).toHaveText(count(graphCost(buildGraph('densenet121', { size: 32 })).total.macs));
    await w.button('Measure both on this device').click();
    await expect(w.verdict).toBeVisible({ timeout: 200_000 });
    await expect(w.verdict).toContainText('DenseNet-121 has');
    for (const id of ['densenet121', 'resnet50']) await expect(w.cell('ms', id)).toHaveText(/^[\d.,]+ ms$/);
    expect(await w.leaked()).toBe(0);
    await w.root.getByRole('tab', { name: 'ResNet-50, per layer' }).click();
    await expect(w.root.getByRole('tab', { name: 'ResNet-50, per layer' })).toHaveAttribute('aria-selected', 'true');
    await expect(w.root.getByText('Profiled resnet50 at 32×32 on WebAssembly')).toBeVisible();
  });
});

test.describe('ResNeXt lesson widgets', () => {
  // Two widgets drawn from the spec, no model run: one lesson load, a step each.
  test('spec widgets: the cardinality groups and the ResNet-50 vs ResNeXt-50 table', async ({ page }) => {
    const lesson = new ResNeXtLessonPage(page);
    await lesson.open();
    await test.step('cardinality groups: three forms with the spec’s numbers; the solver reproduces Table 2', async () => {
      const w = lesson.groups;
      // Form (c) at 32×4d is exactly block layer1.1 of the spec's ResNeXt-50.
      const ref = groupCost(buildGraph('resnext50_32x4d'), 'layer1.1');
      for (const f of ['(a) aggregated paths', '(b) early concatenation', '(c) grouped convolution']) {
        await expect(w.stat('Params', lesson.form(f))).toHaveText(int(ref.params));
        await expect(w.stat('MACs', lesson.form(f))).toHaveText(count(ref.macs));
      }
      await expect(w.stat('Grouped conv width')).toHaveText('128');

      await w.root.getByRole('checkbox', { name: 'Keep complexity constant' }).check();
      const table2: Array<[number, number]> = [
        [1, 64],
        [2, 40],
        [4, 24],
        [8, 14],
        [32, 4],
      ];
      for (const [C, d] of table2) {
        await w.setSlider('Cardinality C', C, 1);
        await expect(w.root.getByRole('heading', { name: `Cardinality: one block, three forms (${C}×${d}d)` })).toBeVisible();
        await expect(w.stat('Grouped conv width')).toHaveText(String(C * d));
      }
      await w.root.getByRole('checkbox', { name: 'Keep complexity constant' }).uncheck();
      await w.button('2×40d').click();
      await expect(w.button('2×40d')).toHaveAttribute('aria-pressed', 'true');
      const r = groupCost(buildGraph('resnet50', { cardinality: 2, widthPerGroup: 40 }), 'layer1.1');
      await expect(w.stat('Params', lesson.form('(b) early concatenation'))).toHaveText(int(r.params));
    });
    await test.step('ResNet-50 vs ResNeXt-50 table: spec params and MACs next to the paper’s', async () => {
      for (const id of ['resnet50', 'resnext50_32x4d']) {
        const c = graphCost(buildGraph(id)).total;
        const row = lesson.comparisonTable.locator(`tr[data-model="${id}"]`);
        await expect(row.getByTestId('params')).toHaveText(count(c.params));
        await expect(row.getByTestId('macs')).toHaveText(count(c.macs));
      }
      await expect(lesson.comparisonTable.locator('tr[data-model="resnext50_32x4d"]')).toContainText('22.2 %');
      await expect(lesson.ablationTable.getByRole('row')).toHaveCount(11);
    });
  });

  test('equivalence: paths summed, early concatenation and grouped conv agree below 1e-4', async ({ page }) => {
    test.setTimeout(240_000);
    const lesson = new ResNeXtLessonPage(page);
    await lesson.open();
    const w = lesson.equivalence;
    await w.select('Backend').selectOption('wasm');
    await w.button('Run all three forms').click();
    await expect(lesson.difference('(a) and (c)')).toBeVisible({ timeout: 120_000 });
    for (const which of ['(a) and (c)', '(b) and (c)'] as const) {
      const v = Number(await lesson.difference(which).getAttribute('data-value'));
      expect(v).toBeLessThan(1e-4);
    }
    expect(await w.leaked()).toBe(0);
    await expect(w.root.getByText('4 paths, summed')).toBeVisible();

    // New knobs re-run by themselves.
    await w.setSlider('Cardinality C', 3, 1);
    await expect(w.root.getByText('3 paths, summed')).toBeVisible({ timeout: 120_000 });
    for (const which of ['(a) and (c)', '(b) and (c)'] as const) {
      const v = Number(await lesson.difference(which).getAttribute('data-value'));
      expect(v).toBeLessThan(1e-4);
    }
    expect(await w.leaked()).toBe(0);
  });

  test('equivalence on the default backend (WebGPU or WebGL here, on SwiftShader) reports what ran', async ({ page }) => {
    test.setTimeout(240_000);
    const lesson = new ResNeXtLessonPage(page);
    await lesson.open();
    const w = lesson.equivalence;
    await expect(w.root.getByText(/^Ran on/)).toHaveCount(0);
    await w.setSlider('Cardinality C', 2, 1);
    await w.button('Run all three forms').click();
    await expect(lesson.difference('(b) and (c)')).toBeVisible({ timeout: 200_000 });
    expect(Number(await lesson.difference('(a) and (c)').getAttribute('data-value'))).toBeLessThan(1e-4);
    expect(Number(await lesson.difference('(b) and (c)').getAttribute('data-value'))).toBeLessThan(1e-4);
    await expect(w.root.locator('[data-backend]')).toHaveAttribute('data-backend', /^(webgpu|webgl|wasm|cpu)$/);
    expect(await w.leaked()).toBe(0);
  });

  test('cost: ResNeXt-50 against ResNet-50 on this device', async ({ page }) => {
    test.setTimeout(240_000);
    const lesson = new ResNeXtLessonPage(page);
    await lesson.open();
    const w = lesson.cost;
    await w.select('Backend').selectOption('wasm');
    await w.select('Input size').selectOption('32');
    await w.setSlider('Timed passes', 1, 1);
    await w.button('Measure both on this device').click();
    await expect(w.verdict).toContainText('ResNeXt-50 (32×4d) has', { timeout: 200_000 });
    expect(await w.leaked()).toBe(0);
  });
});

test.describe('layout', () => {
  for (const slug of ['densenet', 'resnext']) {
    // One load for both: the layout at 390 px in light, then the page follows the system to dark.
    test(`${slug}: at 390 px every widget fits the page (wide drawings scroll inside their box), and widgets render in dark mode`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: 'light' });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`/lessons/${slug}`);
      const regions = page.locator('article section[aria-labelledby]');
      expect(await regions.count()).toBeGreaterThan(1);
      for (const r of await regions.all()) {
        const box = await r.boundingBox();
        expect(box).not.toBeNull();
        expect(box!.x).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width).toBeLessThanOrEqual(390);
      }
      await switchScheme(page, 'dark');
      await expect(page.locator('html')).toHaveClass(/dark/);
      await expect(regions.first()).toBeVisible();
    });
  }
});
