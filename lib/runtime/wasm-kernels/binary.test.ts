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
import { type WasmKernels, withSharedMemory } from './instance';

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

  it('writes nothing outside its output tensors (a memory full of sentinels)', () => {
    const memory = new WebAssembly.Memory({ initial: 64 }); // 4 MiB
    const k = new WebAssembly.Instance(new WebAssembly.Module(plain), { env: { memory } }).exports as unknown as WasmKernels;
    const bytes = new Uint8Array(memory.buffer);
    const f32 = new Float32Array(memory.buffer);
    const check = (outStart: number, outBytes: number, setUp: () => void, run: () => void) => {
      for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 37 + 11) & 0xff;
      setUp();
      const before = bytes.slice();
      run();
      let changed = 0;
      for (let i = 0; i < bytes.length; i++) if ((i < outStart || i >= outStart + outBytes) && bytes[i] !== before[i]) changed++;
      expect(changed).toBe(0);
      expect(bytes.subarray(outStart, outStart + outBytes)).not.toEqual(before.subarray(outStart, outStart + outBytes));
    };
    const [X, W, B, Y] = [1 << 20, 2 << 20, 3 << 20, 3.5 * (1 << 20)];
    // Every tile kind and the border path: cgOut 4 paired groups, odd groups, 8-channel blocks with an odd last one.
    for (const [c, oc, groups, h, wd, k3] of [
      [128, 128, 32, 9, 10, 3],
      [12, 12, 3, 7, 11, 3],
      [36, 36, 3, 6, 6, 3],
      [64, 40, 1, 5, 9, 1],
    ]) {
      const [cgin, cgout] = [c / groups, oc / groups];
      const pad = k3 === 3 ? 1 : 0;
      const [ho, wo] = [h + 2 * pad - k3 + 1, wd + 2 * pad - k3 + 1];
      check(
        Y,
        ho * wo * oc * 4,
        () => {
          for (let i = 0; i < h * wd * c; i++) f32[X / 4 + i] = Math.sin(i);
          for (let i = 0; i < oc * cgin * k3 * k3; i++) f32[W / 4 + i] = Math.cos(i);
          for (let i = 0; i < oc; i++) f32[B / 4 + i] = 0.1 * i;
        },
        () => {
          k.grouped_conv2d(X, Y, W, B, 1, h, wd, c, ho, wo, oc, cgin, cgout, k3, k3, 1, 1, pad, pad, 1);
        },
      );
    }
    // gather_channels: ShuffleNet's interleave (two stride-2 runs) and a stride-1 run.
    const pixels = 5;
    const [a, b, d, out] = [X, X + 65536, B, Y];
    check(
      out,
      pixels * 16 * 4,
      () => {
        for (let i = 0; i < pixels * 8; i++) {
          f32[a / 4 + i] = i + 0.5;
          f32[b / 4 + i] = -i - 0.5;
        }
        const desc = [pixels, 16, 2, a, b, 8, 8, out, 3, 0, 0, 0, 2, 6, 1, 0, 1, 2, 6, 1, 6, 12, 1, 2];
        new Int32Array(memory.buffer, d, desc.length).set(desc);
      },
      () => k.gather_channels(d),
    );
  });
});
