/**
 * What the Runner hands to its parent after a run: the result (logits, top-5, what the model saw)
 * and a handle for follow-up requests on the same model and input (feature maps of a layer, a
 * profile). A handle refuses to answer once the model, weights or input changed, so a chart can
 * never mix a new model's feature maps with an old prediction.
 */
import { FLOAT32_BYTES, footprint } from '../arch/footprint';
import type { Graph } from '../arch/ir';
import type { EvaluateOptions, Evaluation } from '../runtime/evaluate';
import type { LabelledImages } from '../train/types';
import { memoryRefusal } from '../runtime/run-guard';
import type { BackendName } from '../runtime/backend';
import type { FeatureMap } from '../runtime/featuremaps';
import type { Prediction, RgbaImage } from '../runtime/imagenet';
import type { LabProfile } from './profile-stats';
import type { ExplainRequest, ExplainResult } from '../explain/request';
import type { JobRequest } from '../runtime/job';
import type { CellGradient } from '../explain/effective-rf-run';
import { type EffectiveFieldRequest, type ProfileRequest, type RunSession, StaleSessionError } from './session';

/** What a run's weights were: seeded random, a file (or /train handoff) by name, or a model's shipped trained weights. */
export type WeightsLabel =
  | { readonly kind: 'seeded'; readonly seed: number }
  | { readonly kind: 'file'; readonly name: string }
  | { readonly kind: 'shipped'; readonly id: string; readonly name: string };

export interface LabHandle {
  readonly graph: Graph;
  readonly backend: BackendName;
  /** The threads the backend computes on (WASM's pool; 1 elsewhere), for the run guard's time estimates. */
  readonly threads?: number;
  /** Square input size of the run. */
  readonly inputSize: number;
  readonly weights: WeightsLabel;
  /** False once the model, weights or input changed (or the Runner unmounted). */
  isCurrent(): boolean;
  /** Activations of one layer (node name) for this run's input. Rejects with StaleSessionError. */
  featureMaps(layer: string): Promise<FeatureMap>;
  /** Per-layer profile on the current backend; `size` defaults to the run's input size. */
  profile(req?: ProfileRequest): Promise<LabProfile>;
  /** Accuracy and confusion of this run's model and weights on `data` (the digits test split). */
  evaluate(data: LabelledImages, options?: EvaluateOptions): Promise<Evaluation>;
  /** Grad-CAM / saliency / SmoothGrad of this run's prediction (lib/explain), as a job with its tensor check. */
  explain(req: ExplainRequest & Pick<JobRequest, 'onStart' | 'onTensors'>): Promise<ExplainResult>;
  /**
   * The input gradient of one unit of a layer for this run's input (its effective receptive
   * field). Absent where the view has no model of its own to differentiate (the training lab).
   */
  effectiveField?(req: EffectiveFieldRequest): Promise<CellGradient>;
}

export interface RunResult extends LabHandle {
  readonly logits: Float32Array;
  readonly top5: readonly Prediction[];
  /** True with seeded random weights: the predictions mean nothing. */
  readonly randomWeights: boolean;
  /** Forward-pass wall time incl. read-back, ms. */
  readonly ms: number;
  /** The centre crop the model saw, as RGBA at the input size. */
  readonly inputPreview: RgbaImage;
}

export function makeHandle(session: RunSession, graph: Graph, weights: WeightsLabel): LabHandle {
  const version = session.version;
  const isCurrent = () => !session.isDisposed && session.version === version;
  const check = (what: string) => {
    if (!isCurrent()) throw new StaleSessionError(what);
  };
  return {
    graph,
    backend: session.backend.backend,
    threads: session.backend.threads?.count ?? 1,
    inputSize: graph.input[1],
    weights,
    isCurrent,
    async featureMaps(layer) {
      check(`feature maps of ${layer}`);
      // One more pass of the model that just ran (its time was agreed to at Run), holding the
      // layer's output and its NCHW copy as well: refuse only what cannot fit.
      const node = graph.nodes.find((n) => n.name === layer);
      const held = node ? 2 * FLOAT32_BYTES * node.outShape.reduce((a, b) => a * b, 1) : 0;
      const refusal = memoryRefusal(footprint(graph), session.backend.backend, held);
      if (refusal) throw new Error(refusal.message);
      const maps = await session.featureMaps([layer]);
      const m = maps.get(layer);
      if (!m) throw new Error(`no layer named "${layer}" in ${graph.id}`);
      return m;
    },
    async profile(req = {}) {
      check('profile');
      return session.profile(req);
    },
    async evaluate(data, options = {}) {
      check('test accuracy');
      return session.evaluate(data, options);
    },
    async explain(req) {
      check('explanation');
      return session.explain(req);
    },
    async effectiveField(req) {
      check(`effective receptive field in ${req.layer}`);
      return session.effectiveField(req);
    },
  };
}
