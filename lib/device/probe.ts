/**
 * What this device offers TensorFlow.js: the backend tfjs ends up on, the GPU's renderer string,
 * and whether GPU timers exist (so per-layer times are kernel times rather than wall time).
 * Browser-only; loaded with import() so pages paint before tfjs arrives.
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend, type BackendInfo } from '@/lib/runtime/backend';
import { BACKEND_ORDER, type BackendName } from '@/lib/runtime/backend-names';

export interface DeviceReport extends BackendInfo {
  readonly tfjsVersion: string;
}

export async function probeDevice(preferred?: BackendName): Promise<DeviceReport> {
  const order = preferred ? [preferred, ...BACKEND_ORDER.filter((b) => b !== preferred)] : BACKEND_ORDER;
  const info = await initBackend({ order });
  return { ...info, tfjsVersion: tf.version.tfjs };
}
