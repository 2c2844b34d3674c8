/**
 * A direct grouped convolution as one tfjs kernel: each output pixel and group sums over its taps
 * and its group's input channels, reading the input where it is. On wasm it is Layerwise's SIMD
 * kernel (wasm-kernels/grouped-conv.c) on tfjs's heap; on cpu the same loops in JavaScript (the
 * cpu backend is JavaScript too). groupconv.ts's 'direct' strategy is built on it.
 *
 * Forward only: no gradient is registered (lib/explain differentiates through 'split' instead,
 * explain/request.ts gradientGroupConv; lib/train has its own grouped conv).
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { Activation } from '../../arch/ir';
import type { GroupConvGeometry } from '../groupconv';
import { wasmKernels, wasmKernelsFailure, wasmThreadsCount } from '../wasm-kernels/instance';

/** groupconv.ts's geometry (groups = 1 for a dense conv). */
export type DirectGeometry = GroupConvGeometry;

/** Output channels per weight block: one SIMD vector. */
export const BLOCK = 4;

const blocksPerGroup = (g: DirectGeometry) => Math.ceil(g.outC / g.groups / BLOCK);

/** Whether the SIMD kernel takes this geometry (whole 4-channel blocks per group). */
export function simdTakes(g: DirectGeometry): boolean {
  return (g.outC / g.groups) % BLOCK === 0;
}

/**
 * The kernel's filter from a torch weight [outC, cgIn, kh, kw], times `scale[o]` if given (a
 * folded BatchNorm): [G][blocks][kh][kw][cgIn][4], value (g, b, ky, kx, ci, j) the weight of output
 * g*cgOut + 4b + j from input ci at tap (ky, kx); a group's last block is zero-padded when cgOut is
 * not a multiple of 4 (only the cpu kernel reads such a layout).
 */
export function directFilter(geom: DirectGeometry, w: Float32Array, scale?: Float32Array): Float32Array {
  const { inC, outC, groups: G, kernel } = geom;
  const [kh, kw] = kernel;
  const cgIn = inC / G;
  const cgOut = outC / G;
  const nb = blocksPerGroup(geom);
  const f = new Float32Array(G * nb * kh * kw * cgIn * BLOCK);
  for (let g = 0; g < G; g++)
    for (let m = 0; m < cgOut; m++) {
      const o = g * cgOut + m;
      const s = scale ? scale[o] : 1;
      const b = Math.floor(m / BLOCK);
      const j = m % BLOCK;
      for (let ky = 0; ky < kh; ky++)
        for (let kx = 0; kx < kw; kx++)
          for (let ci = 0; ci < cgIn; ci++) f[((((g * nb + b) * kh + ky) * kw + kx) * cgIn + ci) * BLOCK + j] = w[((o * cgIn + ci) * kh + ky) * kw + kx] * s;
    }
  return f;
}

/**
 * The same layout from a dense conv's HWIO filter [kh, kw, inC, outC] (groups = 1): what the
 * executor's folded conv+BN filters are (fusion.ts foldIntoConv).
 */
export function directFilterFromHWIO(hwio: Float32Array, kh: number, kw: number, inC: number, outC: number): Float32Array {
  if (hwio.length !== kh * kw * inC * outC) throw new Error(`a ${kh}x${kw}x${inC}x${outC} filter has ${kh * kw * inC * outC} values, got ${hwio.length}`);
  const nb = Math.ceil(outC / BLOCK);
  const f = new Float32Array(nb * kh * kw * inC * BLOCK);
  for (let t = 0; t < kh * kw; t++)
    for (let ci = 0; ci < inC; ci++)
      for (let o = 0; o < outC; o++) f[((Math.floor(o / BLOCK) * kh * kw + t) * inC + ci) * BLOCK + (o % BLOCK)] = hwio[(t * inC + ci) * outC + o];
  return f;
}

/** The activations the kernel applies itself (others follow as their own op). */
export type DirectActivation = 'relu' | 'relu6' | null;

export function directActivation(a: Activation | null): DirectActivation | undefined {
  return a === null || a === 'relu' || a === 'relu6' ? a : undefined;
}

