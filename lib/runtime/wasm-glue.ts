/**
 * Two workarounds that make tfjs-backend-wasm 4.22's threaded build run as asked.
 *
 * 1. It survives a minifying bundler (tfjs issues 4107, 4539).
 *
 * Why threads hung in the production bundle: to start a thread, tfjs sends each worker the
 * Emscripten glue as SOURCE TEXT — `new Blob(['var WasmBackendModuleThreadedSimd = ' +
 * wasmFactoryThreadedSimd.toString()])` (dist/backend_wasm.js, `mainScriptUrlOrBlob`) — and the
 * worker evaluates it with importScripts(). The function is the inner factory of
 * wasm-out/tfjs-backend-wasm-threaded-simd.js, which reads `_scriptDir`, a variable of the
 * enclosing closure, as `typeof _scriptDir !== "undefined" && _scriptDir`. Next's minifier knows
 * that variable is declared, renames it to one letter and drops the `typeof` guard
 * (`void 0 !== a && a`); in the worker, where only the function's text arrived, `a` does not exist:
 * "ReferenceError: a is not defined". The worker dies before it posts "loaded", and the glue's
 * start-up waits for all 8 pool workers to load (`removeRunDependency("wasm-instantiate")` once the
 * last one has), so `tf.setBackend('wasm')` never settles: a hang, with no error to the caller.
 *
 * The fix: give the factory a `toString` that returns a self-contained expression — import the
 * pristine, unminified glue, which the site serves itself (scripts/copy-assets.mjs copies it to
 * /tfjs-wasm/), and evaluate to the factory it defines. The main thread keeps running the bundled
 * (minified) copy; the workers run the same file as published. Whatever the bundler does, nothing
 * the worker evaluates refers to a name outside it.
 *
 * 2. It gets the threads it is asked for (reportCores). tfjs caps its XNNPACK pool at half the
 *    logical cores, assuming two hyperthreads per core: `init_with_threads_count` in
 *    tfjs-backend-wasm/src/cc/backend.cc takes `min(count, num_cores)` with
 *    `num_cores = emscripten_num_logical_cores() / 2`, i.e. navigator.hardwareConcurrency / 2, read
 *    once by the module's static constructors while it starts. So `setThreadsCount(2)` silently
 *    yields one thread on a 2-core machine (tfjs issue 8513), and half the cores of any phone.
 *
 * Browser only; call before the wasm backend starts.
 */

/** The glue file, as copied from node_modules/@tensorflow/tfjs-backend-wasm/wasm-out/. */
export const THREADED_GLUE_FILE = 'tfjs-backend-wasm-threaded-simd.js';

/**
 * The expression the workers evaluate: `var WasmBackendModuleThreadedSimd = (importScripts(url),
 * WasmBackendModuleThreadedSimd)`. importScripts runs the glue at the worker's global scope, where
 * its own `var WasmBackendModuleThreadedSimd = (() => { var _scriptDir …; return function … })()`
 * defines the factory; the parenthesised expression then evaluates to it.
 * `glueUrl` must be absolute: the worker is a blob: URL, against which a path does not resolve.
 */
export function workerFactorySource(glueUrl: string): string {
  if (!/^https?:\/\//.test(glueUrl)) throw new Error(`the threaded glue needs an absolute http(s) URL, got "${glueUrl}"`);
  return `(importScripts(${JSON.stringify(glueUrl)}), WasmBackendModuleThreadedSimd)`;
}

interface FactoryModule {
  default?: unknown;
}

/**
 * Installs the fix on the factory tfjs imported (the bundler shares one module instance, so this is
 * the function tfjs will call `.toString()` on). `wasmPaths` is where the site serves the tfjs files.
 */
export async function makeThreadedGlueMinifySafe(wasmPaths: string): Promise<void> {
  const mod = (await import('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js')) as unknown as FactoryModule;
  const factory = (mod.default ?? mod) as { toString: () => string };
  if (typeof factory !== 'function') throw new Error('tfjs-backend-wasm: the threaded glue did not export its factory');
  const source = workerFactorySource(new URL(`${wasmPaths.replace(/\/?$/, '/')}${THREADED_GLUE_FILE}`, location.href).href);
  Object.defineProperty(factory, 'toString', { value: () => source, configurable: true, writable: true });
}

/**
 * Makes navigator.hardwareConcurrency read `2 × threads` until the returned function is called, so
 * tfjs' halving cap (see the top of this file) lets `threads` through. Call it around the wasm
 * backend's start only, and restore as soon as the start settles (or is given up): the module's
 * static constructors are all that read the value in that time (this page's thread plan was made
 * before).
 */
export function reportCores(threads: number): () => void {
  const nav = navigator as Navigator & { hardwareConcurrency: number };
  const own = Object.getOwnPropertyDescriptor(nav, 'hardwareConcurrency');
  Object.defineProperty(nav, 'hardwareConcurrency', { value: 2 * threads, configurable: true });
  return () => {
    if (own) Object.defineProperty(nav, 'hardwareConcurrency', own);
    else delete (nav as { hardwareConcurrency?: number }).hardwareConcurrency;
  };
}
