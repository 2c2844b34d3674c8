import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { AXE_TAGS } from './axe';
import { expect, test } from './fixtures';
import { LabPage } from './pages/LabPage';
import { STATIC_PORT } from '../playwright.config';

// ImageNet weights where the host provides them (issue 14), with the command's --offline export:
// torchvision's weights=None shufflenet_v2_x0_5 as F16 (2.78 MB), marked "not trained". The site's
// own public/weights/imagenet/ holds the empty manifest; these tests serve the export in its place
// (page.route), so they can count downloads and hand out a tampered file.
const ID = 'shufflenet_v2_x0_5';
let dir = '';
let manifest = '';
let file: Buffer = Buffer.alloc(0);
let fileName = '';

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'e2e-imagenet-'));
  execFileSync('npx', ['tsx', 'scripts/weights-torchvision.ts', '--offline', '--fp16', '--models', ID, '--out', dir], { stdio: 'pipe' });
  manifest = readFileSync(join(dir, 'manifest.json'), 'utf8');
  fileName = JSON.parse(manifest).models[0].file;
  file = readFileSync(join(dir, fileName));
});
test.afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Serves the export (or `body` for the weights file); returns the count of weights requests. */
async function serveExport(page: Page, body: Buffer = file, delayMs = 0): Promise<{ requests: number }> {
  const seen = { requests: 0 };
  await page.route('**/weights/imagenet/manifest.json', (r) => r.fulfill({ contentType: 'application/json', body: manifest }));
  await page.route(`**/weights/imagenet/${fileName}`, async (r) => {
    seen.requests++;
    if (delayMs) await new Promise((res) => setTimeout(res, delayMs));
    await r.fulfill({ contentType: 'application/octet-stream', body });
  });
  return seen;
}

const OPTION = 'ImageNet weights (torchvision, 2.78 MB, fp16): offline test export, not trained';
const LOADED = 'Loaded: ImageNet weights (torchvision ShuffleNet_V2_X0_5_Weights.IMAGENET1K_V1, offline test export, not trained)';

test('listed in the manifest: offered and the default, downloaded with progress, verified, cached for the next visit', async ({ page }) => {
  const served = await serveExport(page, file, 1500);
  const lab = new LabPage(page);
  await lab.goto(ID, 'backend=wasm');
  const option = lab.runner.getByRole('radio', { name: OPTION });
  await expect(option).toBeChecked();
  await expect(lab.runner.getByTestId('imagenet-option')).toContainText(
    "Not trained: torchvision's random init (weights=None), here to test downloading, checking and caching.",
  );

  await lab.runner.getByRole('button', { name: /^Run/ }).click();
  // The file is held back 1.5 s: the bar and its sentence show the download.
  await expect(lab.runner.getByRole('status').filter({ hasText: 'downloading ImageNet weights' })).toBeVisible();
  await expect(lab.runner.getByRole('progressbar')).toBeVisible();
  await page.getByTestId('top5').waitFor({ timeout: 120_000 });
  await expect(lab.runner.getByText(/^Loaded: /)).toHaveText(LOADED);
  // Not trained, so the predictions are called random.
  await expect(page.getByTestId('random-weights-note')).toBeVisible();
  expect(served.requests).toBe(1);

  // Second visit: the Cache API copy, checked again, no second download.
  await page.reload();
  await expect(lab.runner.getByRole('radio', { name: OPTION })).toBeChecked();
  await lab.run();
  await expect(lab.runner.getByText(/^Loaded: /)).toHaveText(LOADED);
  expect(served.requests).toBe(1);
});

