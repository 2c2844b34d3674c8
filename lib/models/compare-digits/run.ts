/**
 * "What each architecture learned": the same digit through every digits model, one after another,
 * each as its own job of the page-wide tfjs queue (lib/runtime/job.ts), so other widgets can run
 * in between and a cancel stops at the next model (or the next check inside one). Each job builds
 * the model, reads back the logits and the comparable layer's maps (layer.ts), and frees all of it
 * before the next model starts. Weights are fetched outside the jobs (the queue is not held while a
 * file downloads); a model without trained weights runs on random ones and says so.
 */
import * as tf from '@tensorflow/tfjs';
import { buildGraph, graphCost } from '@/lib/arch';
import type { BackendInfo } from '@/lib/runtime/backend';
import type { BackendChoice } from '@/lib/runtime/backend-names';
import { isCancelled, throwIfCancelled } from '@/lib/runtime/cancel';
import { Model } from '@/lib/runtime/executor';
import { readFeatureMaps, type FeatureMap } from '@/lib/runtime/featuremaps';
import { softmax } from '@/lib/runtime/imagenet';
import { runTfjsJob } from '@/lib/runtime/job';
import { numTensors, type TensorCheck } from '@/lib/runtime/tensors';
import { heInit } from '@/lib/runtime/weights/he-init';
import type { StateDict } from '@/lib/runtime/weights/types';
import { comparableLayer, type StagePick } from './layer';

/** Trained: the site's shipped weights. Random: He init, with why (no file, or it failed). */
export type RowWeights =
  { readonly kind: 'trained'; readonly testAccuracy: number | null } | { readonly kind: 'random'; readonly seed: number; readonly reason: string };

export interface CompareRow {
  readonly id: string;
  readonly params: number;
  readonly macs: number;
  /** The layer shown: its node, its stage's label, which stage of how many. */
  readonly layer: { readonly node: string; readonly stage: string; readonly index: number; readonly of: number };
  /** Its output, NCHW. */
  readonly map: FeatureMap;
  readonly probabilities: readonly number[];
  readonly predicted: number;
  readonly weights: RowWeights;
  readonly ms: number;
  readonly backend: BackendInfo;
  readonly tensorsBefore: number;
  readonly tensorsAfter: number;
}

export interface CompareRequest {
  readonly ids: readonly string[];
  /** 28·28 values in [0, 1], white on black, row-major (what the digit pad and the test split give). */
  readonly digit: Float32Array;
  readonly pick: StagePick;
  readonly backend: BackendChoice;
  /** Seed of the random weights a model without trained ones gets. */
  readonly seed: number;
  /** The trained weights of a model; throws when there are none or they cannot be read. */
  readonly loadWeights: (id: string, options: { signal?: AbortSignal }) => Promise<StateDict>;
  readonly testAccuracy?: (id: string) => number | null;
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number, label: string) => void;
  /** Each model's row as soon as it is done (the page shows rows as they arrive). */
  readonly onRow?: (row: CompareRow) => void;
  readonly onStart?: (backend: BackendInfo, tensorsBefore: number) => void;
  /** After each model's job: the tensor count before it and after it (lib/runtime/tensors.ts). */
  readonly onTensors?: (check: TensorCheck) => void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export async function compareDigits(req: CompareRequest): Promise<CompareRow[]> {
  const rows: CompareRow[] = [];
  const total = req.ids.length;
  for (const [i, id] of req.ids.entries()) {
    throwIfCancelled(req.signal);
    const graph = buildGraph(id);
    const [c, h, w] = graph.input;
    if (req.digit.length !== c * h * w) throw new RangeError(`${id} reads ${h}×${w}×${c} values, the digit has ${req.digit.length}`);
    req.onProgress?.(i, total, `${id} (${i + 1} of ${total}): weights`);
    let sd: StateDict;
    let weights: RowWeights;
    try {
      sd = await req.loadWeights(id, { signal: req.signal });
      weights = { kind: 'trained', testAccuracy: req.testAccuracy?.(id) ?? null };
    } catch (e) {
      if (isCancelled(e) || req.signal?.aborted) throw e;
      sd = heInit(graph, req.seed);
      weights = { kind: 'random', seed: req.seed, reason: message(e) };
    }
    req.onProgress?.(i + 0.5, total, `${id} (${i + 1} of ${total}): running`);
    const layer = comparableLayer(graph, req.pick);
    const row = await runTfjsJob({ backend: req.backend, signal: req.signal, onStart: req.onStart, onTensors: req.onTensors }, async (ctx) => {
      const model = Model.create(graph, sd);
      try {
        const x = tf.tensor4d(req.digit, [1, h, w, c]);
        try {
          ctx.check();
          const t0 = performance.now();
          const { logits, maps } = await readFeatureMaps(model, x, [layer.node.name]);
          const ms = performance.now() - t0;
          const probabilities = Array.from(softmax(logits));
          return { map: maps.get(layer.node.name)!, probabilities, ms, backend: ctx.backend, tensorsBefore: ctx.tensorsBefore };
        } finally {
          x.dispose();
        }
      } finally {
        model.dispose();
      }
    });
    const { total: cost } = graphCost(graph);
    const done: CompareRow = {
      id,
      params: cost.params,
      macs: cost.macs,
      layer: { node: layer.node.name, stage: layer.stage.label, index: layer.index, of: layer.of },
      map: row.map,
      probabilities: row.probabilities,
      predicted: row.probabilities.indexOf(Math.max(...row.probabilities)),
      weights,
      ms: row.ms,
      backend: row.backend,
      tensorsBefore: row.tensorsBefore,
      tensorsAfter: numTensors(),
    };
    rows.push(done);
    req.onRow?.(done);
    req.onProgress?.(i + 1, total, `${id} (${i + 1} of ${total}): done`);
  }
  return rows;
}
