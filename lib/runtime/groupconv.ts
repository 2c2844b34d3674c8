/**
 * Grouped convolution for tfjs, which has none built in (tf.conv2d has no `groups` argument).
 *
 * PyTorch semantics: weight W[o, ci, kh, kw] with o = g * cgOut + m and input channel
 * c = g * cgIn + ci, i.e. group g sees channels [g*cgIn, (g+1)*cgIn) and produces
 * [g*cgOut, (g+1)*cgOut). Five interchangeable strategies, all exact up to float32 summation order:
 *
 * - 'split':     tf.split the input into G slices, G convs, tf.concat. G kernel launches
 *                (x3 for split/concat bookkeeping): cheap MACs, launch-bound on GPUs.
 * - 'blockdiag': one dense conv whose [kh,kw,inC,outC] filter is block-diagonal (zeros off the
 *                group blocks). One launch, but G times the MACs: only sensible for small G.
 * - 'depthwise': depthwiseConv2d with channel multiplier cgOut gives every (input channel, output
 *                slot) product; reshape to [.., G, cgIn, cgOut] and sum over cgIn. Same MACs as the
 *                grouped conv, two kernels, an intermediate of inC*cgOut channels.
 * - 'matmul':    "batch the groups": im2col by kh*kw strided slices, transpose groups to the
 *                front, one batched matMul [G, P, K*cgIn] x [G, K*cgIn, cgOut]. Exact MACs, one
 *                big kernel, but a kh*kw-times larger im2col buffer.
 * - 'packed':    "pack the group's input channels into the width axis": transpose the input's
 *                channels from (g, ci) to (ci, g) order and view it as [N, H, W*cgIn, G]; then ONE
 *                depthwiseConv2d over the G channels with a [kh, kw*cgIn] kernel, width stride
 *                sw*cgIn, width padding pw*cgIn and channel multiplier cgOut computes every
 *                group's full sum over (tap, ci) directly, already in PyTorch's output order
 *                (g*cgOut + m). Exact MACs, no intermediate, no reduction: one transpose + one
 *                kernel. On wasm XNNPACK runs it as G GEMMs with K = kh*kw*cgIn, N = cgOut,
 *                instead of the inC GEMMs with K = kh*kw that 'depthwise' gives it.
 *
 * - 'direct':    no stand-in at all: one kernel of Layerwise's own (ops/grouped-conv-direct.ts) sums
 *                each output pixel's group over its taps and input channels where they lie. On
 *                wasm it is a WebAssembly SIMD kernel on tfjs's heap (wasm-kernels/grouped-conv.c),
 *                about twice as fast as 'packed' on ResNeXt's layers; on cpu, the same loops in
 *                JavaScript. Not on WebGL or WebGPU. On wasm, a geometry the SIMD kernel does not
 *                take (cgOut not a multiple of 4), or a page where the kernel failed to load, runs
 *                'packed' instead (PreparedGroupConv.via says which).
 *
 * Each strategy has its own filter layout, built once at weight-load time (prepareGroupConv).
 * scripts/bench-groupconv.ts measures them; DEFAULT_GROUP_CONV picks the winner per backend:
 * 'direct' on wasm, 'packed' elsewhere. Those two run as a single conv kernel, so they alone can
 * absorb the following BatchNorm and activation (fold(), strategyFolds()).
 */
import * as tf from '@tensorflow/tfjs';
import type { Activation, Pair } from '../arch/ir';
import { directActivation, directFilter, directRunsHere, groupedConvDirect } from './ops/grouped-conv-direct';
import { activate } from './ops/activation';
import { fusedDepthwiseConv2d } from './ops/fused-kernels';
import { wasmKernels } from './wasm-kernels/instance';

export const GROUP_CONV_STRATEGIES = ['split', 'blockdiag', 'depthwise', 'matmul', 'packed', 'direct'] as const;
export type GroupConvStrategy = (typeof GROUP_CONV_STRATEGIES)[number];

export interface GroupConvGeometry {
  readonly inC: number;
  readonly outC: number;
  readonly groups: number;
  readonly kernel: Pair;
  readonly stride: Pair;
  readonly padding: Pair;
}

