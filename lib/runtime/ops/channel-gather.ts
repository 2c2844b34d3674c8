/**
 * Channel bookkeeping as ONE copy: concatenation, ShuffleNet's channel shuffle and channel slices
 * (and any chain of them) are all "output channel c of output k is channel ch of input src", a
 * fixed map known when the graph is planned. `gatherChannels` runs such a map in one step.
 *
 * Why (tfjs-backend-wasm 4.22, kernels/Concat.js and Slice.js): tfjs' wasm Concat and Slice are
 * JavaScript, not C++: Concat copies one `subarray().set()` per pixel per input (DenseNet-121's
 * concatenations: ~225k of them per forward, 16 ms of 166), and Slice first copies the WHOLE
 * input out of the heap (`readSync` is `HEAPU8.slice`) and then again row by row (ShuffleNet v2's
 * split: 3.4 ms of 16.6); the shuffle is a reshape + 5-D transpose + reshape. Here the copy runs
 * straight on the wasm heap: `copyWithin` for long runs of consecutive channels (no view objects,
 * memmove speed), a plain loop for short ones; where Layerwise's WebAssembly kernels load, their SIMD
 * gather_channels (wasm-kernels/grouped-conv.c) instead, which interleaves ShuffleNet's branches
 * four channels at a time.
 *
 * Pure copies: every output value is bit-identical to the op chain it replaces. Forward only (no
 * gradient is registered): the executor uses it for plain (fused) forward passes; `fuse: false`,
 * lib/train and lib/explain run the tfjs ops through applyNode. On backends other than wasm the
 * same maps run as tf.concat + tf.gather (exact too), so the plan is testable everywhere.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { wasmKernels } from '../wasm-kernels/instance';

/** Output channel c is channel ch[c] of input src[c]. */
export interface ChannelMap {
  readonly src: Int32Array;
  readonly ch: Int32Array;
}

/** The channels of `channels.length` inputs one after another (torch.cat(dim=1)). */
export function concatMap(channels: readonly number[]): ChannelMap {
  const total = channels.reduce((s, c) => s + c, 0);
  const src = new Int32Array(total);
  const ch = new Int32Array(total);
  let o = 0;
  channels.forEach((c, s) => {
    for (let i = 0; i < c; i++, o++) {
      src[o] = s;
      ch[o] = i;
    }
  });
  return { src, ch };
}

/** PyTorch's channel shuffle of m (see ops/channels.ts): new channel j*g + i <- old i*(C/g) + j. */
export function shuffleMap(m: ChannelMap, groups: number): ChannelMap {
  const c = m.src.length;
  if (c % groups !== 0) throw new Error(`channel shuffle: ${c} channels not divisible by ${groups} groups`);
  const per = c / groups;
  const src = new Int32Array(c);
  const ch = new Int32Array(c);
  for (let j = 0; j < per; j++)
    for (let i = 0; i < groups; i++) {
      src[j * groups + i] = m.src[i * per + j];
      ch[j * groups + i] = m.ch[i * per + j];
    }
  return { src, ch };
}

/** Channels [start, start + size) of m. */
export function sliceMap(m: ChannelMap, start: number, size: number): ChannelMap {
  if (start < 0 || size < 0 || start + size > m.src.length) throw new Error(`channel slice [${start}, ${start + size}) of ${m.src.length} channels`);
  return { src: m.src.slice(start, start + size), ch: m.ch.slice(start, start + size) };
}

/**
 * A map compiled to strided runs: output channels dst, dst + stride, ..., dst + (len-1)·stride are
 * input src's channels ch, ch + 1, ..., ch + len - 1. A concatenation is one run per input
 * (stride 1); ShuffleNet's shuffle-and-split is two runs per half (stride 2, interleaving the
 * branches), so the copy loops run long even where single channels alternate.
 */
interface Runs {
  readonly channels: number;
  readonly src: Int32Array;
  readonly ch: Int32Array;
  readonly dst: Int32Array;
  readonly stride: Int32Array;
  readonly len: Int32Array;
}

function compile(m: ChannelMap): Runs {
  const runs: Array<{ src: number; ch: number; dst: number; stride: number; len: number }> = [];
  // Open runs by the (input, channel) they would take next.
  const open = new Map<string, (typeof runs)[number]>();
  for (let c = 0; c < m.src.length; c++) {
    const key = `${m.src[c]}:${m.ch[c]}`;
    const r = open.get(key);
    if (r && (r.len === 1 ? c > r.dst : r.dst + r.len * r.stride === c)) {
      if (r.len === 1) r.stride = c - r.dst;
      r.len++;
      open.delete(key);
      open.set(`${m.src[c]}:${m.ch[c] + 1}`, r);
    } else {
      const n = { src: m.src[c], ch: m.ch[c], dst: c, stride: 1, len: 1 };
      runs.push(n);
      open.set(`${m.src[c]}:${m.ch[c] + 1}`, n);
    }
  }
  const col = (k: 'src' | 'ch' | 'dst' | 'stride' | 'len') => Int32Array.from(runs, (r) => r[k]);
  return { channels: m.src.length, src: col('src'), ch: col('ch'), dst: col('dst'), stride: col('stride'), len: col('len') };
}

/** Contiguous runs at least this long go through copyWithin; the rest through a loop (call overhead). */
const LONG_RUN = 16;

