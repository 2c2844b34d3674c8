/** `arch run` refuses an input the model cannot fit in the backend's memory, before making weights. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { footprint } from '../lib/arch/footprint';
import { buildGraph } from '../lib/arch/registry';
import { MEMORY_BUDGETS } from '../lib/runtime/run-guard';
import { writeSafetensors } from '../lib/runtime/weights/safetensors';
import { inputFootprint, runCommand } from './arch-run';

const dir = mkdtempSync(join(tmpdir(), 'layerwise-guard-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('arch run: too big', () => {
  it('scales the footprint with the batch and the area, exactly 1× at the graph size', () => {
    const fp = footprint(buildGraph('resnet50', { size: 224 }));
    expect(inputFootprint(fp, 224, [1, 3, 224, 224])).toBe(fp);
    const x8 = inputFootprint(fp, 224, [2, 3, 448, 448]);
    expect(x8.peakActivationBytes).toBe(8 * fp.peakActivationBytes);
    expect(x8.macs).toBe(8 * fp.macs);
    expect(x8.weightBytes).toBe(fp.weightBytes);
  });

  it('refuses eight 512×512 images through resnext101_32x8d on cpu: exit 2, the numbers, no weights made', async () => {
    const fp = inputFootprint(footprint(buildGraph('resnext101_32x8d', { size: 512 })), 512, [8, 3, 512, 512]);
    expect(fp.residentBytes + fp.peakActivationBytes).toBeGreaterThan(MEMORY_BUDGETS.wasm.totalBytes);
    const input = join(dir, 'batch.safetensors');
    writeFileSync(input, writeSafetensors([['input', { shape: [8, 3, 512, 512], data: new Float32Array(8 * 3 * 512 * 512) }]]));
    const err: string[] = [];
    const t0 = performance.now();
    const code = await runCommand.run(['resnext101_32x8d', '--input', input, '--backend', 'cpu'], { stdout: () => undefined, stderr: (t) => void err.push(t) });
    expect(code).toBe(2);
    expect(err.join('')).toMatch(
      /^arch run: resnext101_32x8d: This network is too big to run on CPU \(JavaScript\): 88\.\d M params take 355 MB of weights .* over the 2\.15 GB CPU \(JavaScript\) can be relied on to hold\. Use a smaller or fewer-image input\.\n$/,
    );
    // Refused before the 88.8 M seeded weights were made (that alone takes seconds on cpu).
    expect(performance.now() - t0).toBeLessThan(3000);
  });
});
