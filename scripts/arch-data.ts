/**
 * The labelled images `arch train` and `arch eval` work on: `--dataset digits` (lib/data/digits,
 * the fixed 8,000 / 2,000 split) or `--data D.safetensors` holding
 *   images  F32 [N, C, H, W], the model's input as is (no normalisation is applied);
 *   labels  I64 or I32 [N], class indices 0 … classes − 1.
 * Everything is checked against the model before any tensor is made, and a refusal says exactly
 * what the file holds and what the model takes.
 */
import type { Graph } from '../lib/arch/ir';
import type { ModelEntry } from '../lib/arch/registry';
import { modelIdsFor } from '../lib/arch/registry';
import { loadDigitsNode } from '../lib/data/digits/node';
import { SafetensorsError, parseSafetensors, type SafetensorsTensor } from '../lib/runtime/weights/safetensors';
import { classesOf } from '../lib/train/data';
import type { LabelledImages } from '../lib/train/types';
import { readFile } from './arch-io';
import { UsageError } from './arch-types';

export const DATASET_NAMES = ['digits'] as const;

const dims = (s: readonly number[]) => `[${s.join(', ')}]`;

/** Class indices from an I64 or I32 tensor (little-endian, possibly unaligned in the file). */
function decodeLabels(t: SafetensorsTensor, n: number): Int32Array | { bad: string } {
  const view = new DataView(t.bytes.buffer, t.bytes.byteOffset, t.bytes.byteLength);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = t.dtype === 'I64' ? view.getBigInt64(8 * i, true) : BigInt(view.getInt32(4 * i, true));
    if (v < 0n || v > 2n ** 31n - 1n) return { bad: `label ${v} at index ${i}` };
    out[i] = Number(v);
  }
  return out;
}

/**
 * Digits models take MNIST's convention (lib/data/digits): grey levels in [0, 1], white digit on
 * black. A value outside [0, 1] is refused (with the likely fix); a set whose mean is above one
 * half is most likely black on white, which the models read as noise: a warning, since a set of
 * thick, bold digits can be legitimately bright.
 */
export function digitsRangeIssue(images: Float32Array, path: string, flag = '--data'): { refuse?: string; warn?: string } {
  let max = -Infinity;
  let sum = 0;
  for (let i = 0; i < images.length; i++) {
    const v = images[i];
    if (!(v >= 0 && v <= 1)) {
      for (let j = i; j < images.length; j++) if (images[j] > max) max = images[j];
      const hint = Number.isNaN(v) ? '' : max > 1 && max <= 255 ? ' (values up to 255: divide by 255)' : '';
      return { refuse: `${flag} ${path}: "images" of a digits model must lie in [0, 1] (white digits on black, as MNIST), got ${v} at index ${i}${hint}` };
    }
    sum += v;
  }
  const mean = images.length ? sum / images.length : 0;
  if (mean > 0.5)
    return {
      warn: `${flag} ${path}: the images average ${mean.toFixed(2)} (MNIST's digits: 0.13): they look like dark digits on white; the digits models read white on black (use 1 − x)`,
    };
  return {};
}

