// The JavaScript an exported page loads before it is interactive: the <script src> tags of its
// HTML and the scripts it preloads (<link rel="preload" as="script">, modulepreload). Chunks a page
// fetches later with import() (the widgets as they near the viewport, tfjs) are not in its HTML,
// so they are not counted. noModule scripts (legacy polyfills) are skipped by every browser that
// runs tfjs. Shared by scripts/bundle-size.mjs and scripts/page-budgets.mjs.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The exported HTML file of a site path ("/", "/lessons/intro"). */
export function htmlFile(dir, page) {
  return join(dir, page, 'index.html');
}

/** Script URLs (site-relative) an HTML document loads up front, each once, in document order. */
export function initialScripts(html) {
  const tags = [...html.matchAll(/<(script|link)\b[^>]*>/g)].map((m) => m[0]);
  const srcs = tags.flatMap((tag) => {
    if (tag.startsWith('<script')) return /nomodule/i.test(tag) ? [] : [/\bsrc="([^"]+)"/.exec(tag)?.[1]];
    const isScript = /\brel="modulepreload"/.test(tag) || (/\brel="preload"/.test(tag) && /\bas="script"/.test(tag));
    return isScript ? [/\bhref="([^"]+)"/.exec(tag)?.[1]] : [];
  });
  return [...new Set(srcs.filter((s) => s && s.startsWith('/')))];
}

/** Raw and gzipped size of one file of the export, by its site-relative URL (query dropped). */
export function fileSize(dir, url) {
  const file = join(dir, decodeURIComponent(url.split(/[?#]/)[0]));
  if (!existsSync(file)) return { raw: 0, gzip: 0 };
  const buf = readFileSync(file);
  return { raw: buf.length, gzip: gzipSync(buf).length };
}

export function sumSizes(dir, urls) {
  return urls.map((u) => fileSize(dir, u)).reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }), { raw: 0, gzip: 0 });
}

/** First-load JavaScript of an exported page: its script URLs and their total size. */
export function firstLoadJs(dir, page) {
  const scripts = initialScripts(readFileSync(htmlFile(dir, page), 'utf8'));
  return { scripts, ...sumSizes(dir, scripts) };
}

// SI kilobytes (1 kB = 1000 B), the site's one byte convention (lib/format/bytes.ts) and the budgets'.
export const kb = (n) => `${(n / 1000).toFixed(1)} kB`;
