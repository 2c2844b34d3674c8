import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGraph } from '../../arch/registry';
import { parseSafetensors } from '../../runtime/weights/safetensors';
import { readWeightsFile } from '../../runtime/weights/read-weights';
import { halfToFloat } from '../../runtime/weights/safetensors-dtypes';
import { floatToHalf } from '../../runtime/weights/safetensors-writer';
import { weightsFileBytes } from './file-size';
import { parseManifest } from './manifest';

// `npm run weights:torchvision -- --offline`: what the command writes, checked end to end with
// Debian's torchvision (weights=None, seeded): the manifest passes the schema, bytes and SHA-256
// are the files', the files fit the registry's graph, and F16 is torch's own rounding of the F32
// export, value for value. About 10 s (two exports of the smallest model).
const ID = 'shufflenet_v2_x0_5';
let dir = '';

function run(...args: string[]): void {
  execFileSync('npx', ['tsx', 'scripts/weights-torchvision.ts', '--offline', '--models', ID, '--out', dir, ...args], { stdio: 'pipe' });
}
const manifest = () => parseManifest(readFileSync(join(dir, 'manifest.json'), 'utf8'));

beforeAll(() => {
  const torch = existsSync('/usr/bin/python3') && spawnSync('/usr/bin/python3', ['-c', 'import torch, torchvision'], { encoding: 'utf8' }).status === 0;
  expect(torch, "Debian's torchvision is needed: sudo apt-get install -y python3-torchvision").toBe(true);
  dir = mkdtempSync(join(tmpdir(), 'imagenet-export-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('npm run weights:torchvision -- --offline', () => {
  let f32: Map<string, Float32Array | null> = new Map();

  it("F32: a manifest entry marked as not trained, with the file's exact bytes and SHA-256", () => {
    run();
    const { manifest: m, errors } = manifest();
    expect(errors).toEqual([]);
    expect(m.models).toHaveLength(1);
    const e = m.models[0];
    expect(e).toMatchObject({ id: ID, file: `${ID}.safetensors`, dtype: 'F32', params: 1_366_792, pretrained: false });
    expect(e.note).toMatch(/^offline test export, not trained/);
    expect(e.source.weights).toBe('ShuffleNet_V2_X0_5_Weights.IMAGENET1K_V1');
    expect(e.source.url).toMatch(/^https:\/\/download\.pytorch\.org\/models\//);
    expect(e.licence).toMatch(/It is your responsibility to determine whether you have permission/);
    const bytes = readFileSync(join(dir, e.file));
    expect(bytes.length).toBe(e.bytes);
    expect(weightsFileBytes(ID, 'F32')).toBe(e.bytes); // the sizes docs/hosting.md gives
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(e.sha256);
    const r = readWeightsFile(bytes, buildGraph(ID));
    expect(r.ok).toBe(true);
    f32 = new Map([...parseSafetensors(bytes).tensors].map(([k, t]) => [k, t.data]));
  });

  it("--fp16: F16 tensors (torch's round to nearest even), replacing the F32 file; they load and equal the F32 values rounded", () => {
    run('--fp16');
    const { manifest: m, errors } = manifest();
    expect(errors).toEqual([]);
    const e = m.models[0];
    expect(e).toMatchObject({ file: `${ID}.f16.safetensors`, dtype: 'F16' });
    expect(readdirSync(dir).sort()).toEqual(['manifest.json', `${ID}.f16.safetensors`]);
    const bytes = readFileSync(join(dir, e.file));
    expect(bytes.length).toBe(e.bytes);
    expect(weightsFileBytes(ID, 'F16')).toBe(e.bytes);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(e.sha256);
    expect(readWeightsFile(bytes, buildGraph(ID)).ok).toBe(true);
    const file = parseSafetensors(bytes);
    let values = 0;
    for (const [k, t] of file.tensors) {
      const want = f32.get(k);
      if (t.dtype === 'I64') continue; // num_batches_tracked stays an integer
      expect(t.dtype, k).toBe('F16');
      for (let i = 0; i < want!.length; i++) {
        const v = halfToFloat(floatToHalf(want![i]));
        if (t.data![i] !== v) expect(`${k}[${i}] = ${t.data![i]}`).toBe(`${k}[${i}] = ${v}`);
      }
      values += want!.length;
    }
    expect(values).toBeGreaterThan(1_366_792);
  });
});