export interface PreparedGroupConv {
  readonly strategy: GroupConvStrategy;
  readonly geometry: GroupConvGeometry;
  /** What actually runs, where a strategy can delegate ('direct' on wasm: 'packed' if the SIMD kernel cannot). */
  readonly via?: 'wasm-simd' | 'js' | 'packed';
  /** NHWC in, NHWC out; padding is applied inside. Returns a new tensor (caller disposes). */
  run(x: tf.Tensor4D): tf.Tensor4D;
  /**
   * Strategies that run as ONE conv kernel can absorb a following eval-mode BatchNorm (and
   * activation): returns a new conv whose filter is scaled per output channel, with bias
   * `bias * scale + shift` (bias = the conv's own, or null) and the activation fused in. The
   * result owns its tensors. Absent on multi-kernel strategies.
   */
  fold?(scale: tf.Tensor1D, shift: tf.Tensor1D, bias: tf.Tensor1D | null, act: Activation | null): FusedGroupConv;
  dispose(): void;
}

export interface FusedGroupConv {
  run(x: tf.Tensor4D): tf.Tensor4D;
  /**
   * The same on an input whose channels already come in packed order (ci, g) (packOrder): the
   * producer wrote them so, and packing is a reshape instead of a transpose. Absent where the
   * strategy has no packed layout.
   */
  runPrepacked?(x: tf.Tensor4D): tf.Tensor4D;
  dispose(): void;
}

/**
 * The 'packed' strategy's channel order: position ci*G + g holds channel g*cgIn + ci. A conv that
 * writes its output channels in this order (its filter's output columns permuted, exactly) hands
 * a grouped conv its packed input without packGroups' transpose.
 */
export function packOrder(channels: number, groups: number): Int32Array {
  const cgIn = channels / groups;
  const order = new Int32Array(channels);
  for (let ci = 0; ci < cgIn; ci++) for (let g = 0; g < groups; g++) order[ci * groups + g] = g * cgIn + ci;
  return order;
}

/**
 * Per-backend defaults. On wasm 'direct' (scripts/bench-groupconv.ts --strategies packed,direct,
 * ResNeXt-50's 16 grouped layers, folded with their BN and ReLU: 12 ms against 23 for 'packed' on
 * one thread). 'packed' is the fastest of tfjs's own ops on wasm and cpu (the ResNeXt-50 grouped
 * layers: about 1.8x faster than 'depthwise' on wasm, 2.4x on cpu; 'direct' on cpu is plain
 * JavaScript loops, a reference rather than a fast path) and at least
 * as fast as 'depthwise' on WebGL/WebGPU on SwiftShader (`npm run bench -- --model resnext50_32x4d
 * --backend webgl,webgpu --groupconv split,blockdiag,depthwise,matmul,packed --size 64`); on
 * WebGL 'split' ties with it there, but split is G launches per layer, which real GPUs pay for.
 * Re-measure on real GPUs with `npm run bench` and update.
 */
export const DEFAULT_GROUP_CONV: Record<string, GroupConvStrategy> = {
  wasm: 'direct',
  cpu: 'packed',
  webgl: 'packed',
  webgpu: 'packed',
};

/** Strategies whose prepared convs implement fold() (one conv kernel that can absorb BN + act). */
export function strategyFolds(strategy: GroupConvStrategy): boolean {
  return strategy === 'packed' || strategy === 'direct';
}

/** Whether `strategy` runs on `backend` ('direct' is a wasm and cpu kernel). */
export function strategyRunsOn(strategy: GroupConvStrategy, backend: string): boolean {
  return strategy !== 'direct' || backend === 'wasm' || backend === 'cpu';
}

/**
 * The default for the current backend. On wasm 'direct' needs Layerwise's kernels
 * (wasm-kernels/instance.ts); where they cannot load, the default stays 'packed'.
 */
export function defaultGroupConvStrategy(backend: string): GroupConvStrategy {
  const s = DEFAULT_GROUP_CONV[backend] ?? 'split';
  return s === 'direct' && backend === 'wasm' && !wasmKernels() ? 'packed' : s;
}

