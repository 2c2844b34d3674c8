/** `arch summary <id> [--size N] [--json]`: per-layer table (or JSON) with totals. */
import { parseArgs } from 'node:util';
import { buildGraph, getModel } from '../lib/arch/registry';
import { MAX_SIZE, MIN_SIZE } from '../lib/arch/validate';
import { formatSummary, summarize } from '../lib/arch/format';
import { type Command, UsageError } from './arch-types';

/** Runs node:util parseArgs (or any parsing step), turning its errors into UsageErrors (exit 2). */
export function asUsage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

/** Parses `--size N`: an integer (the range MIN_SIZE..MAX_SIZE is checked by the registry). */
export function parseSize(v: string | boolean | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !/^\d+$/.test(v)) throw new UsageError(`--size expects an integer in [${MIN_SIZE}, ${MAX_SIZE}], got ${JSON.stringify(v)}`);
  return Number(v);
}

/**
 * The arguments every per-model command takes, `<id> [--size N] [--json]`: the registered id, its
 * graph built at that size, and whether JSON was asked for (summary, rf).
 */
export function graphCommandArgs(command: string, args: readonly string[]) {
  const { values, positionals } = asUsage(() =>
    parseArgs({
      args: [...args],
      options: { size: { type: 'string' }, json: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    }),
  );
  if (positionals.length !== 1) throw new UsageError(`${command} expects exactly one model id, got ${positionals.length}`);
  const id = positionals[0];
  getModel(id);
  return { id, graph: buildGraph(id, { size: parseSize(values.size) }), json: values.json === true };
}

export const summaryCommand: Command = {
  summary: 'per-layer table (name, op, out shape, params, MACs) with stage subtotals and totals',
  usage: 'summary <id> [--size N] [--json]',
  run(args, io) {
    const { id, graph, json } = graphCommandArgs('summary', args);
    if (json) {
      const s = summarize(graph);
      // Exactly {id, input, params, macs, layers}; id is the registered id.
      io.stdout(JSON.stringify({ id, input: s.input, params: s.params, macs: s.macs, layers: s.layers }) + '\n');
    } else {
      io.stdout(formatSummary(graph) + '\n');
    }
    return 0;
  },
};
