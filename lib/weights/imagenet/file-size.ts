/**
 * The exact size of the file `npm run weights:torchvision` writes for a model, computed from the
 * registry alone: the header is built as scripts/py/torchvision_weights.py builds it (Python's
 * `json.dumps(…, separators=(',', ':'))`, metadata first, padded with spaces to 8 bytes), the data
 * is every float tensor at 4 (F32) or 2 (F16) bytes plus num_batches_tracked as I64. Trained and
 * `--offline` files have the same header, so this is also the size of the real download;
 * export.test.ts checks it byte for byte against an offline export.
 */
import { buildGraph } from '../../arch/registry';
import { stateDictKeys } from '../../arch/statedict';
import { expectedTensors } from '../../runtime/weights/expected';

export type StoredDtype = 'F32' | 'F16';

/** The file's metadata (torchvision_weights.py `file_metadata`): the same for trained and offline files. */
export const fileMetadata = (id: string) => ({ format: 'pt', model: id, source: 'torchvision' });

/** Bytes of the file the command writes for model `id`, stored as `dtype`. */
export function weightsFileBytes(id: string, dtype: StoredDtype): number {
  const floatBytes = dtype === 'F16' ? 2 : 4;
  const header: Record<string, unknown> = { __metadata__: fileMetadata(id) };
  let offset = 0;
  const graph = buildGraph(id);
  // Keys in torchvision's state_dict order (the offsets' digits depend on it), dtypes by tensor role.
  const int64 = new Set(
    expectedTensors(graph)
      .filter((e) => e.dtype === 'int64')
      .map((e) => e.key),
  );
  for (const e of stateDictKeys(graph)) {
    const int = int64.has(e.key);
    const n = e.shape.reduce((a, b) => a * b, 1) * (int ? 8 : floatBytes);
    header[e.key] = { dtype: int ? 'I64' : dtype, shape: e.shape, data_offsets: [offset, offset + n] };
    offset += n;
  }
  const json = new TextEncoder().encode(JSON.stringify(header)).length;
  const padded = json + ((8 - ((8 + json) % 8)) % 8);
  return 8 + padded + offset;
}