/** Explicit symmetric PyTorch padding in tfjs' ExplicitPadding form (NHWC). */
export function explicitPad(padding: Pair): [[number, number], [number, number], [number, number], [number, number]] {
  return [
    [0, 0],
    [padding[0], padding[0]],
    [padding[1], padding[1]],
    [0, 0],
  ];
}

function check(geom: GroupConvGeometry, w: Float32Array): void {
  const { inC, outC, groups, kernel } = geom;
  if (inC % groups !== 0 || outC % groups !== 0) throw new Error(`groups=${groups} must divide inC=${inC} and outC=${outC}`);
  const want = outC * (inC / groups) * kernel[0] * kernel[1];
  if (w.length !== want) throw new Error(`grouped conv weight has ${w.length} values, expected ${want}`);
}

/** Torch weight index of (o, ci, i, j). */
function widx(geom: GroupConvGeometry, o: number, ci: number, i: number, j: number): number {
  const cgIn = geom.inC / geom.groups;
  return ((o * cgIn + ci) * geom.kernel[0] + i) * geom.kernel[1] + j;
}

function prepareSplit(geom: GroupConvGeometry, w: Float32Array): PreparedGroupConv {
  const { inC, outC, groups: G, kernel, stride, padding } = geom;
  const [kh, kw] = kernel;
  const cgIn = inC / G;
  const cgOut = outC / G;
  const filters: tf.Tensor4D[] = [];
  for (let g = 0; g < G; g++) {
    const f = new Float32Array(kh * kw * cgIn * cgOut);
    for (let i = 0; i < kh; i++)
      for (let j = 0; j < kw; j++)
        for (let ci = 0; ci < cgIn; ci++) for (let m = 0; m < cgOut; m++) f[((i * kw + j) * cgIn + ci) * cgOut + m] = w[widx(geom, g * cgOut + m, ci, i, j)];
    filters.push(tf.tensor4d(f, [kh, kw, cgIn, cgOut]));
  }
  const pad = explicitPad(padding);
  return {
    strategy: 'split',
    geometry: geom,
    run: (x) =>
      tf.tidy(() => {
        const parts = tf.split(x, G, 3) as tf.Tensor4D[];
        return tf.concat(
          parts.map((p, g) => tf.conv2d(p, filters[g], [stride[0], stride[1]], pad)),
          3,
        ) as tf.Tensor4D;
      }),
    dispose: () => filters.forEach((f) => f.dispose()),
  };
}

function prepareBlockDiag(geom: GroupConvGeometry, w: Float32Array): PreparedGroupConv {
  const { inC, outC, groups: G, kernel, stride, padding } = geom;
  const [kh, kw] = kernel;
  const cgIn = inC / G;
  const cgOut = outC / G;
  const f = new Float32Array(kh * kw * inC * outC); // zeros off the diagonal blocks
  for (let g = 0; g < G; g++)
    for (let i = 0; i < kh; i++)
      for (let j = 0; j < kw; j++)
        for (let ci = 0; ci < cgIn; ci++)
          for (let m = 0; m < cgOut; m++) {
            const o = g * cgOut + m;
            f[((i * kw + j) * inC + g * cgIn + ci) * outC + o] = w[widx(geom, o, ci, i, j)];
          }
  const filter = tf.tensor4d(f, [kh, kw, inC, outC]);
  const pad = explicitPad(padding);
  return {
    strategy: 'blockdiag',
    geometry: geom,
    run: (x) => tf.conv2d(x, filter, [stride[0], stride[1]], pad),
    dispose: () => filter.dispose(),
  };
}

