/**
 * Values a model cannot compute with, found after a file parsed: NaN or ±Inf anywhere, and
 * BatchNorm running variances below zero (BN divides by sqrt(var + eps), Ioffe & Szegedy 2015,
 * Alg. 1, so a negative variance gives NaN). The file is well-formed; whether to load it anyway
 * is the reader's choice (the lab asks, the CLI needs --allow-nonfinite).
 *
 * Which tensors are running variances comes from the graph (the bn op's tensors, expected.ts),
 * never from the key's spelling.
 */
import type { Graph } from '../../arch/ir';
import { quote } from './safetensors-error';
import { expectedTensors } from './expected';

export type ValueProblem = 'non-finite' | 'negative-variance';

export interface ValueFinding {
  readonly key: string;
  readonly problem: ValueProblem;
  /** How many elements have the problem. */
  readonly count: number;
  /** Flat (row-major) index and value of the first one. */
  readonly firstIndex: number;
  readonly firstValue: number;
}

/** Every tensor with non-finite values, and every running variance below zero, in `tensors`' order. */
export function scanValues(tensors: ReadonlyMap<string, { readonly data: Float32Array | null }>, graph?: Graph): ValueFinding[] {
  const variances = new Set(
    graph
      ? expectedTensors(graph)
          .filter((e) => e.role === 'running_var')
          .map((e) => e.key)
      : [],
  );
  const out: ValueFinding[] = [];
  for (const [key, t] of tensors) {
    const d = t.data;
    if (!d) continue;
    let bad = 0;
    let first = -1;
    let neg = 0;
    let firstNeg = -1;
    const isVar = variances.has(key);
    for (let i = 0; i < d.length; i++) {
      const v = d[i];
      // v - v is 0 for finite v and NaN for NaN and ±Inf: one comparison per element.
      if (v - v !== 0) {
        if (bad++ === 0) first = i;
      } else if (isVar && v < 0) {
        if (neg++ === 0) firstNeg = i;
      }
    }
    if (bad) out.push({ key, problem: 'non-finite', count: bad, firstIndex: first, firstValue: d[first] });
    if (neg) out.push({ key, problem: 'negative-variance', count: neg, firstIndex: firstNeg, firstValue: d[firstNeg] });
  }
  return out;
}

/** One line per finding, e.g. `"layer1.0.bn1.running_var": 3 negative running variances (first at [7]: -0.5)`. */
export function findingLine(f: ValueFinding): string {
  const what = f.problem === 'non-finite' ? `NaN/Inf value${f.count === 1 ? '' : 's'}` : `negative running variance${f.count === 1 ? '' : 's'}`;
  return `${quote(f.key, 80)}: ${f.count} ${what} (first at [${f.firstIndex}]: ${f.firstValue})`;
}

/** A one-line summary of all findings, e.g. "NaN/Inf in 2 tensors, negative running variances in 1". */
export function findingsSummary(findings: readonly ValueFinding[]): string {
  const nf = findings.filter((f) => f.problem === 'non-finite').length;
  const nv = findings.length - nf;
  const parts = [];
  if (nf) parts.push(`NaN/Inf values in ${nf} tensor${nf === 1 ? '' : 's'}`);
  if (nv) parts.push(`negative running variances in ${nv} tensor${nv === 1 ? '' : 's'}`);
  return parts.join(', ');
}
