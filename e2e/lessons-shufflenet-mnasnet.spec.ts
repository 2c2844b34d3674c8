import { buildGraph, graphCost, mnasnetFromChoices, sampleMnasArchitecture, type MnasBlockChoice } from '../lib/arch';
import { formatCount } from '../lib/format';
import { buildBenchmark } from '../lib/widgets/guideline-lab/benchmarks';
import { reward } from '../lib/widgets/reward-explorer/reward';
import { expect, test } from './fixtures';
import { MnasNetLessonPage } from './pages/MnasNetLessonPage';
import { ShuffleNetLessonPage, type TfjsWidget } from './pages/ShuffleNetLessonPage';

// tfjs runs on SwiftShader/WASM here: small inputs, generous timeouts, one worker.
test.describe.configure({ mode: 'serial' });
test.setTimeout(240_000);

const millions = (n: number, d = 1) => `${(n / 1e6).toFixed(d)}M`;

/** After a run (finished or cancelled), tfjs holds as many tensors as before it. */
async function expectNoLeak(w: TfjsWidget | { tensors: import('@playwright/test').Locator }) {
  const readout = w.tensors;
  await expect(readout).not.toHaveAttribute('data-after', '');
  const before = await readout.getAttribute('data-before');
  await expect(readout).toHaveAttribute('data-after', before ?? 'missing');
}