const ACT_CODE: Record<'none' | 'relu' | 'relu6', number> = { none: 0, relu: 1, relu6: 2 };

const KERNEL = 'LayerwiseGroupedConv2D';

interface Attrs {
  readonly geom: DirectGeometry;
  readonly act: DirectActivation;
}

interface Dims {
  n: number;
  h: number;
  w: number;
  c: number;
  ho: number;
  wo: number;
}

function dims(x: tf.TensorInfo, g: DirectGeometry): Dims {
  const [n, h, w, c] = x.shape;
  if (c !== g.inC) throw new Error(`grouped conv: input has ${c} channels, the conv takes ${g.inC}`);
  const ho = Math.floor((h + 2 * g.padding[0] - g.kernel[0]) / g.stride[0]) + 1;
  const wo = Math.floor((w + 2 * g.padding[1] - g.kernel[1]) / g.stride[1]) + 1;
  if (ho < 1 || wo < 1) throw new Error(`grouped conv: a ${h}x${w} input is smaller than the ${g.kernel[0]}x${g.kernel[1]} kernel with padding ${g.padding}`);
  return { n, h, w, c, ho, wo };
}

type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: tf.KernelBackend; attrs?: tf.NamedAttrMap };

interface Inputs {
  readonly x: tf.TensorInfo;
  readonly filter: tf.TensorInfo;
  readonly bias: tf.TensorInfo;
}

function wasmKernel({ inputs: ins, backend, attrs }: KernelArgs): tf.TensorInfo {
  const inputs = ins as unknown as Inputs;
  const wasm = backend as BackendWasm;
  const { geom, act } = attrs as unknown as Attrs;
  const k = wasmKernels();
  if (!k) throw new Error(`grouped conv: Layerwise's wasm kernels did not load: ${wasmKernelsFailure()}`);
  const d = dims(inputs.x, geom);
  const out = wasm.makeOutput([d.n, d.ho, d.wo, geom.outC], 'float32');
  const off = (t: tf.TensorInfo) => wasm.getMemoryOffset(t.dataId);
  k.grouped_conv2d(
    off(inputs.x),
    off(out),
    off(inputs.filter),
    off(inputs.bias),
    d.n,
    d.h,
    d.w,
    d.c,
    d.ho,
    d.wo,
    geom.outC,
    geom.inC / geom.groups,
    geom.outC / geom.groups,
    geom.kernel[0],
    geom.kernel[1],
    geom.stride[0],
    geom.stride[1],
    geom.padding[0],
    geom.padding[1],
    ACT_CODE[act ?? 'none'],
  );
  return out;
}

interface CpuBackend extends tf.KernelBackend {
  data: { get(id: tf.DataId): { values: Float32Array } };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array): tf.TensorInfo;
}

/** The same sums (from the bias, taps in (ky, kx, ci) order, in float32), in JavaScript. */
function cpuKernel({ inputs: ins, backend, attrs }: KernelArgs): tf.TensorInfo {
  const inputs = ins as unknown as Inputs;
  const cpu = backend as CpuBackend;
  const { geom, act } = attrs as unknown as Attrs;
  const d = dims(inputs.x, geom);
  const x = cpu.data.get(inputs.x.dataId).values;
  const f = cpu.data.get(inputs.filter.dataId).values;
  const bias = cpu.data.get(inputs.bias.dataId).values;
  const [kh, kw] = geom.kernel;
  const [sh, sw] = geom.stride;
  const [ph, pw] = geom.padding;
  const G = geom.groups;
  const cgIn = geom.inC / G;
  const cgOut = geom.outC / G;
  const nb = blocksPerGroup(geom);
  const y = new Float32Array(d.n * d.ho * d.wo * geom.outC);
  for (let i = 0; i < d.n; i++)
    for (let oy = 0; oy < d.ho; oy++)
      for (let ox = 0; ox < d.wo; ox++)
        for (let g = 0; g < G; g++)
          for (let m = 0; m < cgOut; m++) {
            const b = Math.floor(m / BLOCK);
            const j = m % BLOCK;
            let s = bias[g * cgOut + m];
            for (let ky = 0; ky < kh; ky++) {
              const iy = oy * sh - ph + ky;
              if (iy < 0 || iy >= d.h) continue;
              for (let kx = 0; kx < kw; kx++) {
                const ix = ox * sw - pw + kx;
                if (ix < 0 || ix >= d.w) continue;
                const xb = ((i * d.h + iy) * d.w + ix) * d.c + g * cgIn;
                const fb = (((g * nb + b) * kh + ky) * kw + kx) * cgIn * BLOCK + j;
                for (let ci = 0; ci < cgIn; ci++) s = Math.fround(s + Math.fround(x[xb + ci] * f[fb + ci * BLOCK]));
              }
            }
            y[((i * d.ho + oy) * d.wo + ox) * geom.outC + g * cgOut + m] = act === null ? s : act === 'relu6' ? Math.min(Math.max(s, 0), 6) : Math.max(s, 0);
          }
  return cpu.makeTensorInfo([d.n, d.ho, d.wo, geom.outC], 'float32', y);
}

