/**
 * tfjs and the runtime modules the lab's run session needs, loaded with import() once per page, so
 * a client component may import the session statically and still paint before the 1.5 MB of tfjs
 * arrive. Also installs the leak-check hook the end-to-end tests read.
 */
import type * as TF from '@tensorflow/tfjs';
// Before tfjs is evaluated (a static import runs before any loadRuntime() call): see its comment.
import { tfjsUrlGuardActive } from '../runtime/tfjs-url-guard';

export interface Runtime {
  readonly tf: typeof TF;
  readonly backend: typeof import('../runtime/backend');
  readonly job: typeof import('../runtime/job');
  readonly activeBackend: typeof import('../runtime/active-backend');
  readonly timing: typeof import('../runtime/timing');
  readonly tensors: typeof import('../runtime/tensors');
  readonly executor: typeof import('../runtime/executor');
  readonly featuremaps: typeof import('../runtime/featuremaps');
  readonly profiler: typeof import('../runtime/profiler');
  readonly devicePeaks: typeof import('../runtime/device-peaks');
  readonly imagenet: typeof import('../runtime/imagenet');
  readonly heInit: typeof import('../runtime/weights/he-init');
  readonly weightsFile: typeof import('../runtime/weights/read-weights');
  readonly evaluate: typeof import('../runtime/evaluate');
}

let runtime: Promise<Runtime> | null = null;

/** tfjs and the runtime, loaded once per page. */
export function loadRuntime(): Promise<Runtime> {
  runtime ??= Promise.all([
    import('@tensorflow/tfjs'),
    import('../runtime/backend'),
    import('../runtime/job'),
    import('../runtime/active-backend'),
    import('../runtime/timing'),
    import('../runtime/tensors'),
    import('../runtime/executor'),
    import('../runtime/featuremaps'),
    import('../runtime/profiler'),
    import('../runtime/device-peaks'),
    import('../runtime/imagenet'),
    import('../runtime/weights/he-init'),
    import('../runtime/weights/read-weights'),
    import('../runtime/evaluate'),
  ]).then(([tf, backend, job, activeBackend, timing, tensors, executor, featuremaps, profiler, devicePeaks, imagenet, heInit, weightsFile, evaluate]) => ({
    tf,
    backend,
    job,
    activeBackend,
    timing,
    tensors,
    executor,
    featuremaps,
    profiler,
    devicePeaks,
    imagenet,
    heInit,
    weightsFile,
    evaluate,
  }));
  runtime.then(
    (rt) => exposeLeakCheck(rt),
    // A failed chunk load (offline, deploy in between) should be retryable.
    () => {
      runtime = null;
    },
  );
  return runtime;
}

/** The leak-check hook end-to-end tests read (a page has no other way to reach tfjs' counters). */
export interface LabDebugHook {
  numTensors(): number;
  backend(): string;
  /** tf.env()'s flags and whether the URL guard is active: a page URL must not change them. */
  tfjsFlags(): { flags: Record<string, unknown>; guarded: boolean };
}

declare global {
  var __layerwiseLab: LabDebugHook | undefined;
}

/** window.__layerwiseLab.numTensors(): the runtime's tensor count, for leak checks after unmount. */
function exposeLeakCheck(rt: Runtime): void {
  if (typeof window === 'undefined') return;
  globalThis.__layerwiseLab = {
    numTensors: () => rt.tensors.numTensors(),
    backend: () => rt.tf.getBackend(),
    tfjsFlags: () => ({ flags: { ...rt.tf.env().getFlags() }, guarded: tfjsUrlGuardActive(rt.tf.env()) }),
  };
}