/** `images` and `labels` of a --data file, checked against `graph`'s input and classes. */
export function readLabelledFile(path: string, graph: Graph, id: string, flag = '--data'): LabelledImages {
  let file;
  try {
    file = parseSafetensors(readFile(path, `${flag} file`));
  } catch (e) {
    if (e instanceof SafetensorsError) throw new UsageError(`${flag} ${path}: ${e.message}`);
    throw e;
  }
  const found = [...file.tensors.keys()].join(', ') || 'none';
  const images = file.tensors.get('images');
  const labels = file.tensors.get('labels');
  if (!images || !labels) throw new UsageError(`${flag} ${path} must hold tensors "images" and "labels"; it holds: ${found}`);
  const [c, h, w] = graph.input;
  const takes = `${id} takes [N, ${c}, ${h}, ${w}]`;
  if (images.dtype !== 'F32' || !images.data) throw new UsageError(`${flag} ${path}: "images" must be F32, got ${images.dtype}`);
  const s = images.shape;
  if (s.length !== 4 || s[0] < 1) throw new UsageError(`${flag} ${path}: "images" must be [N, C, H, W] with N ≥ 1, got ${dims(s)}; ${takes}`);
  if (s[1] !== c || s[2] !== h || s[3] !== w) {
    const hint = s[1] === c && s[2] === s[3] && s[2] !== h ? ` (pass --size ${s[2]} to build it at ${s[2]}×${s[3]})` : '';
    throw new UsageError(`${flag} ${path}: "images" is ${dims(s)}, but ${takes}${hint}`);
  }
  const n = s[0];
  if (labels.dtype !== 'I64' && labels.dtype !== 'I32') throw new UsageError(`${flag} ${path}: "labels" must be I64 or I32, got ${labels.dtype}`);
  if (labels.shape.length !== 1 || labels.shape[0] !== n)
    throw new UsageError(`${flag} ${path}: "labels" must be [N] = [${n}] (one per image), got ${dims(labels.shape)}`);
  const classes = classesOf(graph);
  const decoded = decodeLabels(labels, n);
  if (!(decoded instanceof Int32Array)) throw new UsageError(`${flag} ${path}: ${decoded.bad} is not a class of ${id} (0 … ${classes - 1})`);
  const bad = decoded.findIndex((v) => v >= classes);
  if (bad >= 0) throw new UsageError(`${flag} ${path}: label ${decoded[bad]} at index ${bad} is not a class of ${id} (0 … ${classes - 1})`);
  return { images: images.data, shape: [n, c, h, w], labels: decoded };
}

let digits: ReturnType<typeof loadDigitsNode> | undefined;
/** The digits, loaded once per process (packing them from the mnist package takes a second or two). */
function digitsOnce(): ReturnType<typeof loadDigitsNode> {
  digits ??= loadDigitsNode();
  return digits;
}

export interface CliData {
  readonly train: LabelledImages;
  /** The held-out split when the data has one (digits). */
  readonly test?: LabelledImages;
  /** For messages: where the images came from. */
  readonly source: string;
  /** Said on stderr before the run (e.g. digits that look black on white). */
  readonly warnings?: readonly string[];
}

/** The data named by --data / --dataset (or the model's own dataset when it ships with the site). */
export function dataArgs(values: { data?: string; dataset?: string }, graph: Graph, entry: ModelEntry): CliData {
  if (values.data !== undefined && values.dataset !== undefined) throw new UsageError('give --data D.safetensors or --dataset digits, not both');
  if (values.data !== undefined) {
    const train = readLabelledFile(values.data, graph, entry.id);
    if (entry.dataset !== 'digits') return { train, source: values.data };
    const range = digitsRangeIssue(train.images, values.data);
    if (range.refuse) throw new UsageError(range.refuse);
    return { train, source: values.data, warnings: range.warn ? [range.warn] : [] };
  }
  const dataset = values.dataset ?? (entry.dataset === 'digits' ? 'digits' : undefined);
  const [c, h, w] = graph.input;
  if (dataset === undefined)
    throw new UsageError(
      `${entry.id} takes [N, ${c}, ${h}, ${w}] images (${entry.dataset}), which do not ship with the site: give them with --data D.safetensors ` +
        `(images F32 [N, ${c}, ${h}, ${w}], labels I64 or I32 [N]), or train a digits model (${modelIdsFor('digits').join(', ')}) with --dataset digits`,
    );
  if (!(DATASET_NAMES as readonly string[]).includes(dataset))
    throw new UsageError(`--dataset must be one of ${DATASET_NAMES.join(', ')}, got ${JSON.stringify(dataset)}`);
  if (c !== 1 || h !== 28 || w !== 28)
    throw new UsageError(
      `--dataset digits gives [N, 1, 28, 28] images, but ${entry.id} takes [N, ${c}, ${h}, ${w}]: use a digits model (${modelIdsFor('digits').join(', ')}) or --data`,
    );
  const d = digitsOnce();
  return { train: d.train, test: d.test, source: 'digits' };
}