function prepareDepthwise(geom: GroupConvGeometry, w: Float32Array): PreparedGroupConv {
  const { inC, outC, groups: G, kernel, stride, padding } = geom;
  const [kh, kw] = kernel;
  const cgIn = inC / G;
  const cgOut = outC / G;
  // D[i, j, c, m] with c = g*cgIn + ci: the weight of output o = g*cgOut + m on input c.
  const f = new Float32Array(kh * kw * inC * cgOut);
  for (let i = 0; i < kh; i++)
    for (let j = 0; j < kw; j++)
      for (let c = 0; c < inC; c++) {
        const g = Math.floor(c / cgIn);
        const ci = c - g * cgIn;
        for (let m = 0; m < cgOut; m++) f[((i * kw + j) * inC + c) * cgOut + m] = w[widx(geom, g * cgOut + m, ci, i, j)];
      }
  const filter = tf.tensor4d(f, [kh, kw, inC, cgOut]);
  const pad = explicitPad(padding);
  return {
    strategy: 'depthwise',
    geometry: geom,
    run: (x) =>
      tf.tidy(() => {
        // tfjs' depthwise output channel is c * multiplier + m = ((g*cgIn + ci) * cgOut + m).
        const y = tf.depthwiseConv2d(x, filter, [stride[0], stride[1]], pad);
        if (cgIn === 1) return y; // groups == inC: already the grouped conv
        const [n, h, wd] = y.shape;
        const summed = tf.sum(tf.reshape(y, [n * h * wd, G, cgIn, cgOut]), 2);
        return tf.reshape(summed, [n, h, wd, outC]);
      }),
    dispose: () => filter.dispose(),
  };
}

function prepareMatmul(geom: GroupConvGeometry, w: Float32Array): PreparedGroupConv {
  const { inC, outC, groups: G, kernel, stride, padding } = geom;
  const [kh, kw] = kernel;
  const cgIn = inC / G;
  const cgOut = outC / G;
  const K = kh * kw;
  // M[g, (i*kw + j)*cgIn + ci, m] = W[g*cgOut + m, ci, i, j], matching the im2col order below.
  const f = new Float32Array(G * K * cgIn * cgOut);
  for (let g = 0; g < G; g++)
    for (let i = 0; i < kh; i++)
      for (let j = 0; j < kw; j++)
        for (let ci = 0; ci < cgIn; ci++)
          for (let m = 0; m < cgOut; m++) f[((g * K + i * kw + j) * cgIn + ci) * cgOut + m] = w[widx(geom, g * cgOut + m, ci, i, j)];
  const filter = tf.tensor3d(f, [G, K * cgIn, cgOut]);
  const pads = explicitPad(padding);
  return {
    strategy: 'matmul',
    geometry: geom,
    run: (x) =>
      tf.tidy(() => {
        const [n] = x.shape;
        const xp = padding[0] || padding[1] ? tf.pad(x, pads) : x;
        const [, hp, wp] = xp.shape;
        const ho = Math.floor((hp - kh) / stride[0]) + 1;
        const wo = Math.floor((wp - kw) / stride[1]) + 1;
        let cols: tf.Tensor;
        if (K === 1 && stride[0] === 1 && stride[1] === 1) {
          cols = xp;
        } else {
          const taps: tf.Tensor4D[] = [];
          for (let i = 0; i < kh; i++)
            for (let j = 0; j < kw; j++)
              taps.push(
                tf.stridedSlice(
                  xp,
                  [0, i, j, 0],
                  [n, i + stride[0] * (ho - 1) + 1, j + stride[1] * (wo - 1) + 1, inC],
                  [1, stride[0], stride[1], 1],
                ) as tf.Tensor4D,
              );
          cols = tf.stack(taps, 3); // [n, ho, wo, K, inC]
        }
        const P = n * ho * wo;
        const grouped = tf.transpose(tf.reshape(cols, [P, K, G, cgIn]), [2, 0, 1, 3]); // [G, P, K, cgIn]
        const y = tf.matMul(tf.reshape(grouped, [G, P, K * cgIn]), filter); // [G, P, cgOut]
        return tf.reshape(tf.transpose(y, [1, 0, 2]), [n, ho, wo, outC]);
      }),
    dispose: () => filter.dispose(),
  };
}

/**
 * The 'packed' strategy's filter layout [kh, kw*cgIn, G, cgOut] from the torch weight:
 * F[i, j*cgIn + ci, g, m] = W[g*cgOut + m, ci, i, j]: tap (i, j) of input channel ci of group g
 * sits at packed column j*cgIn + ci, the position of that pixel's ci-th value in the packed row.
 * (lib/train keeps trainable grouped weights in this layout and inverts it on export.)
 */
