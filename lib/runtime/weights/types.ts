/**
 * Weight containers shared by the initialisers, the safetensors parser and the state_dict loader.
 *
 * Everything here stays in PyTorch layout (conv OIHW, linear [out, in]) and plain typed arrays:
 * a state dict is data, not tfjs tensors, so it can be validated completely before a single GPU
 * buffer is allocated or a previously loaded model is touched.
 */

/** One tensor of a torchvision state_dict, row-major in PyTorch layout, converted to float32. */
export interface TensorData {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/** A torchvision state_dict: key -> tensor. Integer buffers (num_batches_tracked) are omitted. */
export type StateDict = Map<string, TensorData>;

/** The key and shape of one state_dict entry, in torchvision order where order matters. */
export interface KeySpec {
  readonly key: string;
  readonly shape: readonly number[];
  /** 'int64' for num_batches_tracked; everything else float32. */
  readonly dtype?: 'float32' | 'int64';
}

export function numel(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function shapeToString(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** num_batches_tracked is an int64 training counter: irrelevant in eval mode, always ignored. */
export function isIgnoredKey(key: string): boolean {
  return key.endsWith('.num_batches_tracked') || key === 'num_batches_tracked';
}
