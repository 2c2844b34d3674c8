/**
 * The one validated way from the bytes of a weights file to a StateDict, shared by every way
 * weights come in (lab uploads through RunSession, Model.loadSafetensors, the CLI):
 *
 *   parse (the format's rules, safetensors.ts) → fit the graph (every key and shape,
 *   load-state-dict.ts) → values (NaN/Inf, negative running variances, value-scan.ts)
 *
 * Nothing touches tfjs: a refused file cannot have changed anything. Value findings refuse the
 * file unless the caller says the reader chose to load it anyway.
 */
import type { Graph } from '../../arch/ir';
import { type WeightIssue, stateDictFromSafetensors, validateStateDict } from './load-state-dict';
import { SafetensorsError, parseSafetensors } from './safetensors';
import type { StateDict } from './types';
import { type ValueFinding, findingsSummary, scanValues } from './value-scan';

export interface ReadWeightsOptions {
  /** Load even with NaN/Inf values or negative running variances (the reader said so). */
  readonly allowValueIssues?: boolean;
}

export type ReadWeightsResult =
  | { readonly ok: true; readonly sd: StateDict; readonly metadata: Readonly<Record<string, string>>; readonly findings: readonly ValueFinding[] }
  | { readonly ok: false; readonly issues: readonly WeightIssue[]; readonly findings?: readonly ValueFinding[] };

/** A refusal by the parser as a WeightIssue (its message already names the rule). */
export function parseIssue(e: SafetensorsError): WeightIssue {
  return { kind: 'parse', key: e.key ?? '', rule: e.rule, message: e.message };
}

/** The refusal for value findings (one issue; the findings themselves carry the detail). */
export function valuesIssue(findings: readonly ValueFinding[]): WeightIssue {
  return { kind: 'values', key: findings[0]?.key ?? '', message: `values the model cannot compute with: ${findingsSummary(findings)}` };
}

export function readWeightsFile(bytes: ArrayBuffer | ArrayBufferView, graph: Graph, options: ReadWeightsOptions = {}): ReadWeightsResult {
  let file;
  try {
    file = parseSafetensors(bytes);
  } catch (e) {
    if (e instanceof SafetensorsError) return { ok: false, issues: [parseIssue(e)] };
    throw e;
  }
  const issues = validateStateDict(graph, file.tensors);
  if (issues.length) return { ok: false, issues };
  const findings = scanValues(file.tensors, graph);
  if (findings.length && !options.allowValueIssues) return { ok: false, issues: [valuesIssue(findings)], findings };
  return { ok: true, sd: stateDictFromSafetensors(file), metadata: file.metadata, findings };
}
