// Copies run-time assets that live in node_modules or in data folders into public/, so the site
// serves them itself and needs no network at run time (tfjs WASM binaries, sample photos).
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const wasmSrc = join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
const wasmDst = join(root, 'public/tfjs-wasm');
mkdirSync(wasmDst, { recursive: true });
for (const f of readdirSync(wasmSrc).filter((f) => f.endsWith('.wasm'))) {
  cpSync(join(wasmSrc, f), join(wasmDst, f));
}
