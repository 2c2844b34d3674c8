/**
 * A reader-facing message for rejected weights, from the runtime's WeightIssue list: a headline
 * saying the previous weights stay, then one line per issue naming the key and the shapes.
 */
import type { WeightIssue } from '../runtime/weights/load-state-dict';

const shape = (s: readonly number[] | undefined) => (s ? `[${s.join(', ')}]` : '?');

export function issueLine(i: WeightIssue): string {
  switch (i.kind) {
    case 'shape':
      return `${i.key}: expected shape ${shape(i.expected)}, the file has ${shape(i.got)}`;
    case 'missing':
      return `${i.key}: missing from the file (expected shape ${shape(i.expected)})`;
    case 'unexpected':
      return `${i.key}: not part of this model (shape ${shape(i.got)} in the file)`;
    default:
      return i.message;
  }
}

/** Headline + up to `max` issue lines, separated by newlines. */
export function weightsErrorMessage(fileName: string, modelId: string, issues: readonly WeightIssue[], kept: string | null, max = 8): string {
  const n = issues.length;
  const parse = n === 1 && issues[0].kind === 'parse';
  const head = parse
    ? `${fileName} could not be used: ${issues[0].message}.`
    : `${fileName} does not fit ${modelId} (${n} problem${n === 1 ? '' : 's'}).`;
  const keep = kept ? ` The previous weights (${kept}) stay loaded.` : '';
  const lines = parse ? [] : issues.slice(0, max).map(issueLine);
  if (n > max && !parse) lines.push(`… and ${n - max} more`);
  return [head + keep, ...lines].join('\n');
}
