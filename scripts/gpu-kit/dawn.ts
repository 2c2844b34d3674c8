/**
 * WebGPU for Node through Dawn (the `webgpu` npm package, dawn-gpu/node-webgpu): puts its GPU*
 * classes and constants on globalThis and `navigator.gpu`, which is all tfjs-backend-webgpu needs
 * (it registers itself at import time only when `globalThis.navigator.gpu` exists, so this runs
 * before the backend is imported; lib/runtime/backend.ts imports it on first use).
 */
import type { GpuLike } from './adapter';

interface DawnModule {
  create(options: string[]): GpuLike;
  globals: Record<string, unknown>;
}

export interface Dawn {
  readonly gpu: GpuLike;
  /** Drops the reference to Dawn's GPU object: Node does not exit while it is held (node-webgpu README, "Lifetime"). */
  uninstall(): void;
}

/** Named in a variable so bundlers leave it alone: the kit ships the package beside kit.mjs, in node_modules/webgpu. */
const WEBGPU_PACKAGE = 'webgpu';

export async function installDawn(options: readonly string[]): Promise<Dawn> {
  let mod: DawnModule;
  try {
    mod = (await import(WEBGPU_PACKAGE)) as DawnModule;
  } catch (e) {
    throw new Error(`cannot load the \`webgpu\` package (Dawn for Node): ${e instanceof Error ? e.message : String(e)}`);
  }
  // Dawn throws here when no backend or adapter matches the options (it then lists the adapters).
  const gpu = mod.create([...options]);
  Object.assign(globalThis, mod.globals);
  const g = globalThis as { navigator?: object };
  // Node 21+ has a global `navigator` (without gpu); Node 18 and 20 have none.
  if (g.navigator) Object.defineProperty(g.navigator, 'gpu', { value: gpu, configurable: true, writable: true });
  else Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
  return {
    gpu,
    uninstall() {
      if (g.navigator && 'gpu' in g.navigator) delete (g.navigator as { gpu?: unknown }).gpu;
    },
  };
}
