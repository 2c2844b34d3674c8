/**
 * Validation of a torchvision state_dict against a Graph, done completely (every key, every
 * shape) BEFORE any tensor is created, so a bad file can never half-replace a loaded model.
 */
import type { Graph } from '../../arch/ir';
import { expectedTensors } from './expected';
import { quote } from './safetensors-error';
import type { SafetensorsFile } from './safetensors';
import { type StateDict, isIgnoredKey, shapeToString } from './types';

/** parse: the file breaks the format (rule says which); values: NaN/Inf or negative variances. */
export type WeightIssueKind = 'missing' | 'unexpected' | 'shape' | 'dtype' | 'parse' | 'values';

export interface WeightIssue {
  readonly kind: WeightIssueKind;
  readonly key: string;
  readonly expected?: readonly number[];
  readonly got?: readonly number[];
  /** For parse issues: the format rule broken (SafetensorsRule). */
  readonly rule?: string;
  /** One line, keys shortened and escaped. */
  readonly message: string;
}

/** Thrown by the throwing variants; carries every issue found, not just the first. */
export class WeightLoadError extends Error {
  readonly issues: readonly WeightIssue[];
  constructor(issues: readonly WeightIssue[]) {
    const head = issues.slice(0, 5).map((i) => i.message);
    const more = issues.length > 5 ? [`... and ${issues.length - 5} more`] : [];
    super(`weights rejected (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n  ${[...head, ...more].join('\n  ')}`);
    this.name = 'WeightLoadError';
    this.issues = issues;
  }
}

/** Anything shaped like a state dict entry (a TensorData, or a parsed safetensors tensor). */
export interface ShapedEntry {
  readonly shape: readonly number[];
  readonly data: Float32Array | null;
  readonly dtype?: string;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * Every problem of `entries` as weights for `graph`: missing keys, unexpected keys, wrong shapes
 * (message names the key and both shapes), integer tensors where floats are needed.
 * num_batches_tracked may be present or absent (it is unused in eval mode).
 */
export function validateStateDict(graph: Graph, entries: ReadonlyMap<string, ShapedEntry>): WeightIssue[] {
  const issues: WeightIssue[] = [];
  const expected = expectedTensors(graph);
  const wanted = new Set<string>();
  for (const e of expected) {
    wanted.add(e.key);
    if (e.role === 'num_batches_tracked') continue;
    const got = entries.get(e.key);
    if (!got) {
      issues.push({ kind: 'missing', key: e.key, expected: e.shape, message: `missing key ${quote(e.key, 80)} (expected shape ${shapeToString(e.shape)})` });
    } else if (!sameShape(got.shape, e.shape)) {
      issues.push({
        kind: 'shape',
        key: e.key,
        expected: e.shape,
        got: got.shape,
        message: `shape mismatch for ${quote(e.key, 80)}: expected ${shapeToString(e.shape)}, got ${shapeToString(got.shape)}`,
      });
    } else if (got.data === null) {
      issues.push({
        kind: 'dtype',
        key: e.key,
        expected: e.shape,
        got: got.shape,
        message: `${quote(e.key, 80)} has integer dtype ${got.dtype ?? ''}; a float tensor is needed`,
      });
    }
  }
  for (const [key, got] of entries) {
    if (wanted.has(key) || isIgnoredKey(key)) continue;
    issues.push({
      kind: 'unexpected',
      key,
      got: got.shape,
      message: `unexpected key ${quote(key, 80)} (shape ${shapeToString(got.shape)}) is not part of ${graph.id}`,
    });
  }
  return issues;
}

/** A parsed safetensors file as a StateDict (integer buffers dropped). Call after validation. */
export function stateDictFromSafetensors(file: SafetensorsFile): StateDict {
  const sd: StateDict = new Map();
  for (const [key, t] of file.tensors) if (t.data) sd.set(key, { shape: t.shape, data: t.data });
  return sd;
}
