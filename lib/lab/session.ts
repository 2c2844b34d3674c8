/**
 * A run session: everything the lab's "run" half holds on the tfjs side, in one disposable object.
 *
 *   backend  — the tfjs backend in use (global in tfjs; the session follows it)
 *   model    — the Model for the current graph + weights (owns the weight tensors)
 *   input    — the current input tensor [1, S, S, 3] at the graph's input size
 *
 * plus the plain-JS sources they were made from (the graph, the weights choice, the RGBA input
 * image), so that when a GPU backend fails or loses its context, or another widget's job left
 * tfjs elsewhere, the session can rebuild model and input on the right backend without the reader
 * choosing anything again.
 *
 * The model, the input and their sources live in a SessionModel (session-model.ts). Every
 * operation is a job of the runtime's page-wide queue (lib/runtime/job.ts): a run requested while
 * a profile is in flight, or while another widget measures, waits for it, so two forward passes
 * never interleave on the GPU. Backends follow the runtime's one policy (backend-policy.ts).
 *
 * Browser-only in practice (it also runs in Node on cpu/wasm, which the tests use). tfjs and the
 * runtime are loaded with import() (runtime-loader.ts).
 */
import type * as TF from '@tensorflow/tfjs';
import type { Graph } from '../arch/ir';
import type { Dataset } from '../arch/registry';
import type { EvaluateOptions, Evaluation } from '../runtime/evaluate';
import type { LabelledImages } from '../train/types';
import { DIGIT_CLASSES } from './digits-input';
import type { BackendInfo, BackendLostEvent } from '../runtime/backend';
import type { BackendChoice, BackendName } from '../runtime/backend-names';
import { switchNotice } from '../runtime/backend-policy';
import { enqueue } from '../runtime/job-queue';
import type { JobRequest } from '../runtime/job';
import { throwIfCancelled, yieldToPage } from '../runtime/cancel';
import type { CellGradient, CellGradientRequest } from '../explain/effective-rf-run';
import { footprint } from '../arch/footprint';
import { memoryRefusal } from '../runtime/run-guard';
import { recordThroughput } from '../runtime/throughput';
import type { Model } from '../runtime/executor';
import type { FeatureMap } from '../runtime/featuremaps';
import { explainRefusal } from '../explain/footprint';
import { type ExplainRequest, type ExplainResult, gradientGroupConv } from '../explain/request';
import { convKind } from '../arch/conv-kind';
import type { Prediction, RgbaImage } from '../runtime/imagenet';
import type { TimedOutput } from '../runtime/timing';
import type { Phase } from './progress';
import { type LabProfile, toLabProfile } from './profile-stats';
import { graphSize, resizeGraph } from './resize-graph';
import { loadRuntime, type Runtime } from './runtime-loader';
import { inputPreview, inputTensor } from './session-input';
import { SessionModel } from './session-model';
import { type LoadOutcome, type WeightsSource, readStateDict } from './weights-source';

export type { BackendChoice } from '../runtime/backend-names';
export type { LoadOutcome, WeightsSource } from './weights-source';
export { loadRuntime, type LabDebugHook } from './runtime-loader';
export { resizeFor } from './session-input';

export interface RunOutput {
  readonly logits: Float32Array;
  readonly top5: readonly Prediction[];
  /** Wall-clock ms of the forward pass incl. reading the logits back. */
  readonly ms: number;
  /** What the model saw: the centre crop at the input size, de-normalised to RGBA. */
  readonly inputPreview: RgbaImage;
}

export interface ProfileRequest {
  /** Square input size; default the graph's own. */
  readonly size?: number;
  readonly warmup?: number;
  readonly repeats?: number;
  readonly onProgress?: (done: number, total: number) => void;
  /** Cancels the profile (CancelledError): before it starts, or between passes. */
  readonly signal?: AbortSignal | null;
}

