/**
 * The whole torchvision state_dict as one .safetensors file: every key of lib/arch's
 * stateDictKeys in torchvision's order, float tensors as F32 in PyTorch layout, and each BN's
 * num_batches_tracked as an I64 scalar (shape [], as torch.save / safetensors.torch.save_file
 * writes it). Metadata {"format": "pt"} as safetensors.torch writes. It loads back through
 * lib/runtime's read-weights.ts (Model.loadSafetensors) and in PyTorch with
 * `model.load_state_dict(safetensors.torch.load_file(path))`.
 */
import type { Graph } from '../arch/ir';
import { stateDictKeys } from '../arch/statedict';
import { type WritableTensor, writeSafetensors } from '../runtime/weights/safetensors';
import type { StateDict } from '../runtime/weights/types';

/** A little-endian int64 scalar. */
export function int64Bytes(n: number): Uint8Array {
  if (!Number.isSafeInteger(n)) throw new RangeError(`int64 value ${n} is not a safe integer`);
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigInt64(0, BigInt(n), true);
  return out;
}

export function stateDictToSafetensors(graph: Graph, sd: StateDict, numBatchesTracked: ReadonlyMap<string, number>): Uint8Array {
  const entries: [string, WritableTensor][] = stateDictKeys(graph).map((e) => {
    if (e.key.endsWith('.num_batches_tracked')) return [e.key, { shape: [], bytes: int64Bytes(numBatchesTracked.get(e.key) ?? 0), dtype: 'I64' }];
    const t = sd.get(e.key);
    if (!t) throw new Error(`state dict of ${graph.id} has no ${e.key}`);
    return [e.key, { shape: e.shape, data: t.data }];
  });
  return writeSafetensors(entries, { format: 'pt' });
}

/**
 * The num_batches_tracked counters of a parsed .safetensors file (integer scalars, I64 or I32),
 * by key: what TrainingRun.create({ numBatchesTracked }) takes to resume PyTorch's count.
 */
export function numBatchesTrackedOf(
  tensors: ReadonlyMap<string, { readonly dtype: string; readonly shape: readonly number[]; readonly bytes: Uint8Array }>,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const [key, t] of tensors) {
    if (!key.endsWith('.num_batches_tracked') || t.shape.length !== 0) continue;
    const dv = new DataView(t.bytes.buffer, t.bytes.byteOffset, t.bytes.byteLength);
    if (t.dtype === 'I64' && t.bytes.byteLength === 8) out.set(key, Number(dv.getBigInt64(0, true)));
    else if (t.dtype === 'I32' && t.bytes.byteLength === 4) out.set(key, dv.getInt32(0, true));
  }
  return out;
}