const KERNEL = 'LayerwiseChannelGather';

interface GatherAttrs {
  readonly runs: readonly Runs[];
}

interface WasmModule {
  _malloc(bytes: number): number;
  _free(ptr: number): void;
}

function gatherKernel({ inputs, backend, attrs }: { inputs: tf.NamedTensorInfoMap; backend: tf.KernelBackend; attrs?: tf.NamedAttrMap }): tf.TensorInfo[] {
  const wasm = backend as BackendWasm;
  const { runs } = attrs as unknown as GatherAttrs;
  const xs: tf.TensorInfo[] = [];
  for (let x = inputs.x0, i = 0; x; x = inputs[`x${++i}`]) xs.push(x);
  const lead = xs[0].shape.slice(0, -1);
  const pixels = lead.reduce((a, b) => a * b, 1);
  const outs = runs.map((r) => wasm.makeOutput([...lead, r.channels], 'float32'));
  const inC = xs.map((x) => x.shape[x.shape.length - 1]);
  const kernels = wasmKernels();
  if (kernels) {
    // Layerwise's SIMD copy (wasm-kernels/grouped-conv.c gather_channels), one call per output.
    const mod = wasm.wasm as unknown as WasmModule;
    outs.forEach((out, k) => {
      const r = runs[k];
      const n = r.len.length;
      const words = 5 + 2 * xs.length + 5 * n;
      const ptr = mod._malloc(4 * words);
      // Views only after the allocation: malloc may grow (and so replace) the heap's buffer.
      const d = new Int32Array((wasm.typedArrayFromHeap(out) as Float32Array).buffer, ptr, words);
      d[0] = pixels;
      d[1] = r.channels;
      d[2] = xs.length;
      xs.forEach((x, i) => {
        d[3 + i] = wasm.getMemoryOffset(x.dataId);
        d[3 + xs.length + i] = inC[i];
      });
      d[3 + 2 * xs.length] = wasm.getMemoryOffset(out.dataId);
      d[4 + 2 * xs.length] = n;
      for (let j = 0, o = 5 + 2 * xs.length; j < n; j++, o += 5) {
        d[o] = r.src[j];
        d[o + 1] = r.ch[j];
        d[o + 2] = r.dst[j];
        d[o + 3] = r.stride[j];
        d[o + 4] = r.len[j];
      }
      kernels.gather_channels(ptr);
      mod._free(ptr);
    });
    return outs;
  }
  // Views only after every allocation: malloc may grow (and so replace) the heap's buffer.
  const heap = new Float32Array((wasm.typedArrayFromHeap(outs[0]) as Float32Array).buffer);
  const inBase = xs.map((x) => wasm.getMemoryOffset(x.dataId) >>> 2);
  outs.forEach((out, k) => {
    const r = runs[k];
    const base = wasm.getMemoryOffset(out.dataId) >>> 2;
    const n = r.len.length;
    for (let p = 0; p < pixels; p++) {
      const d = base + p * r.channels;
      for (let j = 0; j < n; j++) {
        const s = r.src[j];
        const from = inBase[s] + p * inC[s] + r.ch[j];
        const to = d + r.dst[j];
        const len = r.len[j];
        const step = r.stride[j];
        if (step === 1 && len >= LONG_RUN) heap.copyWithin(to, from, from + len);
        else for (let t = 0; t < len; t++) heap[to + t * step] = heap[from + t];
      }
    }
  });
  return outs;
}

function ensureKernel(): void {
  if (!tf.getKernel(KERNEL, 'wasm')) tf.registerKernel({ kernelName: KERNEL, backendName: 'wasm', kernelFunc: gatherKernel as unknown as tf.KernelFunc });
}

/** A gather compiled once (at planning time) and run on every forward pass. */
export interface ChannelGather {
  /** Inputs: tensors of the same leading shape [..., C_i]; returns one tensor per map. */
  run(xs: readonly tf.Tensor[]): tf.Tensor[];
}

export function channelGather(maps: readonly ChannelMap[]): ChannelGather {
  const runs = maps.map(compile);
  return {
    run(xs) {
      const lead = xs[0].shape.slice(0, -1).join();
      if (!xs.every((x) => x.dtype === 'float32' && x.shape.slice(0, -1).join() === lead))
        throw new Error(`channel gather: float32 inputs of one shape [..., C] only, got ${xs.map((x) => `[${x.shape}]`).join(', ')}`);
      if (tf.getBackend() === 'wasm') {
        ensureKernel();
        const inputs: tf.NamedTensorMap = {};
        xs.forEach((x, i) => (inputs[`x${i}`] = x));
        const out = tf.engine().runKernel(KERNEL, inputs, { runs } as unknown as tf.NamedAttrMap);
        return Array.isArray(out) ? (out as tf.Tensor[]) : [out as tf.Tensor];
      }
      return tf.tidy(() => {
        const axis = xs[0].rank - 1;
        const offsets = xs.map((_, i) => xs.slice(0, i).reduce((s, x) => s + (x.shape[axis] as number), 0));
        const all = xs.length === 1 ? xs[0] : tf.concat(xs as tf.Tensor[], axis);
        return maps.map((m) =>
          tf.gather(
            all,
            Int32Array.from(m.src, (s, c) => offsets[s] + m.ch[c]),
            axis,
          ),
        );
      });
    },
  };
}
