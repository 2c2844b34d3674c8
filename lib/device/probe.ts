/**
 * What this device offers TensorFlow.js: the backend tfjs ends up on, the GPU's renderer string,
 * and whether GPU timers exist (so per-layer times are kernel times rather than wall time).
 * Browser-only; loaded with import() so pages paint before tfjs arrives.
 */
import type * as TF from '@tensorflow/tfjs';
import { initBackend, type BackendName, type BackendResult } from '@/lib/runtime/backend';

export interface DeviceReport extends BackendResult {
  readonly tfjsVersion: string;
}

export async function probeDevice(preferred?: BackendName): Promise<DeviceReport> {
  const tf: typeof TF = await import('@tensorflow/tfjs');
  const result = await initBackend(preferred);
  return { ...result, tfjsVersion: tf.version.tfjs };
}