test.describe('ShuffleNet v2 lesson', () => {
  test('the channel shuffle widget shows the permutation tfjs computes, and its knobs work', async ({ page }) => {
    const lesson = new ShuffleNetLessonPage(page);
    await lesson.open();
    const w = lesson.shuffle;
    await expect(w.drawing).toBeVisible();
    await expect(w.stepText).toHaveText('Step 4 of 12: unit 1, shuffle');

    // Hand-computed: view 8 channels as 2×4, transpose, flatten → 0 4 1 5 2 6 3 7.
    await expect(w.permutation).toHaveAttribute('data-perm', JSON.stringify([0, 4, 1, 5, 2, 6, 3, 7]));
    await expect(w.neverConvolved).toHaveAttribute('data-channels', '[0]');

    // Stepping, with the keyboard as well.
    await w.next.click();
    await expect(w.stepText).toHaveText('Step 5 of 12: unit 2, split');
    await w.previous.focus();
    await page.keyboard.press('Enter');
    await expect(w.stepText).toHaveText('Step 4 of 12: unit 1, shuffle');
    await w.reset.click();
    await expect(w.stepText).toHaveText('Step 0 of 12: input');
    for (let i = 0; i < 4; i++) await w.next.click();

    // 12 channels: 2×6 transposed.
    await w.channels.selectOption('12');
    await expect(w.permutation).toHaveAttribute('data-perm', JSON.stringify([0, 6, 1, 7, 2, 8, 3, 9, 4, 10, 5, 11]));
    await w.channels.selectOption('8');

    // Shuffle off: the identity half never meets a convolution.
    await w.shuffleSwitch.click();
    await expect(w.shuffleSwitch).not.toBeChecked();
    await expect(w.permutation).toHaveAttribute('data-perm', JSON.stringify([0, 1, 2, 3, 4, 5, 6, 7]));
    await expect(w.neverConvolved).toHaveAttribute('data-channels', '[0,1,2,3]');
    await expect(w.neverConvolved).toContainText('4 of 8 input channels never meet a convolution');

    // A stride-2 first unit feeds every channel to both branches: 4 inputs, 8 outputs.
    await w.stride2.check();
    await expect(w.neverConvolved).toHaveAttribute('data-channels', '[]');
    await expect(w.follow.locator('option')).toHaveCount(4);
    await w.shuffleSwitch.click();
    await expect(w.permutation).toHaveAttribute('data-perm', JSON.stringify([0, 4, 1, 5, 2, 6, 3, 7]));
    await w.follow.selectOption('2');
    await expect(w.follow).toHaveValue('2');
  });

  test("Table 5 is rendered from the spec and matches lib/arch's counts", async ({ page }) => {
    const lesson = new ShuffleNetLessonPage(page);
    await lesson.open();
    await expect(lesson.table5).toBeVisible();
    for (const id of ['shufflenet_v2_x0_5', 'shufflenet_v2_x1_0', 'shufflenet_v2_x1_5', 'shufflenet_v2_x2_0']) {
      const c = graphCost(buildGraph(id)).total;
      await expect(lesson.table5.getByTestId(`t5-macs-${id}`)).toContainText(millions(c.macs));
      await expect(lesson.table5.getByTestId(`t5-params-${id}`)).toContainText(millions(c.params, 2));
    }
    await expect(lesson.table5.getByTestId('t5-Stage3-shufflenet_v2_x1_0')).toHaveText('232');
    await expect(lesson.table5.getByRole('link', { name: '1×' })).toHaveAttribute('href', '/models/shufflenet_v2_x1_0');
  });

  test('the guideline lab completes G1 at the reduced size on WebAssembly, without leaking tensors', async ({ page }) => {
    const lesson = new ShuffleNetLessonPage(page);
    await lesson.open();
    const lab = lesson.lab;
    await lab.select('Backend').selectOption('wasm');
    await lab.reduced.check();
    await lab.run.click();
    await expect(lab.table).toHaveAttribute('data-complete', 'true', { timeout: 180_000 });
    for (let r = 0; r < 4; r++) {
      const ms = Number(await lab.row(r).getAttribute('data-ms'));
      expect(ms).toBeGreaterThan(0);
    }
    // Auto setting on WebAssembly = the paper's ARM channels; MACs at 28×28 from the spec.
    await expect(lab.root.getByTestId('backend-used')).toHaveAttribute('data-backend', 'wasm');
    const macs = graphCost(buildBenchmark('g1', 0, 'arm', 0)).total.macs / 4;
    await expect(lab.row(0)).toContainText('c1 = 32, c2 = 32');
    await expect(lab.row(0)).toContainText(formatCount(macs));
    await expect(lab.row(3)).toContainText('(57.6)'); // the paper's ARM figure beside it
    await expect(lab.verdict).toHaveAttribute('data-verdict', /holds|mixed|does not hold/);
    await expectNoLeak(lab);

    // Another guideline and a channel setting.
    await lab.guideline('G4').click();
    await lab.select('Channel setting').selectOption('gpu');
    await lab.run.click();
    await expect(lab.table).toHaveAttribute('data-complete', 'true', { timeout: 180_000 });
    await expect(lab.row(0)).toContainText('1×1 32→8');
    await expectNoLeak(lab);
  });

  test('cancelling a guideline-lab run frees every tensor it made', async ({ page }) => {
    const lesson = new ShuffleNetLessonPage(page);
    await lesson.open();
    const lab = lesson.lab;
    await lab.select('Backend').selectOption('wasm');
    // The GPU column at ×2 is heavy enough on WASM to still be running when Cancel is pressed.
    await lab.select('Channel setting').selectOption('gpu');
    await lab.select('Width').selectOption('1');
    await lab.run.click();
    await expect(lab.progress).toBeVisible();
    await expect(lab.tensors).toHaveAttribute('data-after', '');
    await lab.cancel.click();
    await expect(lab.root.getByText(/Cancelled/)).toBeVisible({ timeout: 120_000 });
    await expectNoLeak(lab);
    await expect(lab.table).toHaveAttribute('data-complete', 'false');
  });

  test('the time breakdown profiles shufflenet_v2_x1_0 by op kind', async ({ page }) => {
    const lesson = new ShuffleNetLessonPage(page);
    await lesson.open();
    const b = lesson.breakdown;
    await b.select('Input size').selectOption('64');
    await b.select('Backend').selectOption('wasm');
    await b.quick.check();
    await b.run.click();
    await expect(b.result).toBeVisible({ timeout: 180_000 });
    // The real (fused) forward: every BatchNorm and ReLU of ShuffleNet v2 runs inside its conv's
    // kernel, so there is no element-wise row: its work is in the convolution rows.
    await expect(b.result.getByTestId('breakdown-elementwise')).toHaveCount(0);
    const shares = await Promise.all(
      ['conv', 'depthwise', 'data', 'other'].map(async (c) => Number(await b.result.getByTestId(`breakdown-${c}`).getAttribute('data-share'))),
    );
    for (const s of shares) expect(s).toBeGreaterThan(0);
    expect(shares.reduce((a, s) => a + s, 0)).toBeCloseTo(1, 2);
    // Nodes computed inside another step: every BN and ReLU (folded into its conv), and on WASM also
    // the channel fast path's merges (a unit's concat → shuffle → the next unit's split as one copy).
    const bnAct = buildGraph('shufflenet_v2_x1_0', { size: 64 }).nodes.filter((n) => n.op.kind === 'bn' || n.op.kind === 'act').length;
    expect(Number(await b.result.getAttribute('data-fused'))).toBeGreaterThan(bnAct);
    // Every step on the device's measured roofline.
    await expect(b.result.getByTestId('breakdown-roofline').getByTestId('roofline-chart').locator('circle[data-layer]').first()).toBeVisible();
    // 58 split/concat/shuffle nodes (13·4 + 3·2), which the WASM channel fast path runs as 16 steps:
    // each unit's concat → shuffle (→ the next unit's split) as one copy.
    await expect(b.result.getByRole('row', { name: /Data movement/ }).getByRole('cell', { name: '16', exact: true })).toBeVisible();
    await expectNoLeak(b);
  });
});