function ensureKernels(): void {
  if (!tf.getKernel(KERNEL, 'wasm')) tf.registerKernel({ kernelName: KERNEL, backendName: 'wasm', kernelFunc: wasmKernel as unknown as tf.KernelFunc });
  if (!tf.getKernel(KERNEL, 'cpu')) tf.registerKernel({ kernelName: KERNEL, backendName: 'cpu', kernelFunc: cpuKernel as unknown as tf.KernelFunc });
}

/** Whether the direct kernel runs on the current backend (wasm: where its kernels load). */
export function directRunsHere(geom: DirectGeometry): boolean {
  const b = tf.getBackend();
  return b === 'cpu' || (b === 'wasm' && wasmKernels() !== null && simdTakes(geom));
}

/** y = act(grouped_conv(x) + bias), NHWC; `filter` from directFilter, `bias` [outC]. */
export function groupedConvDirect(x: tf.Tensor4D, filter: tf.Tensor1D, bias: tf.Tensor1D, geom: DirectGeometry, act: DirectActivation): tf.Tensor4D {
  if (x.dtype !== 'float32') throw new Error(`grouped conv: float32 input only, got ${x.dtype}`);
  ensureKernels();
  return tf.engine().runKernel(KERNEL, { x, filter, bias }, { geom, act } as unknown as tf.NamedAttrMap) as tf.Tensor4D;
}

/**
 * Whether dense convs should run here instead of XNNPACK: on wasm with one thread, where the
 * kernel is 1.2-1.3x faster than tfjs's XNNPACK (scripts/bench-direct-conv.ts); with a pool,
 * XNNPACK's threads win.
 */
export function denseDirectHere(): boolean {
  return tf.getBackend() === 'wasm' && wasmKernels() !== null && wasmThreadsCount() === 1;
}

/**
 * A dense conv the kernel takes, and runs faster than XNNPACK: an activation it applies, and whole
 * pairs of 4-channel blocks. With an odd number of blocks (ShuffleNet v2's 116 channels) every
 * tile ran at half speed (23 against 57 GFLOP/s, 112 -> 116 channels at 28x28 against 112 -> 112),
 * slower than XNNPACK, though the extra block is 1/29 of the work: the output rows' stride is then
 * an odd multiple of 16 bytes.
 */
export function denseDirectTakes(outC: number, act: Activation | null): boolean {
  return outC % (2 * BLOCK) === 0 && directActivation(act) !== undefined;
}

/** For the device panel, on wasm: which kernels run the convolutions here, and why. */
export function convKernelsText(): string {
  if (!wasmKernels()) return `XNNPACK (tfjs) only: Layerwise's WebAssembly SIMD kernel did not load (${wasmKernelsFailure() ?? 'unknown reason'})`;
  const threads = wasmThreadsCount();
  if (threads === 1) return "Layerwise's WebAssembly SIMD kernel for grouped and dense convolutions; XNNPACK (tfjs) for depthwise ones";
  return `Layerwise's WebAssembly SIMD kernel (one thread) for grouped convolutions; XNNPACK (tfjs) on ${threads} threads for the others`;
}
