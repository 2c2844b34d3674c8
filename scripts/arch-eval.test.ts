/**
 * `arch eval` and the shipped digits weights: a digits model is evaluated with its shipped
 * trained weights by default (the accuracy its record states), `--random` takes the seeded init,
 * and contradicting flags or a --data file outside the digits' form are refused with one clear
 * line (exit 2). In process, through main().
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDigitsNode } from '../lib/data/digits/node';
import { writeSafetensors } from '../lib/runtime/weights/safetensors';
import { SHIPPED_DIGITS } from '../lib/weights/shipped-digits';
import { main } from './arch-cli';

const dir = mkdtempSync(join(tmpdir(), 'layerwise-eval-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t) });
  return { code, out, err };
}

const N = 40;
const digits = loadDigitsNode();
function dataFile(name: string, images: Float32Array): string {
  const path = join(dir, name);
  const labels = new Uint8Array(Int32Array.from(digits.test.labels.subarray(0, N)).buffer);
  writeFileSync(
    path,
    writeSafetensors([
      ['images', { shape: [N, 1, 28, 28], data: images }],
      ['labels', { shape: [N], bytes: labels, dtype: 'I32' }],
    ]),
  );
  return path;
}
const firstTest = () => digits.test.images.slice(0, N * 784);

describe('arch eval: shipped trained weights by default', () => {
  const id = 'mnasnet_digits';
  it(`${id} --json: the shipped weights' accuracy on the test split, as the record states; --random: the seeded init`, { timeout: 120_000 }, async () => {
    const r = await run('eval', id, '--json');
    expect(r.code, r.err).toBe(0);
    const got = JSON.parse(r.out) as { accuracy: number; n: number };
    expect(got.n).toBe(2000);
    expect(got.accuracy).toBe(SHIPPED_DIGITS[id].testAccuracy);

    const text = await run('eval', id, '--data', dataFile('few.safetensors', firstTest()));
    expect(text.code, text.err).toBe(0);
    expect(text.out).toContain(`${id} (shipped trained weights, public/weights/digits/${id}.safetensors) on wasm: accuracy`);

    const random = await run('eval', id, '--random', '--seed', '3', '--data', join(dir, 'few.safetensors'));
    expect(random.code, random.err).toBe(0);
    expect(random.out).toContain(`${id} (seeded init, seed 3, untrained) on wasm`);
  });

  it('says what --help means by the default', async () => {
    const r = await run('eval', '--help');
    expect(r.out).toContain('a digits model: its trained weights shipped with the site, public/weights/digits/<id>.safetensors');
    expect(r.out).toContain('--random             the seeded init');
  });

  const cases: [string[], string][] = [
    [['eval', 'densenet_digits', '--random', '--weights', 'w.safetensors'], 'give --weights W.safetensors or --random, not both'],
    [
      ['eval', 'densenet_digits', '--seed', '4'],
      '--seed sets the seeded init, but densenet_digits is evaluated with its shipped trained weights: add --random to evaluate the seeded init',
    ],
  ];
  it.each(cases.map(([argv, want]) => ({ argv, want, name: argv.join(' ') })))('$name exits 2', async ({ argv, want }) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(want);
  });

  it('--data for a digits model: values outside [0, 1] are refused (with the fix for 0–255 images); dark digits on white get a warning', async () => {
    const scaled = firstTest().map((v) => v * 255);
    const bytes = dataFile('bytes.safetensors', scaled);
    const i = scaled.findIndex((v) => v > 1);
    const r = await run('eval', 'resnet_digits', '--data', bytes);
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      `--data ${bytes}: "images" of a digits model must lie in [0, 1] (white digits on black, as MNIST), got ${scaled[i]} at index ${i} (values up to 255: divide by 255)`,
    );
    const nan = firstTest();
    nan[9] = NaN;
    const n = await run('eval', 'resnet_digits', '--data', dataFile('nan.safetensors', nan));
    expect(n.err).toContain('must lie in [0, 1] (white digits on black, as MNIST), got NaN at index 9\n');

    const inverted = dataFile(
      'inverted.safetensors',
      firstTest().map((v) => 1 - v),
    );
    const w = await run('eval', 'resnet_digits', '--random', '--data', inverted);
    expect(w.code, w.err).toBe(0);
    expect(w.err).toMatch(
      /^arch eval: warning: --data .*inverted\.safetensors: the images average 0\.\d\d \(MNIST's digits: 0\.13\): they look like dark digits on white; the digits models read white on black \(use 1 − x\)\n$/,
    );
  });
});
