/**
 * The training lab's session: trains one or several digits models, one after another, on the
 * page's tfjs runtime, and publishes what the page draws (curves, evaluations, feature maps,
 * throughput) as immutable snapshots.
 *
 * - Models train **sequentially**, not round-robin: each model's ms per step and images/s are then
 *   measured alone (no other model's kernels, caches or memory traffic between its steps), which is
 *   what the comparison plots claim, and the first model's full result arrives as early as possible.
 * - Work runs as jobs of the page-wide queue (lib/runtime/job.ts, through `TrainRuntime.job`), in
 *   slices of about SLICE_MS: TrainingRun.run(n) yields to the page between steps, and the session
 *   publishes once per slice, so the page stays responsive and a Pause takes effect within a slice.
 *   Pause ends the job after the slice in flight and keeps every TrainingRun; Resume starts a new
 *   job. Cancel aborts the step in flight (TrainingRun frees its tensors) and ends the session,
 *   keeping the curves and the weights of every completed step. Reset disposes everything.
 * - Every `evalEvery` steps the model is evaluated on a fixed stratified subset of the test split
 *   (TEST_SUBSET_PER_CLASS per digit, subset.ts) and the feature maps of one fixed test digit are
 *   read for the chosen layer; when a model finishes, the whole test split is evaluated and its
 *   inference time per image measured.
 * - A failure (a backend error, a lost GPU context) stops the session with a message; everything
 *   measured so far stays.
 *
 * Framework-free and tfjs-free: the runtime is injected (runtime.ts holds the real one), so the
 * page loads tfjs only when training starts, and tests can drive the session.
 */
import type { KnobInput } from '@/lib/arch/family';
import type { BackendInfo } from '@/lib/runtime/backend';
import type { BackendChoice } from '@/lib/runtime/backend-names';
import { CancelledError, isCancelled, yieldToPage } from '@/lib/runtime/cancel';
import type { FeatureMap } from '@/lib/runtime/featuremaps';
import type { EvalReport, LabelledImages, StepReport, TrainConfig } from '@/lib/train/types';
import { stratifiedIndices, subsetOf } from './subset';

/** Test images per digit in the subset evaluated while training (10 × 50 = 500 of the 2,000). */
export const TEST_SUBSET_PER_CLASS = 50;
/** Target wall time of one slice of steps between two publications / pause checks. */
export const SLICE_MS = 250;
/** Index, in the test split, of the digit whose feature maps are shown (a fixed one, so maps are comparable over time). */
export const FEATURE_DIGIT_INDEX = 0;

/** One network to train: a registered digits model, as registered or with some knobs changed (knobs.ts). */
export interface TrainModel {
  /** Unique in a session: the training slot (`densenet_digits`, or `densenet_digits-b` for a second variant). */
  readonly key: string;
  /** The registered model id. */
  readonly id: string;
  /** Knob overrides in lib/arch's terms (`{ growthRate: 24 }`); empty: the model as registered. */
  readonly knobs: KnobInput;
  /** The changed knobs in words (`k=24 · blocks=6,6,6`); empty when none. */
  readonly variant: string;
  /** How the page names it: `densenet_digits (k=24)`. */
  readonly label: string;
  /** The changed knobs as the model lab's query (`k=24&blocks=6%2C6%2C6`), so the lab builds the same network. */
  readonly labQuery: string;
}

export interface RunHandle {
  readonly stepsDone: number;
  run(n: number, options: { signal?: AbortSignal; onStep?: (r: StepReport) => void }): Promise<StepReport[]>;
  evaluate(data: LabelledImages, options?: { signal?: AbortSignal; batchSize?: number }): Promise<EvalReport & { predictions: Int32Array }>;
  toSafetensors(): Promise<Uint8Array>;
  dispose(): void;
}

export interface Inspection {
  readonly map: FeatureMap | null;
  /** Median inference time of one image (batch of 1), ms; null when not measured. */
  readonly msPerImage: number | null;
}

