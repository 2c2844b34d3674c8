/**
 * Trainable tensors live in the layout their tfjs op reads (so a step needs no per-step
 * transposes); a state_dict is always PyTorch's layout. This file maps one tensor both ways.
 *
 * The forward directions are the inference runtime's own (lib/runtime/layout.ts, groupconv.ts's
 * packedFilter); the inverses below undo exactly those index maps and are pinned by round-trip
 * tests (layout.test.ts). Optimizers are element-wise (lib/train/optim), so which layout a
 * variable is in does not change an update.
 */
import { convKind } from '../arch/conv-kind';
import type { ConvOp, Node } from '../arch/ir';
import { packedFilter } from '../runtime/groupconv';
import { depthwiseToTf, linearToTf, oihwToHwio } from '../runtime/layout';

/**
 * How a grouped conv (1 < groups < inC) is trained; see grouped.ts for the measurements.
 * - split, blockdiag: filter [kh, kw, cgIn, outC] (HWIO of the grouped weight);
 * - packed: filter [kh, kw·cgIn, G, cgOut] (the inference runtime's packed form).
 */
export type TrainGroupConv = 'split' | 'packed' | 'blockdiag';

/** What a tensor of a state_dict is, for layout purposes. */
export type TensorRole = 'weight' | 'bias' | 'running_mean' | 'running_var';

/** HWIO [kh, kw, in, out] -> OIHW [out, in, kh, kw] (inverse of oihwToHwio). */
export function hwioToOihw(f: Float32Array, out: number, inC: number, kh: number, kw: number): Float32Array {
  const w = new Float32Array(f.length);
  for (let o = 0; o < out; o++)
    for (let c = 0; c < inC; c++)
      for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) w[((o * inC + c) * kh + i) * kw + j] = f[((i * kw + j) * inC + c) * out + o];
  return w;
}

/** [kh, kw, C, mult] -> [C·mult, 1, kh, kw] (inverse of depthwiseToTf). */
export function depthwiseFromTf(f: Float32Array, channels: number, mult: number, kh: number, kw: number): Float32Array {
  const w = new Float32Array(f.length);
  for (let c = 0; c < channels; c++)
    for (let m = 0; m < mult; m++)
      for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) w[((c * mult + m) * kh + i) * kw + j] = f[((i * kw + j) * channels + c) * mult + m];
  return w;
}

/** [in, out] -> [out, in] (inverse of linearToTf). */
export function linearFromTf(f: Float32Array, outF: number, inF: number): Float32Array {
  const w = new Float32Array(f.length);
  for (let o = 0; o < outF; o++) for (let i = 0; i < inF; i++) w[o * inF + i] = f[i * outF + o];
  return w;
}

/** Packed [kh, kw·cgIn, G, cgOut] -> OIHW [outC, cgIn, kh, kw] (inverse of groupconv's packedFilter). */
export function packedToOihw(op: ConvOp, f: Float32Array): Float32Array {
  const [kh, kw] = op.kernel;
  const G = op.groups;
  const cgIn = op.inC / G;
  const cgOut = op.outC / G;
  const kwp = kw * cgIn;
  const w = new Float32Array(f.length);
  for (let i = 0; i < kh; i++)
    for (let j = 0; j < kw; j++)
      for (let ci = 0; ci < cgIn; ci++)
        for (let g = 0; g < G; g++)
          for (let m = 0; m < cgOut; m++) w[(((g * cgOut + m) * cgIn + ci) * kh + i) * kw + j] = f[((i * kwp + j * cgIn + ci) * G + g) * cgOut + m];
  return w;
}

/** The tfjs-layout shape a conv weight is trained in. */
export function convTrainShape(op: ConvOp, grouped: TrainGroupConv): [number, number, number, number] {
  const [kh, kw] = op.kernel;
  switch (convKind(op)) {
    case 'dense':
      return [kh, kw, op.inC, op.outC];
    case 'depthwise':
      return [kh, kw, op.inC, op.outC / op.inC];
    case 'grouped':
      return grouped === 'packed' ? [kh, kw * (op.inC / op.groups), op.groups, op.outC / op.groups] : [kh, kw, op.inC / op.groups, op.outC];
  }
}

/** The shape a tensor is trained in ([C] and biases stay as they are). */
export function trainShape(node: Node, role: TensorRole, torchShape: readonly number[], grouped: TrainGroupConv): number[] {
  const op = node.op;
  if (role !== 'weight') return [...torchShape];
  if (op.kind === 'conv') return convTrainShape(op, grouped);
  if (op.kind === 'linear') return [op.inF, op.outF];
  return [...torchShape];
}

/** PyTorch layout -> training layout for one tensor of `node`. */
export function toTrainLayout(node: Node, role: TensorRole, data: Float32Array, grouped: TrainGroupConv): Float32Array {
  const op = node.op;
  if (role !== 'weight') return data;
  if (op.kind === 'linear') return linearToTf(data, op.outF, op.inF);
  if (op.kind !== 'conv') return data;
  const [kh, kw] = op.kernel;
  switch (convKind(op)) {
    case 'dense':
      return oihwToHwio(data, op.outC, op.inC, kh, kw);
    case 'depthwise':
      return depthwiseToTf(data, op.inC, op.outC / op.inC, kh, kw);
    case 'grouped':
      return grouped === 'packed' ? packedFilter(op, data) : oihwToHwio(data, op.outC, op.inC / op.groups, kh, kw);
  }
}

/** Training layout -> PyTorch layout (the inverse of toTrainLayout). */
export function fromTrainLayout(node: Node, role: TensorRole, data: Float32Array, grouped: TrainGroupConv): Float32Array {
  const op = node.op;
  if (role !== 'weight') return data;
  if (op.kind === 'linear') return linearFromTf(data, op.outF, op.inF);
  if (op.kind !== 'conv') return data;
  const [kh, kw] = op.kernel;
  switch (convKind(op)) {
    case 'dense':
      return hwioToOihw(data, op.outC, op.inC, kh, kw);
    case 'depthwise':
      return depthwiseFromTf(data, op.inC, op.outC / op.inC, kh, kw);
    case 'grouped':
      return grouped === 'packed' ? packedToOihw(op, data) : hwioToOihw(data, op.outC, op.inC / op.groups, kh, kw);
  }
}
