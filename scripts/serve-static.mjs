#!/usr/bin/env node
// A dependency-free static file server for the exported site (out/), so the export can be checked
// on a laptop with no network: `npm run export && npm run serve:export`. Any web server works as
// well (nginx, `python3 -m http.server -d out`); this one adds the right MIME type for .wasm and
// sends the headers docs/hosting.md gives a host (lib/security/headers.mjs): the security policy
// and cross-origin isolation, which the WASM backend's threads need. `--plain` sends none of them
// (the e2e suite's "another site" host page, e2e/host/, is served that way: a host that is not
// cross-origin isolated). GZIP=1 compresses text responses as most hosts do
// (scripts/page-budgets.mjs uses it, so that Lighthouse sees the transfer sizes a real host would send).
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createGzip } from 'node:zlib';
import { extname, join, normalize, resolve } from 'node:path';
import { headersForPath } from '../lib/security/headers.mjs';

const args = process.argv.slice(2);
const plain = args.includes('--plain');
const root = resolve(args.find((a) => !a.startsWith('--')) ?? 'out');
const port = Number(process.env.PORT ?? 3000);
if (!existsSync(root)) {
  console.error(`serve-static: ${root} does not exist; run "npm run export" first.`);
  process.exit(2);
}
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.ico': 'image/x-icon',
};

const GZIP = process.env.GZIP === '1';
const COMPRESSIBLE = /^(text\/|application\/(json|wasm)|image\/svg)/;

createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  let path = normalize(join(root, decodeURIComponent(url.pathname)));
  if (!path.startsWith(root)) {
    res.writeHead(403).end('forbidden');
    return;
  }
  if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
  if (!plain) for (const h of headersForPath(url.pathname)) res.setHeader(h.key, h.value);
  if (!existsSync(path)) {
    const notFound = join(root, '404.html');
    res.writeHead(404, { 'content-type': TYPES['.html'] });
    if (existsSync(notFound)) createReadStream(notFound).pipe(res);
    else res.end('not found');
    return;
  }
  const type = TYPES[extname(path)] ?? 'application/octet-stream';
  if (GZIP && /gzip/.test(String(req.headers['accept-encoding'] ?? '')) && COMPRESSIBLE.test(type)) {
    res.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip', vary: 'accept-encoding' });
    createReadStream(path).pipe(createGzip()).pipe(res);
    return;
  }
  res.writeHead(200, { 'content-type': type });
  createReadStream(path).pipe(res);
}).listen(port, '127.0.0.1', () => console.log(`Serving ${root} at http://127.0.0.1:${port}/`));
