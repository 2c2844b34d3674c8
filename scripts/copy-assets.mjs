// Copies run-time assets into public/, so the site serves them itself and needs no network at
// run time: the tfjs WASM binaries (from node_modules) and the sample photos with their licences
// (from samples/), and packs the digits dataset. Runs before every build, export and dev server.
import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { emptyManifest } from '../lib/weights/imagenet/manifest-format.mjs';

const root = new URL('..', import.meta.url).pathname;

function copy(from, to, keep) {
  mkdirSync(to, { recursive: true });
  for (const f of readdirSync(from).filter(keep)) cpSync(join(from, f), join(to, f));
}

copy(join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist'), join(root, 'public/tfjs-wasm'), (f) => f.endsWith('.wasm'));
// The threaded build's Emscripten glue, as published (not minified): its workers import it from here
// (lib/runtime/wasm-glue.ts explains why the bundled copy cannot serve them).
copy(join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/wasm-out'), join(root, 'public/tfjs-wasm'), (f) => f === 'tfjs-backend-wasm-threaded-simd.js');
copy(join(root, 'samples'), join(root, 'public/samples'), (f) => /\.(png|jpe?g|md)$/i.test(f));

// The digits dataset: the mnist package's JSON (42 MB) packed into one binary asset,
// public/data/digits.bin (lib/data/digits/README.md). The packer is TypeScript shared with the
// Node loader, so it runs through tsx.
execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/pack-digits.ts')], { cwd: root, stdio: 'inherit' });

// The ImageNet weights manifest (lib/weights/imagenet): `npm run weights:torchvision` writes it next
// to the files it downloads. Until a host runs it, an empty one, so the lab's request for it finds
// a file (no 404 in the console) and lists nothing. The folder is not in git (.gitignore).
const manifest = join(root, 'public/weights/imagenet/manifest.json');
if (!existsSync(manifest)) {
  mkdirSync(join(root, 'public/weights/imagenet'), { recursive: true });
  writeFileSync(manifest, `${JSON.stringify(emptyManifest(), null, 2)}\n`);
}