test.describe('MnasNet lesson', () => {
  test('the reward explorer computes ACC·(LAT/T)^w for soft and hard constraints', async ({ page }) => {
    const lesson = new MnasNetLessonPage(page);
    await lesson.open();
    const r = lesson.reward;
    await expect(r.chart).toBeVisible();
    await expect(r.kind).toHaveText('now: soft');
    expect(await r.rewardOf('MnasNet-A1')).toBeCloseTo(reward(0.752, 78, { alpha: -0.07, beta: -0.07, target: 75 }), 6);

    await r.hard.click();
    await expect(r.kind).toHaveText('now: hard');
    await expect(r.row('MnasNet-A1')).toHaveAttribute('data-reward', (0.752 * (75 / 78)).toFixed(6));
    await expect(r.row('MobileNetV2')).toHaveAttribute('data-reward', (0.72).toFixed(6));

    // Move T to 78 ms with the keyboard: at LAT = T the reward is the accuracy.
    await r.target.focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await expect(r.target).toHaveValue('78');
    await expect(r.row('MnasNet-A1')).toHaveAttribute('data-reward', (0.752).toFixed(6));
    await r.alpha.fill('-0.5');
    await expect(r.kind).toHaveText('now: custom');
    await expect(r.row('MobileNetV2')).toHaveAttribute('data-reward', reward(0.72, 75, { alpha: -0.5, beta: -1, target: 78 }).toFixed(6));
  });

  test('the MnasNet-A1 table is rendered from the spec', async ({ page }) => {
    const lesson = new MnasNetLessonPage(page);
    await lesson.open();
    const c = graphCost(buildGraph('mnasnet_a1')).total;
    await expect(lesson.a1Table.getByTestId('a1-total-params')).toHaveText(millions(c.params, 2));
    await expect(lesson.a1Table.getByTestId('a1-total-macs')).toHaveText(millions(c.macs));
    await expect(lesson.a1Table.getByTestId('a1-row-Block 3')).toContainText('MBConv3');
    await expect(lesson.a1Table.getByTestId('a1-row-Block 3')).toContainText('5×5');
  });

  test('the search-space explorer samples, costs, measures and searches', async ({ page }) => {
    const lesson = new MnasNetLessonPage(page);
    await lesson.open();
    const s = lesson.search;
    await expect(s.standIn).toContainText('Stand-in, not a measurement');

    // Sample: seed 1 → 2; params and MACs equal the spec's for lib/arch's seeded sample.
    await s.sample.click();
    await expect(s.root.getByTestId('search-seed')).toHaveText('seed 2');
    const blocks = sampleMnasArchitecture(2).blocks;
    const spec = (b: readonly MnasBlockChoice[]) => graphCost(mnasnetFromChoices(b, 224)).total;
    await expect(s.cost).toHaveAttribute('data-params', String(spec(blocks).params));
    await expect(s.cost).toHaveAttribute('data-macs', String(spec(blocks).macs));
    await expect(s.block(4, 'ConvOp')).toHaveValue(blocks[3].op);

    // A knob: block 1's kernel.
    const other = blocks[0].kernel === 3 ? 5 : 3;
    await s.block(1, 'kernel').selectOption(String(other));
    const edited = blocks.map((b, i) => (i === 0 ? { ...b, kernel: other as 3 | 5 } : b));
    await expect(s.cost).toHaveAttribute('data-macs', String(spec(edited).macs));

    // Latency on this device (WebAssembly, 32×32, quick).
    await s.select('Input size for timing').selectOption('32');
    await s.select('Backend').selectOption('wasm');
    await s.root.getByRole('checkbox', { name: 'Quick measurements' }).check();
    await s.measure.click();
    await expect(s.latency).not.toHaveAttribute('data-ms', '', { timeout: 120_000 });
    expect(Number(await s.latency.getAttribute('data-ms'))).toBeGreaterThan(0);
    await expectNoLeak({ tensors: s.readout('measure') });

    // A 4-sample random search: every point measured, the Pareto front marked.
    await s.select('Strategy').selectOption('random');
    await s.select('Candidates').selectOption('4');
    await s.runSearch.click();
    await expect(s.result).toHaveAttribute('data-points', '4', { timeout: 180_000 });
    expect(Number(await s.result.getAttribute('data-front'))).toBeGreaterThanOrEqual(1);
    await expect(s.result.locator('circle[data-front="true"]').first()).toBeVisible();
    await expectNoLeak({ tensors: s.readout('search') });

    // Load a candidate back into the knobs.
    await s.result
      .getByRole('button', { name: /^Load #/ })
      .first()
      .click();
    await expect(s.cost).not.toHaveAttribute('data-macs', String(spec(edited).macs));
  });

  test('cancelling a search frees every tensor it made', async ({ page }) => {
    const lesson = new MnasNetLessonPage(page);
    await lesson.open();
    const s = lesson.search;
    await s.select('Input size for timing').selectOption('128');
    await s.select('Backend').selectOption('wasm');
    await s.select('Candidates').selectOption('48');
    await s.runSearch.click();
    await expect(s.cancel).toBeVisible();
    await expect(s.readout('search')).toHaveAttribute('data-after', '');
    await s.cancel.click();
    await expect(s.root.getByText(/Cancelled/)).toBeVisible({ timeout: 120_000 });
    await expectNoLeak({ tensors: s.readout('search') });
  });
});
