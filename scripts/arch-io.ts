/**
 * What the `arch` subcommands that compute share: reading files named on the command line,
 * choosing the tfjs backend, and loading a weights file through the lab's one validated path
 * (lib/runtime/weights/read-weights.ts) with the same refusals and reports in every command.
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import type { Graph } from '../lib/arch/ir';
import { readWeightsFile } from '../lib/runtime/weights/read-weights';
import type { StateDict } from '../lib/runtime/weights/types';
import { type ValueFinding, findingLine } from '../lib/runtime/weights/value-scan';
import { UsageError } from './arch-types';

export const BACKENDS = ['cpu', 'wasm'] as const;
export type CliBackend = (typeof BACKENDS)[number];

export function readFile(path: string, what: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${JSON.stringify(path)}: ${(e as Error).message}`);
  }
}

/** --backend's value, checked. */
export function backendArg(value: string | undefined): CliBackend {
  const b = (value ?? 'wasm') as CliBackend;
  if (!BACKENDS.includes(b)) throw new UsageError(`--backend must be one of ${BACKENDS.join(', ')}, got ${JSON.stringify(value)}`);
  return b;
}

export async function selectBackend(name: CliBackend): Promise<void> {
  tf.env().set('PROD', true); // keeps stderr free of the "install tfjs-node" banner
  if (name === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
  if (!(await tf.setBackend(name))) throw new UsageError(`backend ${name} failed to initialise`);
  await tf.ready();
}

/** The per-tensor value report, at most 10 lines. */
export function valueReport(findings: readonly ValueFinding[]): string {
  const lines = findings.slice(0, 10).map((f) => `  ${findingLine(f)}`);
  if (findings.length > 10) lines.push(`  ... and ${findings.length - 10} more tensors`);
  return lines.join('\n');
}

export type WeightsArg = { readonly ok: true; readonly sd: StateDict; readonly warning?: string } | { readonly ok: false; readonly message: string };

/**
 * A weights file for `graph`: every key and shape, then the values (NaN/Inf, negative running
 * variances: refused unless `allowNonfinite`, then a warning). Messages start with `arch <cmd>:`.
 */
export function readWeightsArg(bytes: Uint8Array, path: string, graph: Graph, id: string, cmd: string, allowNonfinite = false): WeightsArg {
  const r = readWeightsFile(bytes, graph, { allowValueIssues: allowNonfinite });
  if (!r.ok && r.findings?.length)
    return {
      ok: false,
      message: `arch ${cmd}: weights ${path} hold values ${id} cannot compute with (pass --allow-nonfinite to run anyway):\n${valueReport(r.findings)}\n`,
    };
  if (!r.ok) {
    const shown = r.issues.slice(0, 10).map((i) => `  ${i.message}`);
    if (r.issues.length > 10) shown.push(`  ... and ${r.issues.length - 10} more`);
    const what = r.issues[0]?.kind === 'parse' ? 'are not a valid .safetensors file' : `do not fit ${id}`;
    return { ok: false, message: `arch ${cmd}: weights ${path} ${what}:\n${shown.join('\n')}\n` };
  }
  const warning = r.findings.length ? `arch ${cmd}: warning: running anyway (--allow-nonfinite); ${path} holds:\n${valueReport(r.findings)}\n` : undefined;
  return { ok: true, sd: r.sd, warning };
}