test('a tampered file gets the hash-mismatch notice and the current weights stay', async ({ page }) => {
  const tampered = Buffer.from(file);
  tampered[tampered.length - 100] ^= 0x40;
  await serveExport(page, tampered);
  const lab = new LabPage(page);
  await lab.goto(ID, 'backend=wasm');
  await lab.runner.getByRole('radio', { name: 'Seeded random' }).check();
  await lab.run();
  const loaded = lab.runner.getByText(/^Loaded: /);
  await expect(loaded).toHaveText('Loaded: Seeded random (seed 0)');

  await lab.runner.getByRole('radio', { name: OPTION }).check();
  const alert = lab.runner.getByRole('alert');
  await expect(alert).toContainText(
    'The ImageNet weights for shufflenet_v2_x0_5 could not be used. The previous weights (Seeded random (seed 0)) stay loaded.',
  );
  await expect(alert.getByRole('listitem')).toHaveText(
    /^shufflenet_v2_x0_5\.f16\.safetensors does not match the manifest: its SHA-256 is [0-9a-f]{12}… where the manifest says [0-9a-f]{12}…, so the file was changed or damaged\.$/,
  );
  await expect(loaded).toHaveText('Loaded: Seeded random (seed 0)');
  await expect(lab.runner.getByRole('radio', { name: 'Seeded random' })).toBeChecked();
  // The option, its licence and the notice pass axe (the a11y spec sees the site without weights).
  await lab.runner.getByText('Licence', { exact: true }).click();
  const axe = await new AxeBuilder({ page })
    .include('[data-testid="lab-runner"]')
    .withTags([...AXE_TAGS])
    .analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('a non-secure origin (no Cache API, no Web Crypto): the pure-JS SHA-256 checks the file, every visit downloads it', async ({ page }) => {
  // What a static export served from a LAN http:// address gets: neither API exists there.
  await page.addInitScript(() => {
    delete (window as { caches?: unknown }).caches;
    Object.defineProperty(window.crypto, 'subtle', { value: undefined });
  });
  const served = await serveExport(page);
  const lab = new LabPage(page);
  await lab.goto(ID, 'backend=wasm');
  expect(await page.evaluate(() => [typeof caches, typeof crypto.subtle])).toEqual(['undefined', 'undefined']);
  await lab.run();
  await expect(lab.runner.getByText(/^Loaded: /)).toHaveText(LOADED);
  await page.reload();
  await lab.run();
  await expect(lab.runner.getByText(/^Loaded: /)).toHaveText(LOADED);
  expect(served.requests).toBe(2);
});

test('a manifest that lists nothing: one sentence on how a host adds weights; own files still load', async ({ page }) => {
  // The site's own (empty) manifest, as prepare-assets writes it.
  const lab = new LabPage(page);
  await lab.goto(ID, 'backend=wasm');
  await expect(lab.runner.getByTestId('imagenet-how-to')).toHaveText(
    'No ImageNet weights on this site yet: whoever hosts it adds them with npm run weights:torchvision (see docs/hosting.md); until then, load a torchvision .safetensors file below.',
  );
  await expect(lab.runner.getByRole('radio', { name: /ImageNet weights/ })).toHaveCount(0);
  await expect(lab.weightsFile()).toBeAttached();
});

test('the static export, served from a folder: the files a host puts in weights/imagenet/ load with no other network', async ({ page }) => {
  // The export as a host would have it after `npm run weights:torchvision` (the folder is restored after).
  const folder = join(process.env.E2E_STATIC_DIR ?? 'out', 'weights/imagenet');
  const manifestPath = join(folder, 'manifest.json');
  expect(existsSync(manifestPath), `${manifestPath}: the export writes an empty manifest (npm run export)`).toBe(true);
  const original = readFileSync(manifestPath);
  copyFileSync(join(dir, fileName), join(folder, fileName));
  writeFileSync(manifestPath, manifest);
  try {
    const base = `http://127.0.0.1:${STATIC_PORT}`;
    const elsewhere: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(`${base}/`) && !/^(data|blob):/.test(r.url())) elsewhere.push(r.url());
    });
    await page.goto(`${base}/models/${ID}/?backend=wasm`);
    const runner = page.getByTestId('lab-runner');
    await expect(runner.getByRole('radio', { name: OPTION })).toBeChecked();
    await runner.getByRole('button', { name: /^Run/ }).click();
    await page.getByTestId('top5').waitFor({ timeout: 120_000 });
    await expect(runner.getByText(/^Loaded: /)).toHaveText(LOADED);
    expect(elsewhere).toEqual([]);
  } finally {
    writeFileSync(manifestPath, original);
    rmSync(join(folder, fileName), { force: true });
  }
});
