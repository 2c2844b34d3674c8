/**
 * Build step (npm run prepare-assets, via scripts/copy-assets.mjs): packs the mnist package's
 * 10,000 digits into public/data/digits.bin (lib/data/digits/README.md). Deterministic: the same
 * bytes on every build, so the file is generated rather than committed.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { DIGITS_ASSET_FILE, packDigitsFromPackage } from '../lib/data/digits/node';

// Usage: tsx scripts/pack-digits.ts [OUT] (default public/data/digits.bin). An unchanged file is
// left alone, so its modification time (and the dev server's cache) survive a rebuild.
const out = process.argv[2] ?? DIGITS_ASSET_FILE;
const bytes = packDigitsFromPackage();
const same = existsSync(out) && Buffer.compare(readFileSync(out), bytes) === 0;
if (!same) {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, bytes);
}
