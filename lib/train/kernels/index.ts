/**
 * Training kernels that a tfjs backend lacks, composed from that backend's own forward kernels.
 *
 * tfjs-backend-wasm 4.22 registers Conv2DBackpropInput, MaxPoolGrad and AvgPoolGrad but no
 * Conv2DBackpropFilter, DepthwiseConv2dNativeBackpropFilter or DepthwiseConv2dNativeBackpropInput,
 * so tf.grad through tf.conv2d / tf.depthwiseConv2d fails there ("Kernel … not registered").
 * The cpu, webgl and webgpu backends have all five natively (lib/train/README.md, "Gradients on
 * every backend").
 *
 * Use: the trainer calls `ensureTrainingKernels(tf.getBackend())` once the backend is active and
 * before the first tf.grad/variableGrads (the tfjs-backend-wasm package must be loaded, which it
 * is once the backend was set). It is idempotent, cheap (a registry look-up per kernel) and never
 * replaces a kernel the backend has: if a later tfjs ships its own, that one is used.
 */
import * as tf from '@tensorflow/tfjs';
import { conv2dBackpropFilter, type Conv2DBackpropFilterArgs } from './conv2d-backprop-filter';
import { depthwiseBackpropFilter, type DepthwiseBackpropFilterArgs } from './depthwise-backprop-filter';
import { depthwiseBackpropInput, type DepthwiseBackpropInputArgs } from './depthwise-backprop-input';

/** The backends we add kernels to, and which. Every other backend has them natively. */
export const TRAINING_KERNELS: Readonly<Record<string, readonly string[]>> = {
  wasm: ['Conv2DBackpropFilter', 'DepthwiseConv2dNativeBackpropFilter', 'DepthwiseConv2dNativeBackpropInput'],
};

type AnyArgs = { inputs: unknown; backend: unknown; attrs?: unknown };

function kernelFunc(kernelName: string, backendName: string): tf.KernelFunc {
  // The engine hands {inputs, backend, attrs}; the casts name the inputs/attrs tfjs-core's
  // gradients pass for each kernel (kernel_names.ts).
  return ((args: AnyArgs) => {
    switch (kernelName) {
      case 'Conv2DBackpropFilter':
        return conv2dBackpropFilter(backendName, args as unknown as Conv2DBackpropFilterArgs);
      case 'DepthwiseConv2dNativeBackpropFilter':
        return depthwiseBackpropFilter(backendName, args as unknown as DepthwiseBackpropFilterArgs);
      case 'DepthwiseConv2dNativeBackpropInput':
        return depthwiseBackpropInput(backendName, args as unknown as DepthwiseBackpropInputArgs);
    }
    throw new Error(`no training kernel ${kernelName}`);
  }) as unknown as tf.KernelFunc;
}

/**
 * Registers the missing training kernels for `backendName` (today: only 'wasm' lacks any).
 * Returns the kernels this call registered (empty when there was nothing to do).
 */
export function ensureTrainingKernels(backendName: string): string[] {
  const names = TRAINING_KERNELS[backendName] ?? [];
  const added: string[] = [];
  for (const kernelName of names) {
    if (tf.getKernel(kernelName, backendName)) continue;
    tf.registerKernel({ kernelName, backendName, kernelFunc: kernelFunc(kernelName, backendName) });
    added.push(kernelName);
  }
  return added;
}

/** Registers every backend's missing training kernels (idempotent). */
export function registerTrainingKernels(): string[] {
  return Object.keys(TRAINING_KERNELS).flatMap((b) => ensureTrainingKernels(b));
}
