/**
 * Keeps the page's URL away from TensorFlow.js' flag parser.
 *
 * tfjs-core reads flags from the page URL on its own (tfjs-core 4.22, dist/environment.js and
 * dist/engine.js):
 *   - evaluating tfjs-core runs `getOrMakeEngine()` → `new Environment(window)`, whose constructor
 *     sets `this.getQueryParams = getQueryParams` and then calls `this.populateURLFlags()`;
 *   - `populateURLFlags()` calls `this.getQueryParams(window.location.search)`, which passes every
 *     parameter's name and value through `decodeURIComponent` (`decodeParam`), and keeps the
 *     `tfjsflags` parameter (`?tfjsflags=NAME:value,…`) as `urlFlags`;
 *   - `registerFlag()` then applies each URL flag as the flag is registered, and `reset()`
 *     (`tf.engine().reset()`) reads the URL again.
 * So a malformed escape in any parameter, even one the site ignores (`?note=100%`), throws a
 * URIError while tfjs is evaluated and every widget fails ("URI malformed"); and a shared link
 * with `tfjsflags=WEBGL_PACK:false` silently changes what readers compute and measure
 * (`DEBUG:true` makes every run fail).
 *
 * The one seam is the instance field `getQueryParams` (an instance field so that tfjs' own tests
 * can spy on it). An accessor on `Environment.prototype` receives the constructor's assignment
 * (its setter drops it) and answers a parser that finds no parameters: tfjs never sees the URL,
 * at construction or at reset. No URL the site makes carries `tfjsflags`, and the site sets the
 * flags it needs in code (lib/runtime/backend.ts). Alternatives that do not hold: flags cannot be
 * set before tfjs is evaluated (the environment does not exist yet, and its constructor is what
 * throws); rewriting the address with history.replaceState while tfjs loads would be seen by
 * Next's router and the site's own URL state; clearing `urlFlags` afterwards is too late for a
 * malformed escape.
 *
 * This module imports only tfjs-core's environment module (no engine, no kernels), so it is cheap
 * to evaluate on every page. It must be evaluated before tfjs-core's engine: the root layout
 * imports it (components/TfjsUrlGuard.tsx), and so does lib/lab/runtime-loader.ts; every tfjs
 * import in the site is an import() made after hydration.
 */
import { Environment } from '@tensorflow/tfjs-core/dist/environment';

/** tfjs' query parser, as the guard answers it: no parameters, whatever the URL holds. */
function noQueryParams(): Record<string, string> {
  return {};
}

/** Installs the guard (idempotent). Returns false where the prototype could not be changed. */
export function installTfjsUrlGuard(env: { prototype: object } = Environment): boolean {
  const proto = env.prototype;
  const current = Object.getOwnPropertyDescriptor(proto, 'getQueryParams');
  if (current?.get === noQueryParamsGetter) return true;
  try {
    Object.defineProperty(proto, 'getQueryParams', {
      configurable: true,
      get: noQueryParamsGetter,
      // The constructor's `this.getQueryParams = getQueryParams` lands here and is dropped.
      set: () => {},
    });
    return true;
  } catch {
    return false;
  }
}

function noQueryParamsGetter(): () => Record<string, string> {
  return noQueryParams;
}

/** Whether an environment (tf.env()) reads its flags through the guard. */
export function tfjsUrlGuardActive(environment: object): boolean {
  return (environment as { getQueryParams?: unknown }).getQueryParams === noQueryParams;
}

installTfjsUrlGuard();
