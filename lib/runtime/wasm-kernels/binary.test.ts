/**
 * The shipped kernel binaries are the source's, and they cannot touch tfjs's memory outside the
 * tensors they are handed: they import exactly tfjs's memory and export exactly the kernel, with
 * no memory, data or start function of their own (grouped-conv.c's rules; the build script
 * refuses a binary that reads or writes a global).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GROUPED_CONV_WASM, SOURCE_SHA256_PREFIX } from './binary';
import { withSharedMemory } from './instance';

const plain = Uint8Array.from(Buffer.from(GROUPED_CONV_WASM, 'base64'));

/** Section ids in order (WebAssembly core spec 5.5.2), skipping custom sections (0). */
function sectionIds(b: Uint8Array): number[] {
  const ids: number[] = [];
  let i = 8; // magic + version
  while (i < b.length) {
    const id = b[i++];
    let size = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = b[i++];
      size |= (byte & 0x7f) << shift;
      if (!(byte & 0x80)) break;
    }
    if (id !== 0) ids.push(id);
    i += size;
  }
  return ids;
}

const MEMORY = 5;
const START = 8;
const DATA = 11;
const DATA_COUNT = 12;

describe('the grouped-conv kernel binaries', () => {
  it('were built from the grouped-conv.c in the tree (run scripts/build-wasm-kernels.sh after editing it)', () => {
    const src = readFileSync(new URL('./grouped-conv.c', import.meta.url));
    expect(createHash('sha256').update(src).digest('hex').slice(0, 16)).toBe(SOURCE_SHA256_PREFIX);
  });

  for (const [name, b, shared] of [
    ['plain', plain, false],
    ['shared (instance.ts withSharedMemory)', withSharedMemory(plain), true],
  ] as const) {
    it(`${name}: imports only the memory, exports only the kernels, owns no memory, data or start`, () => {
      const m = new WebAssembly.Module(b);
      expect(WebAssembly.Module.imports(m)).toEqual([{ module: 'env', name: 'memory', kind: 'memory' }]);
      expect(WebAssembly.Module.exports(m)).toEqual([
        { name: 'grouped_conv2d', kind: 'function' },
        { name: 'gather_channels', kind: 'function' },
      ]);
      const ids = sectionIds(b);
      for (const id of [MEMORY, START, DATA, DATA_COUNT]) expect(ids, `section ${id}`).not.toContain(id);
    });

    it(`${name}: links to a ${shared ? 'shared' : 'non-shared'} memory only (hence two builds)`, () => {
      const m = new WebAssembly.Module(b);
      const own = new WebAssembly.Memory({ initial: 2, maximum: 65536, shared });
      const other = new WebAssembly.Memory({ initial: 2, maximum: 65536, shared: !shared });
      expect(() => new WebAssembly.Instance(m, { env: { memory: own } })).not.toThrow();
      expect(() => new WebAssembly.Instance(m, { env: { memory: other } })).toThrow(WebAssembly.LinkError);
    });
  }
});