export interface SessionHooks {
  /** A phase started or advanced (fraction 0..1 when known). */
  readonly onPhase?: (phase: Phase, fraction?: number) => void;
  /** The backend changed without being asked (failure or lost context); `message` says why. */
  readonly onBackendFallback?: (info: BackendInfo, message: string) => void;
}

/** What a job reports to the widget that asked for it (useTfjsJob's hooks). */
type JobReport = Pick<JobRequest, 'onStart' | 'onTensors'>;

/** One unit's effective field, as a widget's job: its cancel signal, hooks and progress. */
export interface EffectiveFieldRequest extends CellGradientRequest, JobReport {
  readonly signal?: AbortSignal | null;
  readonly onProgress?: (done: number, total: number) => void;
}

/** A handle (RunResult, feature maps) made before the model or input changed. */
export class StaleSessionError extends Error {
  constructor(what: string) {
    super(`${what}: the model, its weights or the input changed since this result was made; run the model again`);
    this.name = 'StaleSessionError';
  }
}

const GPU_BACKENDS: readonly BackendName[] = ['webgpu', 'webgl'];

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export class RunSession {
  private readonly rt: Runtime;
  private readonly hooks: SessionHooks;
  private choice: BackendChoice;
  private info: BackendInfo;
  private readonly held: SessionModel;
  private disposed = false;
  private readonly unsubscribe: () => void;

  private constructor(rt: Runtime, choice: BackendChoice, info: BackendInfo, hooks: SessionHooks) {
    this.rt = rt;
    this.choice = choice;
    this.info = info;
    this.hooks = hooks;
    this.held = new SessionModel(rt, hooks.onPhase);
    this.unsubscribe = rt.backend.onBackendLost((e) => this.backendLost(e));
  }

  /** Loads tfjs and starts a backend (the chosen one, else the next that works). */
  static async open(choice: BackendChoice, hooks: SessionHooks = {}): Promise<RunSession> {
    hooks.onPhase?.('tfjs', 0);
    const rt = await loadRuntime();
    hooks.onPhase?.('tfjs', 0.6);
    return rt.job.runTfjsJob({ backend: choice }, async ({ backend }) => {
      hooks.onPhase?.('tfjs', 1);
      return new RunSession(rt, choice, backend, hooks);
    });
  }

  get backend(): BackendInfo {
    return this.info;
  }
  get graph(): Graph | null {
    return this.held.graph;
  }
  get weights(): WeightsSource | null {
    return this.held.weights;
  }
  /** The RGBA image the current input tensor was made from. */
  get image(): RgbaImage | null {
    return this.held.image;
  }
  /** Whose input convention the image is made into. */
  get dataset(): Dataset {
    return this.held.dataset;
  }
  /** Bumped whenever model, weights or input change; handles compare it to detect staleness. */
  get version(): number {
    return this.held.version;
  }
  get hasModel(): boolean {
    return this.held.model !== null && this.held.input !== null;
  }
  get isDisposed(): boolean {
    return this.disposed;
  }

  /** The runtime's tensor count: back to its pre-session value after dispose(). */
  numTensors(): number {
    return this.rt.tensors.numTensors();
  }

  /**
   * Runs `fn` as a job of the page-wide queue on this session's backend. When tfjs is not on the
   * backend the model was built on (another widget's job, a reset, a fallback), rebuilds first.
   */
  private job<T>(fn: () => Promise<T>, signal?: AbortSignal | null, hooks: Pick<JobRequest, 'onStart' | 'onTensors'> = {}): Promise<T> {
    return this.rt.job.runTfjsJob({ backend: this.choice, signal, onStart: hooks.onStart, onTensors: hooks.onTensors }, async ({ backend }) => {
      this.live();
      if (backend.backend !== this.info.backend || this.rt.tf.backend() !== this.held.instance) {
        this.info = backend;
        await this.held.rebuild();
      }
      return fn();
    });
  }

  private live(): void {
    if (this.disposed) throw new Error('this run session has been disposed');
  }

  /** Switches to a chosen backend and rebuilds model and input there. */
  setBackend(choice: BackendChoice): Promise<BackendInfo> {
    if (!this.disposed && choice !== this.choice) this.hooks.onPhase?.('tfjs', 0);
    this.choice = choice;
    return this.job(async () => this.info);
  }

  /**
   * Builds the model for `graph` with `weights`. When the weights don't fit the graph, returns
   * their issues; the previous model stays if the graph is unchanged, otherwise there is none.
   */
  load(graph: Graph, weights: WeightsSource): Promise<LoadOutcome> {
    return this.job(async () => {
      // The callers ask the run guard first; this keeps any caller from building weights that
      // cannot fit (making them would freeze the tab long before tfjs ran out of memory).
      const refusal = memoryRefusal(footprint(graph), this.info.backend);
      if (refusal) throw new Error(refusal.message);
      const h = this.held;
      if (h.graph === graph && h.model !== null) return this.replaceWeights(weights);
      const sd = await h.readWeights(graph, weights);
      h.disposeModel();
      h.graph = graph;
      if (!sd.ok) {
        h.bump();
        return sd;
      }
      await this.withFallback('building the model', async () => h.build(graph, sd.sd));
      h.weights = weights;
      h.remakeInput();
      h.bump();
      return { ok: true };
    });
  }

  /** Frees the model and input tensors (e.g. when the graph changes and nothing needs them yet). */
  unload(): Promise<void> {
    // No backend needed to free tensors: a plain job of the queue.
    return enqueue(async () => {
      if (this.disposed) return;
      this.held.release();
      this.held.graph = null;
      this.held.bump();
    });
  }

  /** Replaces the weights of the current model; on failure the previous weights stay loaded. */
  setWeights(weights: WeightsSource): Promise<LoadOutcome> {
    return this.job(async () => this.replaceWeights(weights));
  }

  /**
   * Sets the input image (RGBA, any size: it is resized and centre-cropped like torchvision), or
   * for a digits model a grey test digit, used as is.
   */
  setInput(image: RgbaImage, dataset: Dataset = 'imagenet'): Promise<void> {
    return this.job(async () => {
      this.held.image = image;
      this.held.dataset = dataset;
      this.held.remakeInput();
      this.held.bump();
    });
  }

  /** One forward pass: logits, top-5 and what the model saw. The first on a model is warmed up first. */
  run(): Promise<RunOutput> {
    return this.job(() =>
      this.withFallback('running the model', async () => {
        const { model, input } = this.ready();
        const timed: TimedOutput[] = [];
        // The runtime's timed warm pass: the first pass of a model compiles shaders and allocates
        // (and builds the folded conv+BN filters); keep it out of the reported time.
        await this.rt.timing.warmThenTime({ warmup: this.held.warmed ? 0 : 1, repeats: 1 }, async (recorded) => {
          this.hooks.onPhase?.(recorded ? 'run' : 'warmup', 0);
          const r = await this.rt.timing.timedForward(model, input);
          if (recorded) timed.push(r);
        });
        this.held.warmed = true;
        const { data, ms } = timed[0];
        // The run guard's measured speed for this backend (lib/runtime/throughput.ts).
        recordThroughput(this.info.backend, footprint(this.held.graph as Graph).macs, ms);
        const dataset = this.held.dataset;
        const preview = await inputPreview(this.rt, input, dataset);
        this.hooks.onPhase?.('run', 1);
        const labels = dataset === 'digits' ? DIGIT_CLASSES : undefined;
        return { logits: data, top5: this.rt.imagenet.topK(data, 5, labels), ms, inputPreview: preview };
      }),
    );
  }

  /** Activations of `layers` for the current input (one forward pass, NCHW Float32Arrays). */
  featureMaps(layers: readonly string[]): Promise<Map<string, FeatureMap>> {
    return this.job(() =>
      this.withFallback('reading feature maps', async () => {
        const { model, input } = this.ready();
        this.hooks.onPhase?.('featuremaps', 0);
        const r = await this.rt.featuremaps.readFeatureMaps(model, input, layers);
        this.hooks.onPhase?.('featuremaps', 1);
        return r.maps;
      }),
    );
  }

  /**
   * A gradient explanation (Grad-CAM, saliency, SmoothGrad; lib/explain) of the loaded model's
   * prediction for the current input, as one job of the page's queue: cancelled by `req.signal`
   * (SmoothGrad between copies), its tensor check reported through `onStart` / `onTensors`.
   * Refused with the run guard's numbers when the tape would not fit the backend.
   */
  explain(req: ExplainRequest & Pick<JobRequest, 'onStart' | 'onTensors'>): Promise<ExplainResult> {
    return this.job(
      () =>
        this.withFallback('explaining the prediction', async () => {
          const refusal = explainRefusal(this.held.graph as Graph, this.info.backend);
          if (refusal) throw new Error(refusal);
          const { explain } = await import('../explain/run');
          return this.withGradientModel((model, input) => explain(model, input, req));
        }),
      req.signal,
      req,
    );
  }

  /**
   * The effective receptive field of one unit of a layer for the current input: |∂y/∂x| summed
   * over the input channels (lib/explain/effective-rf-run.ts, loaded when first asked), as a job
   * of the page's queue that reports its tensors like a widget's job; cancelled between phases.
   */
  effectiveField(req: EffectiveFieldRequest): Promise<CellGradient> {
    return this.job(
      () =>
        this.withFallback('computing the effective receptive field', async () => {
          this.ready();
          // The same tape as an explanation's: refused with the run guard's numbers when it cannot fit.
          const refusal = explainRefusal(this.held.graph as Graph, this.info.backend);
          if (refusal) throw new Error(refusal);
          const erf = await import('../explain/effective-rf-run');
          // Let the page paint "Computing…" (and take a Cancel) before the synchronous backward.
          await yieldToPage();
          throwIfCancelled(req.signal ?? null);
          return this.withGradientModel((model, input) =>
            erf.cellInputGradient(model, input, req, { check: () => throwIfCancelled(req.signal ?? null), onProgress: req.onProgress }),
          );
        }),
      req.signal,
      req,
    );
  }

  /**
   * Accuracy and confusion of the loaded model and weights on a labelled set (the digits test
   * split), through the same fused Model as every run (lib/runtime/evaluate.ts), as one job of the
   * page's queue; cancelled between batches by `options.signal`.
   */
  evaluate(data: LabelledImages, options: EvaluateOptions = {}): Promise<Evaluation> {
    return this.job(
      () =>
        this.withFallback('testing the model', async () => {
          const { model } = this.ready();
          return this.rt.evaluate.evaluateModel(model, data, options);
        }),
      options.signal,
    );
  }

  /** Per-layer profile at a square input size, with costs recomputed for that size. */
  profile(req: ProfileRequest = {}): Promise<LabProfile> {
    return this.job(
      () =>
        this.withFallback('profiling', async () => {
          const { model, input } = this.ready();
          const graph = this.held.graph as Graph;
          const size = req.size ?? graphSize(graph);
          const sized = resizeGraph(graph, size); // throws SpecError when the size vanishes
          const x = size === input.shape[1] ? input : inputTensor(this.rt, this.held.image as RgbaImage, size, this.held.dataset);
          try {
            this.hooks.onPhase?.('profile', 0);
            // The device's roofs are measured once per backend and session (device-peaks.ts):
            // three more steps of progress the first time.
            const peaksCached = this.rt.devicePeaks.cachedPeaks(this.info.backend) !== null;
            const extra = peaksCached ? 0 : 3;
            let passes = 1;
            const progress = (done: number, total: number) => {
              this.hooks.onPhase?.('profile', done / total);
              req.onProgress?.(done, total);
            };
            const p = await this.rt.profiler.profileModel(model, x, {
              warmup: req.warmup,
              repeats: req.repeats,
              signal: req.signal,
              onProgress: (done, total) => {
                passes = total;
                progress(done, total + extra);
              },
            });
            const device = await this.rt.devicePeaks.measurePeaks({ signal: req.signal, onProgress: (done) => progress(passes + done, passes + extra) });
            return toLabProfile(p, sized, device);
          } finally {
            if (x !== input) x.dispose();
          }
        }),
      req.signal,
    );
  }

  /** Frees every tensor the session made and stops listening for backend loss. Idempotent. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.unsubscribe();
    this.held.release();
    this.held.bump();
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Runs a gradient computation on the loaded model, or, for a ResNeXt on wasm, on the same
   * weights with the grouped convs in the form whose input gradient is fast there
   * (lib/explain/request.ts gradientGroupConv: 4.8× the forward instead of 25×), built for this
   * call alone and freed after it.
   */
  private async withGradientModel<T>(fn: (model: Model, input: TF.Tensor4D) => Promise<T>): Promise<T> {
    const { model, input } = this.ready();
    const graph = this.held.graph as Graph;
    const strategy = gradientGroupConv(this.info.backend, model.groupConv);
    const grouped = graph.nodes.some((n) => n.op.kind === 'conv' && convKind(n.op) === 'grouped');
    const sd = strategy && grouped && this.held.weights ? await readStateDict(this.rt, graph, this.held.weights) : null;
    const m = sd?.ok ? this.rt.executor.Model.create(graph, sd.sd, { groupConv: strategy ?? undefined }) : model;
    try {
      return await fn(m, input);
    } finally {
      if (m !== model) m.dispose();
    }
  }

  private ready(): { model: Model; input: TF.Tensor4D } {
    this.live();
    return this.held.ready();
  }

  private async replaceWeights(weights: WeightsSource): Promise<LoadOutcome> {
    const h = this.held;
    const graph = h.graph;
    if (!graph) throw new Error('no model is loaded');
    const sd = await h.readWeights(graph, weights);
    if (!sd.ok) return sd;
    if (!h.model) {
      await this.withFallback('building the model', async () => h.build(graph, sd.sd));
      h.remakeInput();
    } else {
      this.hooks.onPhase?.('build', 0);
      const r = h.model.loadStateDict(sd.sd);
      if (!r.ok) return r;
      h.warmed = false;
    }
    h.weights = weights;
    h.bump();
    return { ok: true };
  }

  /**
   * Runs `fn`; when it fails on a GPU backend (out of memory, a shader that does not compile, a
   * lost context), moves down the backend order (failOver), rebuilds, tells the UI, and tries once
   * more. Errors on wasm/cpu, and errors that are not the backend's fault, propagate unchanged.
   */
  private async withFallback<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      const failed = this.info.backend;
      if (this.disposed || !GPU_BACKENDS.includes(failed) || e instanceof StaleSessionError || (e instanceof Error && e.name === 'SpecError')) throw e;
      const reason = `${errorText(e)}, while ${what}`;
      this.held.release();
      this.info = await this.rt.activeBackend.failOver(failed, reason);
      await this.held.rebuild();
      this.hooks.onBackendFallback?.(this.info, switchNotice(failed, reason, this.info.backend));
      return fn();
    }
  }

  private backendLost(e: BackendLostEvent): void {
    if (this.disposed || e.lost !== this.info.backend) return;
    // The runtime has moved tfjs (and this choice) to the next backend; the job rebuilds there.
    void this.job(async () => {
      this.hooks.onBackendFallback?.(this.info, `${switchNotice(e.lost, e.reason, this.info.backend)} Your input, weights and selections are kept.`);
    }).catch(() => undefined);
  }
}