export interface DigitsData {
  readonly train: LabelledImages;
  readonly test: LabelledImages;
}

/** What the session needs from tfjs and the trainer (runtime.ts: the real one). */
export interface TrainRuntime {
  loadData(onProgress: (fraction: number) => void): Promise<DigitsData>;
  /** Runs `body` as a job of the page-wide queue on the chosen backend. */
  job<T>(backend: BackendChoice, signal: AbortSignal, body: (backend: BackendInfo) => Promise<T>): Promise<T>;
  /**
   * Builds the trainable model on the job's backend; throws, with a sentence, when the network
   * cannot train there (the run guard: too big for the backend's memory).
   */
  createRun(model: TrainModel, config: TrainConfig, data: DigitsData, backend: BackendInfo): RunHandle;
  /** Feature maps of `layer` for one image through the fused inference path (and, with `time`, its ms per image). */
  inspect(run: RunHandle, model: TrainModel, image: LabelledImages, layer: string | null, time: boolean, signal: AbortSignal): Promise<Inspection>;
  /** Called when the browser takes the GPU backend away; returns the unsubscribe. */
  onBackendLost(listener: (message: string) => void): () => void;
}

export type Phase = 'idle' | 'loading' | 'training' | 'paused' | 'done' | 'cancelled' | 'failed';
export type ModelStatus = 'waiting' | 'warming' | 'training' | 'paused' | 'done' | 'stopped' | 'failed';

export interface EvalPoint {
  /** Steps done when evaluated. */
  readonly step: number;
  readonly accuracy: number;
  readonly n: number;
}

export interface LastEval extends EvalReport {
  readonly step: number;
  readonly predictions: Int32Array;
  /** True: the whole test split; false: the fixed subset. */
  readonly full: boolean;
  /** Labels of the evaluated images (to name the misclassified ones). */
  readonly labels: Int32Array;
}

export interface ModelRecord extends TrainModel {
  readonly status: ModelStatus;
  readonly steps: readonly StepReport[];
  readonly evals: readonly EvalPoint[];
  readonly lastEval: LastEval | null;
  /** Accuracy on the whole test split once the model finished (or was stopped and evaluated). */
  readonly final: EvalPoint | null;
  readonly msPerImage: number | null;
  /** The last feature maps read: after `step` steps, of the feature digit of version `digit`. */
  readonly featureMap: { readonly step: number; readonly map: FeatureMap; readonly digit: number } | null;
  /** Whether the weights can still be saved (false after the GPU context holding them was lost). */
  readonly weightsAvailable: boolean;
}

export interface Progress {
  readonly label: string;
  readonly done: number;
  readonly total: number;
}

export interface SessionSnapshot {
  readonly phase: Phase;
  readonly progress: Progress | null;
  readonly models: readonly ModelRecord[];
  /** Index of the model training (or next to train). */
  readonly current: number;
  readonly backend: BackendInfo | null;
  /** Why the session stopped, when it failed. */
  readonly error: string | null;
  readonly config: TrainConfig;
  /** The images the curve's test points were measured on. */
  readonly testSubsetSize: number;
  /** The evaluated image sets once loaded (to draw the misclassified digits), and the feature-map digit. */
  readonly sets: { readonly subset: LabelledImages; readonly test: LabelledImages; readonly digit: LabelledImages } | null;
  /** What the feature maps are read on (setFeatureDigit), and a version that changes with it. */
  readonly featureDigit: FeatureDigit & { readonly version: number };
}

/** The digit the feature maps show: a test digit (FEATURE_DIGIT_INDEX at first) or one the reader drew on the digit pad. */
export type FeatureDigit = { readonly kind: 'test'; readonly index: number; readonly label: number } | { readonly kind: 'drawn' };

export interface SessionOptions {
  readonly models: readonly TrainModel[];
  readonly config: TrainConfig;
  readonly backend: BackendChoice;
  /** Steps between two test evaluations. */
  readonly evalEvery: number;
  /** The layer whose feature maps are shown at first, per model (null: none); featureMapFor changes it. */
  readonly layerOf: (model: TrainModel) => string | null;
}

