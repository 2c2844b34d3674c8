/**
 * A reader-facing message for rejected weights, from the runtime's WeightIssue list: a headline
 * saying the previous weights stay, then one line per issue naming the key and the shapes.
 */
import type { WeightIssue } from '../runtime/weights/load-state-dict';
import { plain } from '../runtime/weights/safetensors-error';
import { type ValueFinding, findingLine, findingsSummary } from '../runtime/weights/value-scan';

const shape = (s: readonly number[] | undefined) => (s ? `[${s.join(', ')}]` : '?');

export function issueLine(i: WeightIssue): string {
  switch (i.kind) {
    case 'shape':
      return `${plain(i.key)}: expected shape ${shape(i.expected)}, the file has ${shape(i.got)}`;
    case 'missing':
      return `${plain(i.key)}: missing from the file (expected shape ${shape(i.expected)})`;
    case 'unexpected':
      return `${plain(i.key)}: not part of this model (shape ${shape(i.got)} in the file)`;
    default:
      return i.message;
  }
}

/**
 * Headline (saying what stays loaded) + up to `max` issue lines, separated by newlines. Every
 * line is short: keys and the file name are shortened and escaped, and a file that breaks the
 * format gets its one refusal line (`rule: …`) under the headline.
 */
export function weightsErrorMessage(fileName: string, modelId: string, issues: readonly WeightIssue[], kept: string | null, max = 8): string {
  const n = issues.length;
  const parse = n === 1 && (issues[0].kind === 'parse' || issues[0].kind === 'values');
  const name = plain(fileName, 60);
  const head = parse ? `${name} could not be used.` : `${name} does not fit ${modelId} (${n} problem${n === 1 ? '' : 's'}).`;
  const keep = kept ? ` The previous weights (${plain(kept, 60)}) stay loaded.` : '';
  const lines = issues.slice(0, max).map(issueLine);
  if (n > max) lines.push(`… and ${n - max} more`);
  return [head + keep, ...lines].join('\n');
}

export interface ValueConfirmText {
  /** What the file holds and what stays loaded unless the reader chooses otherwise. */
  readonly head: string;
  /** One line per finding: tensor, count, first index and value. */
  readonly lines: readonly string[];
}

/**
 * The lab's question for a well-formed file with NaN/Inf values or negative running variances:
 * load it anyway, or keep the current weights.
 */
export function valueConfirmText(fileName: string, findings: readonly ValueFinding[], kept: string | null, max = 8): ValueConfirmText {
  const keep = kept ? ` Until you choose, the current weights (${plain(kept, 60)}) stay loaded.` : '';
  const head = `${plain(fileName, 60)} holds values the model cannot compute with: ${findingsSummary(findings)}; its predictions would be NaN.${keep}`;
  const lines = findings.slice(0, max).map(findingLine);
  if (findings.length > max) lines.push(`… and ${findings.length - max} more`);
  return { head, lines };
}
