/**
 * The one backend policy (no tfjs: UI code imports it statically). Every `backend=` value is a
 * starting point in BACKEND_ORDER (webgpu → webgl → wasm → cpu): the runtime tries the chosen
 * backend, then walks *down* the list, towards the slower and more dependable backends, until one
 * starts. 'auto' starts at the top. A backend that fails at run time (out of memory, a lost WebGL
 * context) is left the same way: for the backends after it. So asking for `wasm` never ends on a
 * GPU, and `cpu` always is the CPU.
 *
 * The reader sees one sentence when that happened: fallbackNotice() when the chosen backend could
 * not start, switchNotice() when the one in use stopped working.
 */
import { BACKEND_ORDER, backendLabel, type BackendChoice, type BackendName } from './backend-names';

/** The order in which the runtime tries backends for a choice. */
export function backendOrder(choice: BackendChoice): BackendName[] {
  return choice === 'auto' ? [...BACKEND_ORDER] : BACKEND_ORDER.slice(BACKEND_ORDER.indexOf(choice));
}

/** Where the runtime goes when `failed` stops working: the backends after it. */
export function fallbackOrder(failed: BackendName): BackendName[] {
  return BACKEND_ORDER.slice(BACKEND_ORDER.indexOf(failed) + 1);
}

/** What initBackend reports: the backend it ended on and the ones that failed before it, with why. */
export interface BackendOutcome {
  readonly backend: BackendName;
  readonly fallbacks: readonly { readonly backend: BackendName; readonly error: string }[];
}

/**
 * The notice shown when the runtime is not on the first backend of the choice's order (null when it
 * is): which backends could not start, why, and which one is used instead.
 */
export function fallbackNotice(choice: BackendChoice, outcome: BackendOutcome): string | null {
  if (outcome.fallbacks.length === 0 || outcome.backend === backendOrder(choice)[0]) return null;
  const first = outcome.fallbacks[0].backend;
  const why = outcome.fallbacks.map((f) => `${backendLabel(f.backend)}: ${f.error}`).join('; ');
  return `${backendLabel(first)} is not available here (${why}); using ${backendLabel(outcome.backend)}.`;
}

/** The notice shown when the backend in use failed or was lost during a job and the runtime moved on. */
export function switchNotice(failed: BackendName, reason: string, next: BackendName): string {
  return `${backendLabel(failed)} stopped working (${reason}); switched to ${backendLabel(next)}.`;
}