interface Mutable {
  readonly model: TrainModel;
  status: ModelStatus;
  steps: StepReport[];
  evals: EvalPoint[];
  lastEval: LastEval | null;
  final: EvalPoint | null;
  msPerImage: number | null;
  featureMap: { step: number; map: FeatureMap; digit: number } | null;
  weightsAvailable: boolean;
  run: RunHandle | null;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export class TrainSession {
  private readonly records: Mutable[];
  private phase: Phase = 'idle';
  private progress: Progress | null = null;
  private current = 0;
  private backend: BackendInfo | null = null;
  private error: string | null = null;
  private data: DigitsData | null = null;
  private subset: LabelledImages | null = null;
  private digit: LabelledImages | null = null;
  private featureDigit: FeatureDigit = { kind: 'test', index: FEATURE_DIGIT_INDEX, label: -1 };
  private digitVersion = 0;
  private ctrl: AbortController | null = null;
  private pauseRequested = false;
  private active: Promise<void> | null = null;
  private disposed = false;
  private snapshot: SessionSnapshot;
  private readonly listeners = new Set<() => void>();
  private unwatch: (() => void) | null = null;
  /** Ends the running job at once, without waiting for the step in flight (see lost()). */
  private abandon: ((e: Error) => void) | null = null;
  private readonly layers = new Map<string, string | null>();
  /** Feature-map requests for a layer other than the one read last, answered at the next read. */
  private readonly waiting: Array<{ key: string; layer: string; resolve: (m: FeatureMap) => void; reject: (e: unknown) => void }> = [];

  constructor(
    private readonly rt: TrainRuntime,
    private readonly options: SessionOptions,
  ) {
    if (options.models.length === 0) throw new Error('choose at least one model to train');
    const keys = new Set(options.models.map((m) => m.key));
    if (keys.size !== options.models.length) throw new Error('each model of a training needs a key of its own');
    this.records = options.models.map((model) => ({
      model,
      status: 'waiting',
      steps: [],
      evals: [],
      lastEval: null,
      final: null,
      msPerImage: null,
      featureMap: null,
      weightsAvailable: true,
      run: null,
    }));
    for (const m of options.models) this.layers.set(m.key, options.layerOf(m));
    this.snapshot = this.makeSnapshot();
  }

  // ---- observing (useSyncExternalStore) ------------------------------------------------------

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): SessionSnapshot => this.snapshot;

  private publish(): void {
    this.snapshot = this.makeSnapshot();
    for (const l of this.listeners) l();
  }

  private makeSnapshot(): SessionSnapshot {
    return {
      phase: this.phase,
      progress: this.progress,
      current: this.current,
      backend: this.backend,
      error: this.error,
      config: this.options.config,
      testSubsetSize: this.subset?.labels.length ?? TEST_SUBSET_PER_CLASS * 10,
      sets: this.data && this.subset && this.digit ? { subset: this.subset, test: this.data.test, digit: this.digit } : null,
      featureDigit: { ...this.featureDigit, version: this.digitVersion },
      models: this.records.map((r) => ({
        ...r.model,
        status: r.status,
        steps: r.steps.slice(),
        evals: r.evals.slice(),
        lastEval: r.lastEval,
        final: r.final,
        msPerImage: r.msPerImage,
        featureMap: r.featureMap,
        weightsAvailable: r.weightsAvailable && r.run !== null,
      })),
    };
  }

  // ---- controls ---------------------------------------------------------------------------------

  /** Starts training, or resumes after a pause. */
  start(): Promise<void> {
    if (this.disposed) return Promise.reject(new Error('the session was reset'));
    if (this.active) return this.active;
    if (this.phase !== 'idle' && this.phase !== 'paused') return Promise.resolve();
    this.pauseRequested = false;
    this.error = null;
    const ctrl = new AbortController();
    this.ctrl = ctrl;
    this.unwatch ??= this.rt.onBackendLost((m) => this.lost(m));
    this.active = this.work(ctrl).finally(() => {
      this.active = null;
      if (this.ctrl === ctrl) this.ctrl = null;
      // Requests for a layer the last read did not cover: read them now, each as a job of its own.
      for (const w of this.waiting.splice(0)) {
        if (this.disposed) w.reject(new Error('the session was reset'));
        else this.featureMapFor(w.key, w.layer).then(w.resolve, w.reject);
      }
    });
    return this.active;
  }