export function packedFilter(geom: GroupConvGeometry, w: Float32Array): Float32Array {
  const { inC, outC, groups: G, kernel } = geom;
  const [kh, kw] = kernel;
  const cgIn = inC / G;
  const cgOut = outC / G;
  const kwp = kw * cgIn;
  const f = new Float32Array(kh * kwp * G * cgOut);
  for (let i = 0; i < kh; i++)
    for (let j = 0; j < kw; j++)
      for (let ci = 0; ci < cgIn; ci++)
        for (let g = 0; g < G; g++) for (let m = 0; m < cgOut; m++) f[((i * kwp + j * cgIn + ci) * G + g) * cgOut + m] = w[widx(geom, g * cgOut + m, ci, i, j)];
  return f;
}

/** The packed depthwise conv's strides and explicit pads (width scaled by cgIn). */
export function packedConvArgs(geom: GroupConvGeometry): {
  strides: [number, number];
  pad: [[number, number], [number, number], [number, number], [number, number]];
} {
  const cgIn = geom.inC / geom.groups;
  return { strides: [geom.stride[0], geom.stride[1] * cgIn], pad: explicitPad([geom.padding[0], geom.padding[1] * cgIn]) };
}

/** Channel c = g*cgIn + ci -> packed row position (w*cgIn + ci), channel g: [N, H, W*cgIn, G]. */
export function packGroups(x: tf.Tensor4D, groups: number): tf.Tensor4D {
  const [n, h, wd, c] = x.shape;
  const cgIn = c / groups;
  return cgIn === 1 ? x : (tf.reshape(tf.transpose(tf.reshape(x, [n, h, wd, groups, cgIn]), [0, 1, 2, 4, 3]), [n, h, wd * cgIn, groups]) as tf.Tensor4D);
}

function preparePacked(geom: GroupConvGeometry, w: Float32Array): PreparedGroupConv {
  const { inC, outC, groups: G, kernel } = geom;
  const [kh, kw] = kernel;
  const cgIn = inC / G;
  const cgOut = outC / G;
  const filter = tf.tensor4d(packedFilter(geom, w), [kh, kw * cgIn, G, cgOut]);
  const { strides, pad } = packedConvArgs(geom);
  const pack = (x: tf.Tensor4D): tf.Tensor4D => packGroups(x, G);
  return {
    strategy: 'packed',
    geometry: geom,
    run: (x) => tf.tidy(() => tf.depthwiseConv2d(pack(x), filter, strides, pad)),
    fold: (scale, shift, bias, act) => {
      // Output channel g*cgOut + m is the filter's last two axes [G, cgOut], so scale broadcasts.
      const folded = tf.tidy(() => ({
        filter: tf.mul(filter, tf.reshape(scale, [G, cgOut])) as tf.Tensor4D,
        bias: (bias ? tf.add(tf.mul(bias, scale), shift) : tf.clone(shift)) as tf.Tensor1D,
      }));
      const activation = act ?? 'linear';
      return {
        // FusedDepthwiseConv2D with explicit pads (tf.fused.depthwiseConv2d's typings say `pad:
        // number`, but every backend's kernel reads the pad through computeConv2DInfo, which takes
        // explicit pads like the unfused op; the parity and e2e tests run this on cpu, wasm, webgl
        // and webgpu).
        run: (x) => tf.tidy(() => fusedDepthwiseConv2d({ x: pack(x), filter: folded.filter, strides, pad, bias: folded.bias, activation })),
        runPrepacked: (x) =>
          tf.tidy(() => {
            const [n, h, wd, c] = x.shape;
            const xp = tf.reshape(x, [n, h, wd * (c / G), G]) as tf.Tensor4D;
            return fusedDepthwiseConv2d({ x: xp, filter: folded.filter, strides, pad, bias: folded.bias, activation });
          }),
        dispose: () => tf.dispose([folded.filter, folded.bias]),
      };
    },
    dispose: () => filter.dispose(),
  };
}

