#!/usr/bin/env node
// Reports the JavaScript a page loads before it is interactive (the scripts its exported HTML
// loads or preloads) and the chunks loaded later with import() (tfjs and its backends), raw and
// gzipped. Run after `npm run export`:  node scripts/bundle-size.mjs [/lessons/intro]
// For every page at once, with the budgets and Lighthouse scores: scripts/page-budgets.mjs.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { firstLoadJs, kb, sumSizes } from './lib/first-load.mjs';

const out = 'out';
const page = process.argv[2] ?? '/lessons/intro';
const first = firstLoadJs(out, page);
console.log(`First-load JS of ${page}: ${first.scripts.length} files, ${kb(first.raw)} (${kb(first.gzip)} gzipped)`);

const chunkDir = join(out, '_next/static/chunks');
const later = readdirSync(chunkDir)
  .filter((f) => f.endsWith('.js'))
  .map((f) => `/_next/static/chunks/${f}`)
  .filter((f) => !first.scripts.includes(f))
  .filter((f) => /tensorflow|tfjs|webgpu|wasm/i.test(readFileSync(join(out, f), 'utf8').slice(0, 200000)));
const lazy = sumSizes(out, later);
console.log(`tfjs chunks loaded later with import(): ${later.length} files, ${kb(lazy.raw)} (${kb(lazy.gzip)} gzipped)`);
