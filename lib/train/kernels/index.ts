/**
 * Training kernels a tfjs backend lacks (or gets wrong), for the gradients of the train-mode
 * forward.
 *
 * tfjs-backend-wasm 4.22 registers AvgPoolGrad but no
 * Conv2DBackpropFilter, DepthwiseConv2dNativeBackpropFilter or DepthwiseConv2dNativeBackpropInput,
 * so tf.grad through tf.conv2d / tf.depthwiseConv2d fails there ("Kernel … not registered"); we
 * compose those three from wasm's own forward kernels. Its MaxPoolGrad exists but routes the
 * gradient of a window whose values are all ≤ 0 to the wrong cell (max-pool-grad.ts); we replace
 * it. Its Conv2DBackpropInput is right but runs as plain loops outside XNNPACK, 5–40× slower than
 * the forward conv of the same layer and over half of a digits model's step; we replace it with
 * one XNNPACK Conv2D (conv2d-backprop-input.ts; scripts/bench-train-kernels.ts prints both). Its
 * SplitV copies the whole input once per part (the 'split' grouped conv makes 32 parts): ours
 * copies it once (split-v.ts). Its Sum and Mean transpose the whole tensor before reducing
 * leading axes (BatchNorm statistics, bias gradients): those run as one average pool
 * (reduce-leading.ts), every other reduction on wasm's own kernels. The
 * cpu, webgl and webgpu backends have all of them natively (lib/train/README.md, "Gradients on
 * every backend").
 *
 * Use: the trainer calls `ensureTrainingKernels(tf.getBackend())` once the backend is active and
 * before the first tf.grad / tf.variableGrads (the tfjs-backend-wasm package must be loaded, which
 * it is once the backend was set). It is idempotent and cheap (a registry look-up per kernel). A
 * missing kernel is never registered over one the backend has: if a later tfjs ships its own
 * backprop kernels, those are used.
 */
import * as tf from '@tensorflow/tfjs';
import { conv2dBackpropFilter, type Conv2DBackpropFilterArgs } from './conv2d-backprop-filter';
import { conv2dBackpropInput, type Conv2DBackpropInputArgs } from './conv2d-backprop-input';
import { depthwiseBackpropFilter, type DepthwiseBackpropFilterArgs } from './depthwise-backprop-filter';
import { depthwiseBackpropInput, type DepthwiseBackpropInputArgs } from './depthwise-backprop-input';
import { maxPoolGrad, type MaxPoolGradArgs } from './max-pool-grad';
import { leadingReduce, type ReduceArgs } from './reduce-leading';
import { splitV, type SplitVArgs } from './split-v';

export interface TrainingKernel {
  readonly kernelName: string;
  readonly backendName: string;
  /**
   * 'missing': registered only where the backend has none; 'replaces': the backend's own is wrong;
   * 'faster': the backend's own is right but much slower (replaced like 'replaces').
   */
  readonly reason: 'missing' | 'replaces' | 'faster';
  readonly kernelFunc: tf.KernelFunc;
}

// The engine hands {inputs, backend, attrs}; each Args type names the inputs/attrs tfjs-core's
// gradients pass for that kernel (tfjs-core kernel_names.ts).
const fn = <A>(f: (args: A) => tf.TensorInfo | tf.TensorInfo[]): tf.KernelFunc => f as unknown as tf.KernelFunc;

/** The backend's own kernels we replaced and still delegate to (SplitV on strings, Sum/Mean off the leading axes). */
const replaced = new Map<string, tf.KernelConfig>();

function nativeOf(kernelName: string, backendName: string): tf.KernelFunc {
  const k = replaced.get(`${backendName}/${kernelName}`);
  if (!k) throw new Error(`training kernels: ${backendName}'s own ${kernelName} was never registered`);
  return k.kernelFunc;
}

export const TRAINING_KERNELS: readonly TrainingKernel[] = [
  {
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    reason: 'missing',
    kernelFunc: fn((a: Conv2DBackpropFilterArgs) => conv2dBackpropFilter('wasm', a)),
  },
  {
    kernelName: 'DepthwiseConv2dNativeBackpropFilter',
    backendName: 'wasm',
    reason: 'missing',
    kernelFunc: fn((a: DepthwiseBackpropFilterArgs) => depthwiseBackpropFilter('wasm', a)),
  },
  {
    kernelName: 'DepthwiseConv2dNativeBackpropInput',
    backendName: 'wasm',
    reason: 'missing',
    kernelFunc: fn((a: DepthwiseBackpropInputArgs) => depthwiseBackpropInput('wasm', a)),
  },
  {
    kernelName: 'Conv2DBackpropInput',
    backendName: 'wasm',
    reason: 'faster',
    kernelFunc: fn((a: Conv2DBackpropInputArgs) => conv2dBackpropInput('wasm', a)),
  },
  { kernelName: 'MaxPoolGrad', backendName: 'wasm', reason: 'replaces', kernelFunc: fn((a: MaxPoolGradArgs) => maxPoolGrad(a)) },
  { kernelName: 'SplitV', backendName: 'wasm', reason: 'faster', kernelFunc: fn((a: SplitVArgs) => splitV(nativeOf('SplitV', 'wasm'))(a)) },
  { kernelName: 'Sum', backendName: 'wasm', reason: 'faster', kernelFunc: fn((a: ReduceArgs) => leadingReduce('Sum', 'wasm', nativeOf('Sum', 'wasm'))(a)) },
  { kernelName: 'Mean', backendName: 'wasm', reason: 'faster', kernelFunc: fn((a: ReduceArgs) => leadingReduce('Mean', 'wasm', nativeOf('Mean', 'wasm'))(a)) },
];

/**
 * Registers the training kernels `backendName` needs (today: only 'wasm' needs any). Returns the
 * names this call (re)registered; empty when there was nothing left to do.
 */
export function ensureTrainingKernels(backendName: string): string[] {
  const done: string[] = [];
  for (const k of TRAINING_KERNELS) {
    if (k.backendName !== backendName) continue;
    const current = tf.getKernel(k.kernelName, backendName);
    if (current?.kernelFunc === k.kernelFunc) continue; // ours already
    if (current && k.reason === 'missing') continue; // the backend has its own
    if (current) {
      replaced.set(`${backendName}/${k.kernelName}`, current);
      tf.unregisterKernel(k.kernelName, backendName);
    }
    // The replaced kernel's setup (e.g. wasm's cwrap of its C++ function) stays registered, so a
    // backend started later still sets up a native kernel that ours delegates to.
    tf.registerKernel({ kernelName: k.kernelName, backendName, kernelFunc: k.kernelFunc, setupFunc: current?.setupFunc, disposeFunc: current?.disposeFunc });
    done.push(k.kernelName);
  }
  return done;
}

/** Registers every backend's training kernels (idempotent). */
export function registerTrainingKernels(): string[] {
  return [...new Set(TRAINING_KERNELS.map((k) => k.backendName))].flatMap((b) => ensureTrainingKernels(b));
}
