/**
 * The digits in Node (the CLI, the tests, the benchmarks): from the built asset when it is there
 * (`npm run prepare-assets` writes it), else packed in memory from the mnist package, which gives
 * the same bytes, so a fresh clone needs only `npm ci`. Not for the browser (node:fs).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeDigits, type PackedDigits } from './format';
import { toDigitsData, type DigitsData } from './images';
import { packDigits } from './pack';

/** The repository root (this file is lib/data/digits/node.ts). */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Where the build step writes the asset; the site serves it as DIGITS_ASSET_PATH. */
export const DIGITS_ASSET_FILE = join(ROOT, 'public', 'data', 'digits.bin');

/** The mnist package's ten class files (src/digits/0.json … 9.json), as parsed JSON values. */
export function readMnistPackage(): number[][] {
  const pkg = createRequire(join(ROOT, 'package.json')).resolve('mnist/package.json');
  return Array.from({ length: 10 }, (_, d) => {
    const json = JSON.parse(readFileSync(join(dirname(pkg), 'src', 'digits', `${d}.json`), 'utf8')) as { data?: unknown };
    if (!Array.isArray(json.data)) throw new Error(`mnist package: src/digits/${d}.json has no "data" array`);
    return json.data as number[];
  });
}

/** The asset's bytes, packed from the mnist package (what the build step writes). */
export function packDigitsFromPackage(): Uint8Array {
  return packDigits(readMnistPackage());
}

export interface NodeDigitsOptions {
  /** An asset file to read instead of the built one; a missing or bad file then throws. */
  readonly file?: string;
  /** Where the built asset is looked for (default DIGITS_ASSET_FILE); packed in memory when absent. */
  readonly built?: string;
}

/** The packed digits and where they came from. */
export function loadPackedDigitsNode(options: NodeDigitsOptions = {}): PackedDigits & { source: string } {
  const built = options.built ?? DIGITS_ASSET_FILE;
  const file = options.file ?? (existsSync(built) ? built : null);
  if (file === null) return { ...decodeDigits(packDigitsFromPackage()), source: 'mnist package (packed in memory)' };
  return { ...decodeDigits(new Uint8Array(readFileSync(file))), source: file };
}

/** { train, test } as LabelledImages ([N, 1, 28, 28] float32 in [0, 1]), like loadDigits() in the browser. */
export function loadDigitsNode(options: NodeDigitsOptions = {}): DigitsData {
  return toDigitsData(loadPackedDigitsNode(options));
}
