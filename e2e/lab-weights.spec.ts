import { buildGraph } from '../lib/arch';
import { expectedTensors } from '../lib/runtime/weights/expected';
import { heInit } from '../lib/runtime/weights/he-init';
import { writeSafetensors } from '../lib/runtime/weights/safetensors-writer';
import { expect, test } from './fixtures';
import { LabPage } from './pages/LabPage';

// Weight files held to the safetensors rules (issue 12): a refused file names its rule and the
// previous weights stay; a file with NaN values asks, inline, whether to load it anyway.

const graph = buildGraph('shufflenet_v2_x0_5');

function weightsFile(edit?: (sd: ReturnType<typeof heInit>) => void): Buffer {
  const sd = heInit(graph, 3);
  edit?.(sd);
  return Buffer.from(writeSafetensors(sd));
}

test('a file that breaks the format is refused in one line naming its rule; a NaN file asks first', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.goto('shufflenet_v2_x0_5', 'backend=wasm');
  await lab.run();
  const input = lab.runner.getByLabel('torchvision .safetensors weights file');
  const loaded = lab.runner.getByText(/^Loaded: /);
  await expect(loaded).toHaveText('Loaded: Seeded random (seed 0)');

  // Bytes after the last tensor: the buffer must be fully indexed.
  await input.setInputFiles({
    name: 'padded.safetensors',
    mimeType: 'application/octet-stream',
    buffer: Buffer.concat([weightsFile(), Buffer.from([1, 2, 3])]),
  });
  const alert = lab.runner.getByRole('alert').filter({ hasText: 'padded.safetensors' });
  await expect(alert).toContainText('padded.safetensors could not be used. The previous weights (Seeded random (seed 0)) stay loaded.');
  await expect(alert.getByRole('listitem')).toHaveText(/^trailing-bytes: the data region has \d+ bytes but the tensors end at byte \d+/);
  await expect(loaded).toHaveText('Loaded: Seeded random (seed 0)');

  // NaN in one tensor: the lab asks; keeping is the focused, safe choice.
  const bias = expectedTensors(graph).find((e) => e.key === 'fc.bias')!.key;
  const nan = weightsFile((sd) => {
    const t = sd.get(bias)!;
    const data = t.data.slice();
    data[7] = NaN;
    sd.set(bias, { shape: t.shape, data });
  });
  await input.setInputFiles({ name: 'nan.safetensors', mimeType: 'application/octet-stream', buffer: nan });
  const confirm = lab.runner.getByRole('alertdialog');
  await expect(confirm).toContainText('nan.safetensors holds values the model cannot compute with: NaN/Inf values in 1 tensor');
  await expect(confirm).toContainText('the current weights (Seeded random (seed 0)) stay loaded');
  await expect(confirm.getByRole('listitem')).toHaveText('"fc.bias": 1 NaN/Inf value (first at [7]: NaN)');
  await expect(confirm.getByRole('button', { name: 'Keep current weights' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Keep current weights' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(loaded).toHaveText('Loaded: Seeded random (seed 0)');

  // Asked again, the reader loads it anyway.
  await input.setInputFiles({ name: 'nan.safetensors', mimeType: 'application/octet-stream', buffer: nan });
  await confirm.getByRole('button', { name: 'Load anyway' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(loaded).toHaveText('Loaded: nan.safetensors', { timeout: 60_000 });
  await expect(page.getByTestId('top5')).toBeVisible();
});
