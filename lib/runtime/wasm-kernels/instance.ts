/**
 * Layerwise's own WebAssembly kernels (grouped-conv.c), instantiated on tfjs-backend-wasm's memory
 * so they read and write tensors where tfjs keeps them, with no copy in or out.
 *
 * tfjs's SIMD build exports its memory (`Module.asm.memory`); its threaded build creates a shared
 * one and keeps it as `Module.wasmMemory`. A module that imports a memory must declare whether it
 * is shared; binary.ts carries the ordinary build, and withSharedMemory rewrites its import for
 * the shared one (scripts/build-wasm-kernels.sh checks that clang's shared build differs in that
 * alone).
 *
 * Wherever they fail to load, the executor keeps to tfjs's own kernels (groupconv.ts
 * defaultGroupConvStrategy).
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { GROUPED_CONV_WASM } from './binary';

export interface WasmKernels {
  /** Pointers are byte offsets into tfjs's heap; see grouped-conv.c for the layouts. */
  grouped_conv2d(
    x: number,
    y: number,
    w: number,
    bias: number,
    n: number,
    h: number,
    wd: number,
    c: number,
    ho: number,
    wo: number,
    oc: number,
    cgIn: number,
    cgOut: number,
    kh: number,
    kw: number,
    sh: number,
    sw: number,
    ph: number,
    pw: number,
    act: number,
  ): void;
  /** `d`: the byte offset of the int32 descriptor grouped-conv.c's gather_channels reads. */
  gather_channels(d: number): void;
}

interface EmscriptenModule {
  asm?: { memory?: WebAssembly.Memory };
  wasmMemory?: WebAssembly.Memory;
  tfjs?: { getThreadsCount?: () => number };
}

/** Kernels per backend object (a backend re-registered after a lost context is a new object). */
const loaded = new WeakMap<object, WasmKernels>();
const failures = new WeakMap<object, string>();

function decode(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

const leb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
};

/** Reads an unsigned LEB128 at `i`: [value, next index]. */
function readLeb(b: Uint8Array, i: number): [number, number] {
  let v = 0;
  for (let shift = 0; ; shift += 7) {
    const byte = b[i++];
    v += (byte & 0x7f) * 2 ** shift;
    if (!(byte & 0x80)) return [v, i];
  }
}

/**
 * The same module importing a shared memory of up to 4 GiB (65536 pages): its import section's one
 * entry, env.memory, rewritten with limits flag 0x03 (shared, with a maximum). WebAssembly core
 * spec 5.3.8 (limits) and 5.5.5 (import section); threads proposal: flag bit 1 = shared.
 */
export function withSharedMemory(plain: Uint8Array): Uint8Array<ArrayBuffer> {
  let i = 8;
  while (i < plain.length) {
    const start = i;
    const id = plain[i++];
    const [size, body] = readLeb(plain, i);
    if (id === 2) {
      let j = body;
      const [count, afterCount] = readLeb(plain, j);
      j = afterCount;
      for (let k = 0; k < 2; k++) {
        const [len, next] = readLeb(plain, j);
        j = next + len; // module, then field name
      }
      if (count !== 1 || plain[j] !== 0x02) throw new Error('the kernel must import exactly one memory');
      const [, afterMin] = readLeb(plain, j + 2);
      const [min] = readLeb(plain, j + 2);
      if (plain[j + 1] !== 0x00) throw new Error('the kernel binary already declares memory limits');
      const entry = [...plain.subarray(afterCount, j + 1), 0x03, ...leb(min), ...leb(65536)];
      const content = [...leb(1), ...entry, ...plain.subarray(afterMin, body + size)];
      return Uint8Array.from([...plain.subarray(0, start), 2, ...leb(content.length), ...content, ...plain.subarray(body + size)]);
    }
    i = body + size;
  }
  throw new Error('the kernel binary has no import section');
}

/** tfjs-backend-wasm's memory, or null if this build keeps it where we cannot see it. */
export function tfjsMemory(backend: BackendWasm): WebAssembly.Memory | null {
  const m = backend.wasm as unknown as EmscriptenModule;
  const mem = m.asm?.memory ?? m.wasmMemory;
  return mem instanceof WebAssembly.Memory ? mem : null;
}

function wasmBackend(): BackendWasm | null {
  return tf.getBackend() === 'wasm' ? (tf.backend() as BackendWasm) : null;
}

/**
 * The kernels on the current wasm backend's memory, instantiated on first use (null off wasm, or
 * where they cannot load; wasmKernelsFailure says why, and the executor keeps to tfjs's kernels).
 * Synchronous: the module is 24 KB, and browsers compile modules up to 8 MB on the main thread
 * (Chrome since 114: the old 4 KB limit is gone).
 */
export function wasmKernels(): WasmKernels | null {
  const backend = wasmBackend();
  if (!backend) return null;
  const have = loaded.get(backend);
  if (have || failures.has(backend)) return have ?? null;
  try {
    const memory = tfjsMemory(backend);
    if (!memory) throw new Error('tfjs-backend-wasm keeps its memory out of reach (neither Module.asm.memory nor Module.wasmMemory)');
    const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
    const plain = decode(GROUPED_CONV_WASM);
    const compiled = new WebAssembly.Module(shared ? withSharedMemory(plain) : plain);
    const kernels = new WebAssembly.Instance(compiled, { env: { memory } }).exports as unknown as WasmKernels;
    loaded.set(backend, kernels);
    return kernels;
  } catch (e) {
    failures.set(backend, (e as Error).message);
    return null;
  }
}

/** Why the kernels did not load on the current backend (null if they did or were not tried). */
export function wasmKernelsFailure(): string | null {
  const backend = wasmBackend();
  return backend ? (failures.get(backend) ?? null) : null;
}

/** The threads XNNPACK runs on in the current wasm backend (1 where tfjs does not say). */
export function wasmThreadsCount(): number {
  const backend = wasmBackend();
  const n = backend ? (backend.wasm as unknown as EmscriptenModule).tfjs?.getThreadsCount?.() : undefined;
  return typeof n === 'number' && n >= 1 ? n : 1;
}
