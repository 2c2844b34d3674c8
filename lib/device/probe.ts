/**
 * What this device offers TensorFlow.js: the backend tfjs ends up on, the GPU's renderer string,
 * and whether GPU timers exist (so per-layer times are kernel times rather than wall time).
 * Browser-only; loaded with import() so pages paint before tfjs arrives. A job of the page-wide
 * queue like any other, with the runtime's one backend policy.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendInfo } from '@/lib/runtime/backend';
import type { BackendName } from '@/lib/runtime/backend-names';
import { runTfjsJob } from '@/lib/runtime/job';

export interface DeviceReport extends BackendInfo {
  readonly tfjsVersion: string;
}

export function probeDevice(preferred?: BackendName): Promise<DeviceReport> {
  return runTfjsJob({ backend: preferred ?? 'auto' }, async ({ backend }) => ({ ...backend, tfjsVersion: tf.version.tfjs }));
}
