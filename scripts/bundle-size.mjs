#!/usr/bin/env node
// Reports the JavaScript a page loads before it is interactive (the <script> tags in its exported
// HTML) and the chunks loaded later with import() (tfjs and its backends), raw and gzipped.
// Run after `npm run export`:  node scripts/bundle-size.mjs [/lessons/intro]
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const out = 'out';
const page = process.argv[2] ?? '/lessons/intro';
const html = readFileSync(join(out, page, 'index.html'), 'utf8');
// noModule scripts (legacy polyfills) are skipped by every browser that runs tfjs.
const initial = [
  ...new Set(
    [...html.matchAll(/<script[^>]*>/g)]
      .map((m) => m[0])
      .filter((tag) => !/nomodule/i.test(tag))
      .map((tag) => /src="([^"]+)"/.exec(tag)?.[1])
      .filter(Boolean),
  ),
];

const size = (file) => {
  const buf = readFileSync(join(out, file));
  return { raw: buf.length, gzip: gzipSync(buf).length };
};
// SI kilobytes (1 kB = 1000 B), the site's one byte convention (lib/format/bytes.ts) and the budgets'.
const kb = (n) => `${(n / 1000).toFixed(1)} kB`;
const sum = (files) => files.map(size).reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }), { raw: 0, gzip: 0 });

const first = sum(initial);
console.log(`First-load JS of ${page}: ${initial.length} files, ${kb(first.raw)} (${kb(first.gzip)} gzipped)`);

const chunkDir = join(out, '_next/static/chunks');
const later = readdirSync(chunkDir)
  .filter((f) => f.endsWith('.js'))
  .map((f) => `/_next/static/chunks/${f}`)
  .filter((f) => !initial.includes(f))
  .filter((f) => /tensorflow|tfjs|webgpu|wasm/i.test(readFileSync(join(out, f), 'utf8').slice(0, 200000)));
const lazy = sum(later);
console.log(`tfjs chunks loaded later with import(): ${later.length} files, ${kb(lazy.raw)} (${kb(lazy.gzip)} gzipped)`);