  /** Stops after the slice of steps in flight; start() resumes. */
  pause(): void {
    if (this.phase === 'training' || this.phase === 'loading') this.pauseRequested = true;
  }

  /** Stops at once (the step in flight is dropped and its tensors freed); the session ends. */
  cancel(): void {
    if (this.phase === 'paused') {
      this.finishAs('cancelled');
      return;
    }
    this.ctrl?.abort();
  }

  /** Cancels and disposes every model: tfjs' tensor count goes back to what it was before. */
  async reset(): Promise<void> {
    this.disposed = true;
    this.ctrl?.abort();
    await this.active?.catch(() => undefined);
    this.settleWaiting('', null, new Error('the session was reset'));
    this.unwatch?.();
    this.unwatch = null;
    for (const r of this.records) {
      try {
        r.run?.dispose();
      } catch {
        // A model on a lost GPU context may not dispose cleanly; its tensors are gone with it.
      }
      r.run = null;
    }
    this.listeners.clear();
  }

  /** The backend the reader asked for ('auto' or one backend). */
  get backendChoice(): BackendChoice {
    return this.options.backend;
  }

  get isRunning(): boolean {
    return this.active !== null;
  }

  /** The .safetensors bytes of a model's weights as they are now (torchvision keys, whole state_dict). */
  async weights(key: string): Promise<{ bytes: Uint8Array; steps: number }> {
    const r = this.records.find((x) => x.model.key === key);
    if (!r?.run || !r.weightsAvailable) throw new Error(`${r?.model.label ?? key} has no weights to save`);
    const run = r.run;
    const ctrl = new AbortController();
    const bytes = await this.rt.job(this.options.backend, ctrl.signal, () => run.toSafetensors());
    return { bytes, steps: run.stepsDone };
  }

  /**
   * Reads the feature maps (and so the pictures of what each model has learnt) on another digit
   * from now on: a test digit or the reader's drawing (28×28, [0, 1], white on black; the digit
   * pad's output). Maps already shown are read again on it at the next request (featureMapFor), at
   * once when idle, at the next evaluation while training.
   */
  setFeatureDigit(pixels: Float32Array, digit: FeatureDigit): void {
    if (pixels.length !== 28 * 28) throw new RangeError(`a feature digit is 28×28 (784 values), not ${pixels.length}`);
    this.digit = { images: Float32Array.from(pixels), shape: [1, 1, 28, 28], labels: Int32Array.of(digit.kind === 'test' ? digit.label : -1) };
    this.featureDigit = digit;
    this.digitVersion++;
    this.publish();
  }

  /**
   * The feature maps of `layer` for the model's weights as they are now. While the session trains,
   * the layer becomes the one read at the next evaluation and the promise settles then; otherwise
   * it is read at once, as a job of its own.
   */
  featureMapFor(key: string, layer: string): Promise<FeatureMap> {
    const r = this.records.find((x) => x.model.key === key);
    if (!r) return Promise.reject(new Error(`${key} is not part of this training`));
    this.layers.set(key, layer);
    const have = r.featureMap?.map;
    if (have && have.name === layer && r.featureMap!.step === (r.run?.stepsDone ?? -1) && r.featureMap!.digit === this.digitVersion)
      return Promise.resolve(have);
    if (!r.run || !this.digit) return Promise.reject(new Error('the feature maps appear once the model has trained a step'));
    if (!r.weightsAvailable) return Promise.reject(new Error('the weights were lost with the GPU context'));
    if (this.active) return new Promise((resolve, reject) => this.waiting.push({ key, layer, resolve, reject }));
    const run = r.run;
    const ctrl = new AbortController();
    const digit = this.digit;
    const version = this.digitVersion;
    return this.rt
      .job(this.options.backend, ctrl.signal, () => this.rt.inspect(run, r.model, digit, layer, false, ctrl.signal))
      .then(({ map }) => {
        if (!map) throw new Error(`no layer named ${layer}`);
        r.featureMap = { step: run.stepsDone, map, digit: version };
        return map;
      });
  }

