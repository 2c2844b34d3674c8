/**
 * The real dataset: the mnist package packed as the build step packs it. Pins the bytes (a change
 * of split, order or format shows up here first) and what the trainer relies on.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeDigits, type PackedDigits } from './format';
import { loadDigitsNode, loadPackedDigitsNode, packDigitsFromPackage, readMnistPackage } from './node';
import { DIGITS_SPLIT, splitDigits, testQuota } from './split';

/** SHA-256 of public/data/digits.bin (format v1, seed 13, mnist 1.1.0); also in ./README.md. */
const DIGITS_SHA256 = '6a3c57b54d9af9d69cb25d5478ac3b987572324a3dda42f3ae65a4610925f146';
const ROOT = new URL('../../../', import.meta.url).pathname;

let bytes: Uint8Array;
let packed: PackedDigits;
let tmp: string;

beforeAll(() => {
  bytes = packDigitsFromPackage();
  packed = decodeDigits(bytes);
  tmp = mkdtempSync(join(tmpdir(), 'digits-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('digits dataset (mnist package, packed)', () => {
  it('packs to the same bytes every time (pinned SHA-256), 7.85 MB', () => {
    expect(bytes.length).toBe(32 + 10_000 + 10_000 * 784);
    expect(sha256(bytes)).toBe(DIGITS_SHA256);
    expect(Buffer.compare(packDigitsFromPackage(), bytes)).toBe(0);
  });

  it('the build step writes those bytes', () => {
    const out = join(tmp, 'digits.bin');
    execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/pack-digits.ts'), out], { cwd: ROOT });
    expect(sha256(new Uint8Array(readFileSync(out)))).toBe(DIGITS_SHA256);
  });

  it('header: 8,000 train + 2,000 test of 1×28×28, 10 classes, the split seed', () => {
    expect(packed.header).toMatchObject({
      version: 1,
      trainCount: 8000,
      testCount: 2000,
      channels: 1,
      height: 28,
      width: 28,
      classes: 10,
      seed: DIGITS_SPLIT.seed,
    });
  });

  it('counts per class in each split follow the stratified quota', () => {
    const q = testQuota(DIGITS_SPLIT.classCounts, DIGITS_SPLIT.testFraction);
    const per = (l: Uint8Array) => Array.from({ length: 10 }, (_, c) => l.filter((x) => x === c).length);
    expect(per(packed.test.labels)).toEqual(q);
    expect(per(packed.train.labels)).toEqual(DIGITS_SPLIT.classCounts.map((n, c) => n - q[c]));
  });

  it('is lossless: every byte k gives back the package value as round(k / 255, 3), in split order', () => {
    const json = readMnistPackage();
    expect(json.map((d) => d.length / 784)).toEqual([...DIGITS_SPLIT.classCounts]);
    const { train, test } = splitDigits(DIGITS_SPLIT.classCounts, DIGITS_SPLIT.seed, DIGITS_SPLIT.testFraction);
    let mismatches = 0;
    for (const [refs, split] of [
      [train, packed.train],
      [test, packed.test],
    ] as const) {
      refs.forEach(({ label, index }, i) => {
        if (split.labels[i] !== label) mismatches++;
        for (let p = 0; p < 784; p++) if (Math.round((split.pixels[i * 784 + p] / 255) * 1000) / 1000 !== json[label][index * 784 + p]) mismatches++;
      });
    }
    expect(mismatches).toBe(0);
  });

  it('loadDigitsNode gives [N, 1, 28, 28] float32 in [0, 1], white digit on black', () => {
    const { train, test } = loadDigitsNode();
    expect(train.shape).toEqual([8000, 1, 28, 28]);
    expect(test.shape).toEqual([2000, 1, 28, 28]);
    expect(train.images).toBeInstanceOf(Float32Array);
    expect(test.labels).toBeInstanceOf(Int32Array);
    expect(train.images.length).toBe(8000 * 784);
    let min = Infinity;
    let max = -Infinity;
    for (const v of test.images) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    expect([min, max]).toEqual([0, 1]);
    // White on black: the border of a digit is background (0), its middle has ink.
    const first = test.images.subarray(0, 784);
    expect(first[0] + first[27] + first[756] + first[783]).toBe(0);
    expect(first.reduce((a, b) => a + b, 0) / 784).toBeGreaterThan(0.05);
    expect(test.images[Array.from(packed.test.pixels).indexOf(253)]).toBe(Math.fround(253 / 255));
  });

  it('on a fresh clone (no built asset) the Node loader packs the same bytes in memory', () => {
    const fresh = loadPackedDigitsNode({ built: join(tmp, 'not-built', 'digits.bin') });
    expect(fresh.source).toBe('mnist package (packed in memory)');
    expect(fresh.header.crc32).toBe(packed.header.crc32);
    expect(Buffer.compare(fresh.test.pixels, packed.test.pixels)).toBe(0);
  });

  it('a given asset file is read and checked; a bad one is refused with its rule', () => {
    const good = join(tmp, 'good.bin');
    writeFileSync(good, bytes);
    const fromFile = loadPackedDigitsNode({ file: good });
    expect(fromFile.source).toBe(good);
    expect(fromFile.header.crc32).toBe(packed.header.crc32);
    const bad = join(tmp, 'bad.bin');
    writeFileSync(bad, bytes.subarray(0, 1_000_000));
    expect(() => loadPackedDigitsNode({ file: bad })).toThrow(/digits asset truncated: 1000000 bytes, the header promises 7850032/);
  });
});
