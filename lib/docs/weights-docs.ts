/**
 * What the lab's weights errors mean, one entry per kind of problem the loader reports (typed
 * against WeightIssueKind, so a new kind cannot go undocumented), with example messages produced
 * by the real validator and the lab's own wording: a resnet50 file given to resnext50_32x4d, a
 * densenet121 file given to resnet50, and so on. Framework-free (no tfjs).
 */
import { buildGraph } from '@/lib/arch';
import { issueLine, weightsErrorMessage } from '@/lib/lab/weights-message';
import { expectedTensors } from '@/lib/runtime/weights/expected';
import { validateStateDict, type ShapedEntry, type WeightIssue, type WeightIssueKind } from '@/lib/runtime/weights/load-state-dict';
import { valuesIssue } from '@/lib/runtime/weights/read-weights';
import { SafetensorsError, parseSafetensors } from '@/lib/runtime/weights/safetensors';
import { scanValues } from '@/lib/runtime/weights/value-scan';

export interface IssueDoc {
  /** The problem, as a heading. */
  readonly title: string;
  readonly meaning: string;
  readonly fix: string;
}

export const WEIGHT_ISSUE_DOCS = {
  missing: {
    title: 'missing from the file',
    meaning:
      'The model needs a tensor the file does not have. Usually the file holds another model (a resnet50 file on the densenet121 lab), or names carry a prefix from a training wrapper (module. from DataParallel, model. from Lightning).',
    fix: 'Export the state_dict of the bare torchvision model of the same id as the lab page, as in the snippet above.',
  },
  unexpected: {
    title: 'not part of this model',
    meaning: 'The file has a tensor the model has no place for: another model, a prefixed name, or extra layers added after torchvision built it.',
    fix: 'Same as for missing keys: export exactly torchvision.models.<id>. (num_batches_tracked counters are ignored, present or not.)',
  },
  shape: {
    title: 'shape mismatch',
    meaning:
      'The name fits but the size does not: a sibling variant (resnext50_32x4d against resnet50, shufflenet_v2_x0_5 against x1_0), or a classifier retrained for another number of classes (fc.weight [10, 2048] instead of [1000, 2048]).',
    fix: 'Open the lab page of the model the file was exported from. The lab runs 1000-class ImageNet models; a retrained head does not fit.',
  },
  dtype: {
    title: 'integer tensor',
    meaning:
      'A weight is stored as integers (a quantized model); the lab needs floating point (float32, float16, bfloat16, float64 and both float8 formats are all read).',
    fix: 'Export the float model (torchvision.models, not torchvision.models.quantization).',
  },
  parse: {
    title: 'not a safetensors file',
    meaning:
      'The file could not be read at all: a PyTorch .pth/.pt checkpoint (a zip of pickles), a truncated download, or another format. The message names the rule of the safetensors format the file breaks (for example duplicate-key, overlap, hole, trailing-bytes, dtype).',
    fix: 'Convert it with one of the snippets above; check the size of the file against the original.',
  },
  values: {
    title: 'values the model cannot compute with',
    meaning:
      'The file is well-formed but holds NaN or infinite values, or BatchNorm running variances below zero (BatchNorm divides by their square root): the predictions would be NaN. The lab names each tensor, how many values and the first one, and asks whether to load the file anyway or keep the current weights.',
    fix: 'Export again from a model whose training did not diverge; torch.isfinite(t).all() on every tensor of the state_dict finds the culprit.',
  },
} as const satisfies Readonly<Record<WeightIssueKind, IssueDoc>>;

export const WEIGHT_ISSUE_KINDS = Object.keys(WEIGHT_ISSUE_DOCS) as WeightIssueKind[];

/** A state dict shaped like what torchvision would export for `id` (shapes only, no data). */
function fakeFile(id: string): Map<string, ShapedEntry> {
  const sd = new Map<string, ShapedEntry>();
  for (const e of expectedTensors(buildGraph(id))) {
    sd.set(e.key, e.role === 'num_batches_tracked' ? { shape: [], data: null, dtype: 'I64' } : { shape: e.shape, data: new Float32Array(0) });
  }
  return sd;
}

function firstOf(kind: WeightIssueKind, issues: readonly WeightIssue[]): WeightIssue {
  const found = issues.find((i) => i.kind === kind);
  if (!found) throw new Error(`weights docs: no "${kind}" issue in the example`);
  return found;
}

export interface IssueExample {
  /** What was loaded into what. */
  readonly scenario: string;
  /** The line the lab shows for it. */
  readonly line: string;
}

/** One real example message per kind of problem, computed with the loader itself. */
export function weightIssueExamples(): Record<WeightIssueKind, IssueExample> {
  const densenetIntoResnet = validateStateDict(buildGraph('resnet50'), fakeFile('densenet121'));
  const resnetIntoResnext = validateStateDict(buildGraph('resnext50_32x4d'), fakeFile('resnet50'));
  const quantized = fakeFile('resnet50');
  quantized.set('fc.bias', { shape: [1000], data: null, dtype: 'I64' });
  const intWeights = validateStateDict(buildGraph('resnet50'), quantized);
  let parse: WeightIssue;
  try {
    parseSafetensors(new TextEncoder().encode('PK\u0003\u0004 a zip archive, as torch.save writes a .pth file'));
    throw new Error('weights docs: the .pth example parsed');
  } catch (e) {
    if (!(e instanceof SafetensorsError)) throw e;
    parse = { kind: 'parse', key: '', rule: e.rule, message: e.message };
  }
  const nan = new Float32Array(1000).fill(0.01);
  nan[3] = NaN;
  const values = [valuesIssue(scanValues(new Map([['fc.bias', { data: nan }]]), buildGraph('resnet50')))];
  return {
    missing: { scenario: 'densenet121.safetensors on the resnet50 lab', line: issueLine(firstOf('missing', densenetIntoResnet)) },
    unexpected: { scenario: 'densenet121.safetensors on the resnet50 lab', line: issueLine(firstOf('unexpected', densenetIntoResnet)) },
    shape: { scenario: 'resnet50.safetensors on the resnext50_32x4d lab', line: issueLine(firstOf('shape', resnetIntoResnext)) },
    dtype: { scenario: 'integer weights on the resnet50 lab', line: issueLine(firstOf('dtype', intWeights)) },
    parse: { scenario: 'resnet50.pth (a PyTorch checkpoint) on the resnet50 lab', line: weightsErrorMessage('resnet50.pth', 'resnet50', [parse], null) },
    values: { scenario: 'a resnet50 file whose fc.bias is NaN', line: weightsErrorMessage('resnet50.safetensors', 'resnet50', values, null) },
  };
}
