/**
 * Backend names and labels without tfjs: UI components and widget metadata import this
 * statically; the tfjs-dependent selection logic (backend.ts) is loaded with import().
 */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/** Preference order of initBackend(): fastest first, the always-available cpu backend last. */
export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** What a reader may ask for (the `backend=` URL parameter): a backend, or 'auto' for the fastest that starts. */
export type BackendChoice = 'auto' | BackendName;

export const BACKEND_LABELS: Readonly<Record<BackendName, string>> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WebAssembly',
  cpu: 'CPU (JavaScript)',
};

export function isBackendName(x: unknown): x is BackendName {
  return typeof x === 'string' && (BACKEND_ORDER as readonly string[]).includes(x);
}

/** A backend's label, or the string itself for a name this list does not know. */
export function backendLabel(name: string): string {
  return isBackendName(name) ? BACKEND_LABELS[name] : name;
}