  /** Answers the feature-map requests a read just satisfied (or failed). */
  private settleWaiting(key: string, map: FeatureMap | null, error?: unknown): void {
    for (let i = this.waiting.length - 1; i >= 0; i--) {
      const w = this.waiting[i];
      if (w.key !== key && error === undefined) continue;
      this.waiting.splice(i, 1);
      if (map && map.name === w.layer) w.resolve(map);
      else w.reject(error ?? new Error('the layer changed again before its maps were read'));
    }
  }

  // ---- the work -----------------------------------------------------------------------------

  private setProgress(label: string, done: number, total: number): void {
    this.progress = { label, done, total };
  }

  private async work(ctrl: AbortController): Promise<void> {
    const { signal } = ctrl;
    try {
      if (!this.data) {
        this.phase = 'loading';
        this.setProgress('Loading the digits dataset', 0, 1);
        this.publish();
        this.data = await this.rt.loadData((f) => {
          this.setProgress('Loading the digits dataset', f, 1);
          this.publish();
        });
        this.subset = subsetOf(this.data.test, stratifiedIndices(this.data.test.labels, TEST_SUBSET_PER_CLASS));
        // The reader may have chosen or drawn a digit while the data loaded: that one stays.
        if (!this.digit) {
          this.digit = subsetOf(this.data.test, Int32Array.of(FEATURE_DIGIT_INDEX));
          this.featureDigit = { kind: 'test', index: FEATURE_DIGIT_INDEX, label: this.digit.labels[0] };
        }
        if (this.pauseRequested) return this.pauseNow();
      }
      this.phase = 'training';
      this.publish();
      const abandoned = new Promise<never>((_, reject) => (this.abandon = reject));
      abandoned.catch(() => undefined);
      await this.rt.job(this.options.backend, signal, (info) => {
        this.backend = info;
        // A step in flight on a lost GPU context may never settle: the job ends anyway (abandoned),
        // so the page-wide queue moves on.
        return Promise.race([this.trainAll(signal), abandoned]);
      });
      if (this.pauseRequested && this.current < this.records.length) return this.pauseNow();
      this.finishAs('done');
    } catch (e) {
      if (this.disposed) return;
      if (isCancelled(e) || signal.aborted) {
        if (this.error) this.finishAs('failed');
        else this.finishAs('cancelled');
      } else {
        this.error ??= `Training stopped: ${message(e)}`;
        this.finishAs('failed');
      }
    }
  }

  private async trainAll(signal: AbortSignal): Promise<void> {
    for (; this.current < this.records.length; this.current++) {
      const done = await this.trainOne(this.records[this.current], signal);
      if (!done) return; // paused
    }
  }

  private pauseNow(): void {
    this.phase = 'paused';
    const r = this.records[this.current];
    if (r && (r.status === 'training' || r.status === 'warming')) r.status = 'paused';
    this.progress = r?.run
      ? { label: `Paused at step ${r.run.stepsDone} of ${this.options.config.steps}`, done: r.run.stepsDone, total: this.options.config.steps }
      : null;
    this.publish();
  }

  private finishAs(phase: 'done' | 'cancelled' | 'failed'): void {
    this.phase = phase;
    for (const r of this.records) {
      if (r.status === 'training' || r.status === 'warming' || r.status === 'paused') r.status = phase === 'failed' ? 'failed' : 'stopped';
    }
    this.progress = null;
    this.unwatch?.();
    this.unwatch = null;
    if (phase === 'failed') this.settleWaiting('', null, new Error(this.error ?? 'the training failed'));
    if (!this.disposed) this.publish();
  }

