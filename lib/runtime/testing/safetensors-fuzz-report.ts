/**
 * Judges a parser on the fuzz's mutations (safetensors-fuzz.ts) and tabulates the outcome by
 * class: shared by the fuzz test and scripts/fuzz-safetensors.ts, which also runs it against
 * older parsers (any module exporting parseSafetensors and SafetensorsError).
 */
import type { Graph } from '../../arch/ir';
import { validateStateDict } from '../weights/load-state-dict';
import { FUZZ_CLASSES, type FuzzClass, type Mutation } from './safetensors-fuzz';

export interface ParserModule {
  parseSafetensors(bytes: Uint8Array): {
    tensors: ReadonlyMap<string, { readonly shape: readonly number[]; readonly data: Float32Array | null; readonly dtype?: string }>;
  };
  SafetensorsError: abstract new (...args: never[]) => Error;
}

/** After parsing: does the file fit the graph, and were its values flagged? */
export type ValueCheck = (tensors: ReadonlyMap<string, { readonly data: Float32Array | null }>, graph: Graph) => boolean;

export interface Outcome {
  readonly m: Mutation;
  readonly verdict: 'refused' | 'accepted' | 'crash';
  readonly rule?: string;
  readonly message?: string;
  /** Accepted files only: every key and shape fits the graph. */
  readonly fits?: boolean;
  /** Accepted, fitting files only: NaN/Inf or negative variances were reported. */
  readonly flagged?: boolean;
}

/** What is wrong with a refusal's message, if anything (empty: one clear line naming its rule). */
export function messageProblems(message: string, rule: string | undefined): string[] {
  const p: string[] = [];
  if (/[\n\r\u2028\u2029]/.test(message)) p.push('multi-line');
  if (message.length > 200) p.push('over 200 chars');
  if (/undefined|NaN bytes|\[object |null bytes/.test(message)) p.push('unclear');
  if (!rule || !message.startsWith(`${rule}:`)) p.push('rule not named');
  return p;
}

export function judge(parser: ParserModule, m: Mutation, graph: Graph, values?: ValueCheck): Outcome {
  let file;
  try {
    file = parser.parseSafetensors(m.bytes);
  } catch (e) {
    if (!(e instanceof parser.SafetensorsError))
      return { m, verdict: 'crash', message: e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 300) : String(e) };
    const rule = (e as { rule?: string; code?: string }).rule ?? (e as { code?: string }).code;
    return { m, verdict: 'refused', rule, message: e.message };
  }
  const fits = validateStateDict(graph, file.tensors).length === 0;
  return { m, verdict: 'accepted', fits, flagged: fits && values ? values(file.tensors, graph) : fits ? false : undefined };
}

export interface Row {
  readonly cls: FuzzClass | 'all';
  files: number;
  mustRefuse: number;
  refused: number;
  acceptedInvalid: number;
  validAccepted: number;
  validRefused: number;
  crash: number;
  longOrMultiLine: number;
  longest: number;
  unclear: number;
  ruleNotNamed: number;
  misfitRefused: number;
  valuesFlagged: number;
  valuesSilent: number;
}

function row(cls: Row['cls']): Row {
  return {
    cls,
    files: 0,
    mustRefuse: 0,
    refused: 0,
    acceptedInvalid: 0,
    validAccepted: 0,
    validRefused: 0,
    crash: 0,
    longOrMultiLine: 0,
    longest: 0,
    unclear: 0,
    ruleNotNamed: 0,
    misfitRefused: 0,
    valuesFlagged: 0,
    valuesSilent: 0,
  };
}

export function tally(outcomes: Iterable<Outcome>): Row[] {
  const rows = new Map<Row['cls'], Row>(FUZZ_CLASSES.map((c) => [c, row(c)]));
  const all = row('all');
  for (const o of outcomes) {
    for (const r of [rows.get(o.m.cls)!, all]) {
      r.files++;
      if (o.m.expect === 'invalid') r.mustRefuse++;
      if (o.verdict === 'crash') r.crash++;
      if (o.verdict === 'refused') {
        r.refused++;
        if (o.m.expect !== 'invalid') r.validRefused++;
        const p = messageProblems(o.message ?? '', o.rule);
        if (p.includes('multi-line') || p.includes('over 200 chars')) r.longOrMultiLine++;
        if (p.includes('unclear')) r.unclear++;
        if (p.includes('rule not named')) r.ruleNotNamed++;
        r.longest = Math.max(r.longest, (o.message ?? '').length);
      }
      if (o.verdict === 'accepted') {
        if (o.m.expect === 'invalid') r.acceptedInvalid++;
        else r.validAccepted++;
        if (o.m.expect === 'misfit' && o.fits === false) r.misfitRefused++;
        if (o.m.expect === 'values') {
          if (o.flagged) r.valuesFlagged++;
          else r.valuesSilent++;
        }
      }
    }
  }
  return [...rows.values(), all];
}

const COLUMNS: readonly [keyof Row, string][] = [
  ['cls', 'class'],
  ['files', 'files'],
  ['mustRefuse', 'must refuse'],
  ['refused', 'refused'],
  ['acceptedInvalid', 'accepted though invalid'],
  ['validAccepted', 'valid, accepted'],
  ['validRefused', 'valid, refused'],
  ['crash', 'crash'],
  ['longOrMultiLine', 'msg > 200 chars or multi-line'],
  ['longest', 'longest msg'],
  ['unclear', 'unclear msg'],
  ['ruleNotNamed', 'rule not named'],
  ['misfitRefused', 'misfit, refused by fit check'],
  ['valuesFlagged', 'NaN/neg. var flagged'],
  ['valuesSilent', 'NaN/neg. var silent'],
];

/** The rows as a Markdown table. */
export function formatTable(rows: readonly Row[]): string {
  const lines = [`| ${COLUMNS.map(([, h]) => h).join(' | ')} |`, `|${COLUMNS.map(([k]) => (k === 'cls' ? '---' : '---:')).join('|')}|`];
  for (const r of rows) lines.push(`| ${COLUMNS.map(([k]) => (k === 'cls' && r.cls === 'all' ? '**all**' : String(r[k]))).join(' | ')} |`);
  return lines.join('\n');
}
