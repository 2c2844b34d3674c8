/**
 * The safetensors fuzz as a table: the same seeded mutations as the test
 * (lib/runtime/weights/safetensors-fuzz.test.ts), judged by a parser, counted by class.
 *
 *   npx tsx scripts/fuzz-safetensors.ts [--parser path/to/safetensors.ts] [--model id] [--seed N] [--per-class N]
 *
 * --parser takes any module exporting parseSafetensors and SafetensorsError, e.g. an older
 * version: `git show main~5:lib/runtime/weights/safetensors.ts > .scratch/old-safetensors.ts`
 * (fix its relative imports). With the repo's own parser, value findings come from
 * value-scan.ts (the lab's path); another parser gets no value scan, as it had none.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildGraph } from '../lib/arch/registry';
import { fuzzMutations } from '../lib/runtime/testing/safetensors-fuzz';
import { type Outcome, type ParserModule, formatTable, judge, tally } from '../lib/runtime/testing/safetensors-fuzz-report';
import * as own from '../lib/runtime/weights/safetensors';
import { scanValues } from '../lib/runtime/weights/value-scan';

async function main() {
  const { values } = parseArgs({
    options: {
      parser: { type: 'string' },
      model: { type: 'string', default: 'shufflenet_v2_x0_5' },
      seed: { type: 'string', default: '1' },
      'per-class': { type: 'string', default: '110' },
      examples: { type: 'boolean', default: false },
    },
  });
  const parser: ParserModule = values.parser ? await import(resolve(values.parser)) : own;
  const graph = buildGraph(values.model!);
  const t0 = performance.now();
  const { base, mutations } = fuzzMutations(graph, { seed: Number(values.seed), perClass: Number(values['per-class']) });
  const check = values.parser ? undefined : (t: Parameters<typeof scanValues>[0]) => scanValues(t, graph).length > 0;
  const outcomes: Outcome[] = [];
  for (const m of mutations()) outcomes.push(judge(parser, m, graph, check));
  const s = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(
    `${values.parser ?? 'lib/runtime/weights/safetensors.ts'} on ${outcomes.length} mutations of ${values.model} (${base.length} bytes, seed ${values.seed}), ${s} s\n`,
  );
  console.log(formatTable(tally(outcomes)));
  const bad = outcomes.filter((o) => !rightVerdict(o, !values.parser));
  if (values.examples || bad.length) {
    console.log(`\n${bad.length} wrong verdicts${bad.length ? ', first 40:' : ''}`);
    for (const o of bad.slice(0, 40))
      console.log(`  [${o.m.cls}] ${o.m.name} (${o.m.expect}): ${o.verdict}${o.message ? ` — ${o.message.slice(0, 160)}` : ''}`);
  }
}

/** The verdict the mutation must get; `lab` adds the fit and value checks of the lab's path. */
function rightVerdict(o: Outcome, lab: boolean): boolean {
  if (o.verdict === 'crash') return false;
  if (o.m.expect === 'invalid') return o.verdict === 'refused';
  if (o.verdict !== 'accepted') return false;
  if (!lab) return true;
  if (o.m.expect === 'misfit') return o.fits === false;
  return o.fits === true && o.flagged === (o.m.expect === 'values');
}

void main();