  /** The browser took the GPU away: the models' weights went with it. Stop, keep what was measured. */
  private lost(reason: string): void {
    if (!this.active) return;
    this.error = `${reason} Training stopped; the curves so far are kept. Reset and train again (it will use the next backend).`;
    for (const r of this.records) if (r.run) r.weightsAvailable = false;
    this.ctrl?.abort();
    this.abandon?.(new CancelledError('the backend was lost'));
  }

  /** Trains one model to the planned steps (true) or until a pause (false). */
  private async trainOne(r: Mutable, signal: AbortSignal): Promise<boolean> {
    const { config, evalEvery } = this.options;
    const total = config.steps;
    const data = this.data!;
    if (!r.run) {
      r.status = 'warming';
      this.setProgress(`Warming up ${r.model.label}: building the trainable model`, 0, total);
      this.publish();
      r.run = this.rt.createRun(r.model, config, data, this.backend!);
    }
    const run = r.run;
    let msPerStep = 0;
    while (run.stepsDone < total) {
      if (this.pauseRequested) return false;
      const warm = run.stepsDone === 0;
      if (warm) {
        r.status = 'warming';
        this.setProgress(`Warming up ${r.model.label}: the first step compiles the kernels`, 0, total);
      } else {
        r.status = 'training';
      }
      this.publish();
      const toEval = evalEvery - (run.stepsDone % evalEvery);
      const n = warm ? 1 : Math.max(1, Math.min(total - run.stepsDone, toEval, msPerStep > 0 ? Math.round(SLICE_MS / msPerStep) : 1));
      const t0 = now();
      await run.run(n, { signal, onStep: (s) => r.steps.push(s) });
      if (!warm) msPerStep = (now() - t0) / n;
      r.status = 'training';
      this.setProgress(`Training ${r.model.label}: step ${run.stepsDone} of ${total}`, run.stepsDone, total);
      if (run.stepsDone % evalEvery === 0 && run.stepsDone < total) await this.evaluate(r, run, false, signal);
      this.publish();
      // A step's work and its read-back settle in microtasks on WASM and the CPU: give the page a
      // task boundary, so it paints the new numbers and handles a click (Pause) before the next slice.
      await yieldToPage();
    }
    await this.evaluate(r, run, true, signal);
    r.status = 'done';
    this.publish();
    return true;
  }

  /**
   * The curve's test point on the fixed subset; when `final`, also the whole test split (the
   * accuracy reported, compared and shown in the confusion matrix) and the inference time per image.
   */
  private async evaluate(r: Mutable, run: RunHandle, final: boolean, signal: AbortSignal): Promise<void> {
    const steps = this.options.config.steps;
    const sets: Array<[LabelledImages, boolean]> = [[this.subset!, false], ...(final ? [[this.data!.test, true] as [LabelledImages, boolean]] : [])];
    for (const [data, full] of sets) {
      this.setProgress(
        full
          ? `Evaluating ${r.model.label} on the whole test split (${data.labels.length} images)`
          : `Evaluating ${r.model.label} on ${data.labels.length} test images`,
        run.stepsDone,
        steps,
      );
      this.publish();
      const report = await run.evaluate(data, { signal });
      const point = { step: run.stepsDone, accuracy: report.accuracy, n: report.n };
      if (full) r.final = point;
      else r.evals.push(point);
      r.lastEval = { ...report, step: run.stepsDone, full, labels: data.labels };
    }
    if (final) this.setProgress(`Measuring ${r.model.label}'s inference time per image`, run.stepsDone, steps);
    const { map, msPerImage } = await this.rt.inspect(run, r.model, this.digit!, this.layers.get(r.model.key) ?? null, final, signal);
    r.featureMap = map ? { step: run.stepsDone, map, digit: this.digitVersion } : null;
    this.settleWaiting(r.model.key, map);
    if (msPerImage !== null) r.msPerImage = msPerImage;
  }
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());