function prepareDirect(geom: GroupConvGeometry, w: Float32Array): PreparedGroupConv {
  const backend = tf.getBackend();
  if (!strategyRunsOn('direct', backend)) throw new Error(`the 'direct' grouped conv runs on the wasm and cpu backends, not on ${backend}: use 'packed'`);
  if (!directRunsHere(geom)) return { ...preparePacked(geom, w), strategy: 'direct', via: 'packed' };
  const make = (scale: Float32Array | undefined, bias: tf.Tensor1D | null) =>
    tf.tidy(() => ({ filter: tf.tensor1d(directFilter(geom, w, scale)), bias: bias ?? (tf.zeros([geom.outC]) as tf.Tensor1D) }));
  const plain = make(undefined, null);
  // The kernel has no gradient. Under tf.grad (lib/explain's differentiableForward runs the
  // prepared conv) the same conv runs as 'split' (the strategy gradients use on wasm anyway,
  // lib/explain/request.ts gradientGroupConv), its filters sliced from the kernel's inside the
  // gradient's scope: nothing is kept beyond it.
  return {
    strategy: 'direct',
    geometry: geom,
    via: backend === 'wasm' ? 'wasm-simd' : 'js',
    run: (x) => (tapeOn() ? splitFromDirect(x, plain.filter, geom) : groupedConvDirect(x, plain.filter, plain.bias, geom, null)),
    fold: (scale, shift, bias, act) => {
      // The kernel starts each sum from its bias and applies ReLU or ReLU6 itself; another
      // activation follows as its own op.
      const folded = make(
        scale.dataSync() as Float32Array,
        tf.tidy(() => (bias ? tf.add(tf.mul(bias, scale), shift) : tf.clone(shift)) as tf.Tensor1D),
      );
      const own = directActivation(act);
      return {
        run: (x) =>
          own !== undefined || !act
            ? groupedConvDirect(x, folded.filter, folded.bias, geom, own ?? null)
            : tf.tidy(() => activate(groupedConvDirect(x, folded.filter, folded.bias, geom, null), act)),
        dispose: () => tf.dispose([folded.filter, folded.bias]),
      };
    },
    dispose: () => tf.dispose([plain.filter, plain.bias]),
  };
}

/** 'split' with its per-group HWIO filters taken from the direct kernel's [G][blocks][kh][kw][cgIn][4]. */
function splitFromDirect(x: tf.Tensor4D, filter: tf.Tensor1D, geom: GroupConvGeometry): tf.Tensor4D {
  return tf.tidy(() => {
    const { inC, outC, groups: G, kernel, stride, padding } = geom;
    const [kh, kw] = kernel;
    const cgIn = inC / G;
    const cgOut = outC / G;
    const nb = Math.ceil(cgOut / 4);
    const hwio = tf.reshape(tf.transpose(tf.reshape(filter, [G, nb, kh, kw, cgIn, 4]), [2, 3, 4, 0, 1, 5]), [kh, kw, cgIn, G, nb * 4]);
    const pad = explicitPad(padding);
    const parts = tf.split(x, G, 3) as tf.Tensor4D[];
    const group = (g: number) => tf.reshape(tf.slice(hwio, [0, 0, 0, g, 0], [kh, kw, cgIn, 1, cgOut]), [kh, kw, cgIn, cgOut]) as tf.Tensor4D;
    return tf.concat(
      parts.map((p, g) => tf.conv2d(p, group(g), [stride[0], stride[1]], pad)),
      3,
    ) as tf.Tensor4D;
  });
}

/** Whether tfjs is recording a gradient tape (inside tf.grad and its kin). */
function tapeOn(): boolean {
  return (tf.engine() as unknown as { isTapeOn(): boolean }).isTapeOn();
}

/**
 * Build the filter tensors of one grouped conv for `strategy` from the torch-layout weight
 * [outC, inC/groups, kh, kw]. The returned object owns its tensors: call dispose().
 */
export function prepareGroupConv(strategy: GroupConvStrategy, geom: GroupConvGeometry, weightOIHW: Float32Array): PreparedGroupConv {
  check(geom, weightOIHW);
  switch (strategy) {
    case 'split':
      return prepareSplit(geom, weightOIHW);
    case 'blockdiag':
      return prepareBlockDiag(geom, weightOIHW);
    case 'depthwise':
      return prepareDepthwise(geom, weightOIHW);
    case 'matmul':
      return prepareMatmul(geom, weightOIHW);
    case 'packed':
      return preparePacked(geom, weightOIHW);
    case 'direct':
      return prepareDirect(geom, weightOIHW);
  }
}
