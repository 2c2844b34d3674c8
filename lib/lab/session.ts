/**
 * A run session: everything the lab's "run" half holds on the tfjs side, in one disposable object.
 *
 *   backend  — the tfjs backend in use (global in tfjs; the session follows it)
 *   model    — the Model for the current graph + weights (owns the weight tensors)
 *   input    — the current input tensor [1, S, S, 3] at the graph's input size
 *
 * plus the plain-JS sources they were made from (the graph, the weights choice, the RGBA input
 * image), so that when a GPU backend fails or loses its context the session can rebuild model and
 * input on the next backend without the reader choosing anything again.
 *
 * Browser-only in practice (it also runs in Node on cpu/wasm, which the tests use). This module
 * imports tfjs and the runtime with import() only, so a client component may import it statically
 * and still paint before the 1.5 MB of tfjs arrive.
 *
 * Operations are serialised: a run requested while a profile is in flight waits for it, so two
 * forward passes never interleave their intermediates on the GPU.
 */
import type * as TF from '@tensorflow/tfjs';
import type { Graph } from '../arch/ir';
import type { BackendInfo, BackendLostEvent, BackendName } from '../runtime/backend';
import type { Model } from '../runtime/executor';
import type { FeatureMap } from '../runtime/featuremaps';
import type { Prediction, RgbaImage } from '../runtime/imagenet';
import type { WeightIssue } from '../runtime/weights/load-state-dict';
import type { StateDict } from '../runtime/weights/types';
import type { Phase } from './progress';
import { type LabProfile, toLabProfile } from './profile-stats';
import { graphSize, resizeGraph } from './resize-graph';

export type BackendChoice = 'auto' | BackendName;

/** Where the weights come from. A file is kept as a Blob (cheap: no copy) so it can be re-read. */
export type WeightsSource = { readonly kind: 'seeded'; readonly seed: number } | { readonly kind: 'file'; readonly name: string; readonly blob: Blob };

export type LoadOutcome = { readonly ok: true } | { readonly ok: false; readonly issues: readonly WeightIssue[] };

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
}

export interface SessionHooks {
  /** A phase started or advanced (fraction 0..1 when known). */
  readonly onPhase?: (phase: Phase, fraction?: number) => void;
  /** The backend changed without being asked (failure or lost context); `message` says why. */
  readonly onBackendFallback?: (info: BackendInfo, message: string) => void;
}

/** A handle (RunResult, feature maps) made before the model or input changed. */
export class StaleSessionError extends Error {
  constructor(what: string) {
    super(`${what}: the model, its weights or the input changed since this result was made; run the model again`);
    this.name = 'StaleSessionError';
  }
}

interface Runtime {
  readonly tf: typeof TF;
  readonly backend: typeof import('../runtime/backend');
  readonly executor: typeof import('../runtime/executor');
  readonly featuremaps: typeof import('../runtime/featuremaps');
  readonly profiler: typeof import('../runtime/profiler');
  readonly imagenet: typeof import('../runtime/imagenet');
  readonly heInit: typeof import('../runtime/weights/he-init');
  readonly safetensors: typeof import('../runtime/weights/safetensors');
  readonly stateDict: typeof import('../runtime/weights/load-state-dict');
}

let runtime: Promise<Runtime> | null = null;

/** tfjs and the runtime, loaded once per page. */
export function loadRuntime(): Promise<Runtime> {
  runtime ??= Promise.all([
    import('@tensorflow/tfjs'),
    import('../runtime/backend'),
    import('../runtime/executor'),
    import('../runtime/featuremaps'),
    import('../runtime/profiler'),
    import('../runtime/imagenet'),
    import('../runtime/weights/he-init'),
    import('../runtime/weights/safetensors'),
    import('../runtime/weights/load-state-dict'),
  ]).then(([tf, backend, executor, featuremaps, profiler, imagenet, heInit, safetensors, stateDict]) => ({
    tf,
    backend,
    executor,
    featuremaps,
    profiler,
    imagenet,
    heInit,
    safetensors,
    stateDict,
  }));
  runtime.then(
    (rt) => exposeLeakCheck(rt.tf),
    // A failed chunk load (offline, deploy in between) should be retryable.
    () => {
      runtime = null;
    },
  );
  return runtime;
}

/** The leak-check hook end-to-end tests read (a page has no other way to reach tfjs' counters). */
export interface LabDebugHook {
  numTensors(): number;
  backend(): string;
}

declare global {
  var __layerwiseLab: LabDebugHook | undefined;
}

/** window.__layerwiseLab.numTensors(): tf.memory().numTensors, for leak checks after unmount. */
function exposeLeakCheck(tf: typeof TF): void {
  if (typeof window === 'undefined') return;
  globalThis.__layerwiseLab = { numTensors: () => tf.memory().numTensors, backend: () => tf.getBackend() };
}

export const GPU_BACKENDS: readonly BackendName[] = ['webgpu', 'webgl'];

/** The order initBackend tries for a choice: the chosen one first, then the usual order. */
export function backendOrderFor(choice: BackendChoice, all: readonly BackendName[]): BackendName[] {
  return choice === 'auto' ? [...all] : [choice, ...all.filter((b) => b !== choice)];
}

/** torchvision's eval resize for a crop: 256 for 224, scaled alike for other sizes. */
export function resizeFor(crop: number): number {
  return Math.round((crop * 256) / 224);
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export class RunSession {
  private readonly rt: Runtime;
  private readonly hooks: SessionHooks;
  private info: BackendInfo;
  private model: Model | null = null;
  private input: TF.Tensor4D | null = null;
  private graphValue: Graph | null = null;
  private weightsValue: WeightsSource | null = null;
  private image_: RgbaImage | null = null;
  private warmed = false;
  private disposed = false;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly unsubscribe: () => void;
  /** Bumped whenever model, weights or input change; handles compare it to detect staleness. */
  private versionValue = 0;

  private constructor(rt: Runtime, info: BackendInfo, hooks: SessionHooks) {
    this.rt = rt;
    this.info = info;
    this.hooks = hooks;
    this.unsubscribe = rt.backend.onBackendLost((e) => this.backendLost(e));
  }

  /** Loads tfjs and starts a backend (the chosen one, else the next that works). */
  static async open(choice: BackendChoice, hooks: SessionHooks = {}): Promise<RunSession> {
    hooks.onPhase?.('tfjs', 0);
    const rt = await loadRuntime();
    hooks.onPhase?.('tfjs', 0.6);
    const info = await rt.backend.initBackend({ order: backendOrderFor(choice, rt.backend.BACKEND_ORDER) });
    hooks.onPhase?.('tfjs', 1);
    return new RunSession(rt, info, hooks);
  }

  get backend(): BackendInfo {
    return this.info;
  }
  get graph(): Graph | null {
    return this.graphValue;
  }
  get weights(): WeightsSource | null {
    return this.weightsValue;
  }
  /** The RGBA image the current input tensor was made from. */
  get image(): RgbaImage | null {
    return this.image_;
  }
  get version(): number {
    return this.versionValue;
  }
  get hasModel(): boolean {
    return this.model !== null && this.input !== null;
  }
  get isDisposed(): boolean {
    return this.disposed;
  }

  /** tf.memory().numTensors: the leak check (back to its pre-session value after dispose()). */
  numTensors(): number {
    return this.rt.tf.memory().numTensors;
  }

  /** Runs `fn` after every operation queued before it (also after failed ones). */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private live(): void {
    if (this.disposed) throw new Error('this run session has been disposed');
  }

  /** Switches to a chosen backend and rebuilds model and input there. */
  setBackend(choice: BackendChoice): Promise<BackendInfo> {
    return this.serial(async () => {
      this.live();
      const order = backendOrderFor(choice, this.rt.backend.BACKEND_ORDER);
      if (order[0] === this.info.backend) return this.info;
      this.hooks.onPhase?.('tfjs', 0);
      this.releaseTensors();
      this.info = await this.rt.backend.initBackend({ order });
      await this.rebuild();
      return this.info;
    });
  }

  /**
   * Builds the model for `graph` with `weights`. When the weights don't fit the graph, returns
   * their issues; the previous model stays if the graph is unchanged, otherwise there is none.
   */
  load(graph: Graph, weights: WeightsSource): Promise<LoadOutcome> {
    return this.serial(async () => {
      this.live();
      const sameGraph = this.graphValue === graph && this.model !== null;
      if (sameGraph) return this.replaceWeights(weights);
      const sd = await this.stateDictFor(graph, weights);
      if (!sd.ok) {
        this.disposeModel();
        this.graphValue = graph;
        this.bump();
        return sd;
      }
      this.disposeModel();
      this.graphValue = graph;
      await this.withFallback('building the model', async () => this.build(graph, sd.sd));
      this.weightsValue = weights;
      this.remakeInput();
      this.bump();
      return { ok: true };
    });
  }

  /** Frees the model and input tensors (e.g. when the graph changes and nothing needs them yet). */
  unload(): Promise<void> {
    return this.serial(async () => {
      if (this.disposed) return;
      this.releaseTensors();
      this.graphValue = null;
      this.bump();
    });
  }

  /** Replaces the weights of the current model; on failure the previous weights stay loaded. */
  setWeights(weights: WeightsSource): Promise<LoadOutcome> {
    return this.serial(async () => {
      this.live();
      return this.replaceWeights(weights);
    });
  }

  /** Sets the input image (RGBA, any size: it is resized and centre-cropped like torchvision). */
  setInput(image: RgbaImage): Promise<void> {
    return this.serial(async () => {
      this.live();
      this.image_ = image;
      this.remakeInput();
      this.bump();
    });
  }

  /** One forward pass: logits, top-5 and what the model saw. */
  run(): Promise<RunOutput> {
    return this.serial(() =>
      this.withFallback('running the model', async () => {
        const { model, input } = this.ready();
        const { tf } = this.rt;
        if (!this.warmed && GPU_BACKENDS.includes(this.info.backend)) {
          // The first pass on a GPU backend compiles shaders: keep it out of the reported time.
          this.hooks.onPhase?.('warmup', 0);
          const y = model.predict(input);
          try {
            await y.data();
          } finally {
            y.dispose();
          }
        }
        this.warmed = true;
        this.hooks.onPhase?.('run', 0);
        const t0 = performance.now();
        const y = model.predict(input);
        let logits: Float32Array;
        try {
          logits = (await y.data()) as Float32Array;
        } finally {
          y.dispose();
        }
        const ms = performance.now() - t0;
        const preview = tf.tidy(() => {
          const { IMAGENET_MEAN, IMAGENET_STD } = this.rt.imagenet;
          const rgb = tf.clipByValue(tf.mul(tf.add(tf.mul(input, [...IMAGENET_STD]), [...IMAGENET_MEAN]), 255), 0, 255);
          return tf.cast(tf.squeeze(rgb, [0]), 'int32') as TF.Tensor3D;
        });
        let rgb: Int32Array;
        try {
          rgb = (await preview.data()) as Int32Array;
        } finally {
          preview.dispose();
        }
        const [, h, w] = input.shape;
        const data = new Uint8ClampedArray(w * h * 4);
        for (let i = 0; i < w * h; i++) {
          data[4 * i] = rgb[3 * i];
          data[4 * i + 1] = rgb[3 * i + 1];
          data[4 * i + 2] = rgb[3 * i + 2];
          data[4 * i + 3] = 255;
        }
        this.hooks.onPhase?.('run', 1);
        return { logits, top5: this.rt.imagenet.topK(logits, 5), ms, inputPreview: { width: w, height: h, data } };
      }),
    );
  }

  /** Activations of `layers` for the current input (one forward pass, NCHW Float32Arrays). */
  featureMaps(layers: readonly string[]): Promise<Map<string, FeatureMap>> {
    return this.serial(() =>
      this.withFallback('reading feature maps', async () => {
        const { model, input } = this.ready();
        this.hooks.onPhase?.('featuremaps', 0);
        const r = await this.rt.featuremaps.readFeatureMaps(model, input, layers);
        this.hooks.onPhase?.('featuremaps', 1);
        return r.maps;
      }),
    );
  }

  /** Per-layer profile at a square input size, with costs recomputed for that size. */
  profile(req: ProfileRequest = {}): Promise<LabProfile> {
    return this.serial(() =>
      this.withFallback('profiling', async () => {
        const { model, input } = this.ready();
        const graph = this.graphValue as Graph;
        const size = req.size ?? graphSize(graph);
        const sized = resizeGraph(graph, size); // throws SpecError when the size vanishes
        const image = this.image_ as RgbaImage;
        const x = size === input.shape[1] ? input : this.rt.imagenet.preprocess(image, { resize: resizeFor(size), crop: size });
        try {
          this.hooks.onPhase?.('profile', 0);
          const p = await this.rt.profiler.profileModel(model, x, {
            warmup: req.warmup,
            repeats: req.repeats,
            onProgress: (done, total) => {
              this.hooks.onPhase?.('profile', done / total);
              req.onProgress?.(done, total);
            },
          });
          return toLabProfile(p, sized);
        } finally {
          if (x !== input) x.dispose();
        }
      }),
    );
  }

  /** Frees every tensor the session made and stops listening for backend loss. Idempotent. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.unsubscribe();
    this.releaseTensors();
    this.bump();
  }

  // ---------------------------------------------------------------------------------------------

  private bump(): void {
    this.versionValue++;
  }

  private ready(): { model: Model; input: TF.Tensor4D } {
    this.live();
    if (!this.model) throw new Error('no model is loaded');
    if (!this.input) throw new Error('no input image is set');
    return { model: this.model, input: this.input };
  }

  private async replaceWeights(weights: WeightsSource): Promise<LoadOutcome> {
    const graph = this.graphValue;
    if (!graph) throw new Error('no model is loaded');
    const sd = await this.stateDictFor(graph, weights);
    if (!sd.ok) return sd;
    if (!this.model) {
      await this.withFallback('building the model', async () => this.build(graph, sd.sd));
      this.remakeInput();
    } else {
      this.hooks.onPhase?.('build', 0);
      const r = this.model.loadStateDict(sd.sd);
      if (!r.ok) return r;
      this.warmed = false;
    }
    this.weightsValue = weights;
    this.bump();
    return { ok: true };
  }

  /** The weights as a validated StateDict (plain arrays, nothing on the GPU yet). */
  private async stateDictFor(graph: Graph, weights: WeightsSource): Promise<{ ok: true; sd: StateDict } | { ok: false; issues: WeightIssue[] }> {
    this.hooks.onPhase?.('weights', 0);
    if (weights.kind === 'seeded') {
      const sd = this.rt.heInit.heInit(graph, weights.seed);
      this.hooks.onPhase?.('weights', 1);
      return { ok: true, sd };
    }
    let bytes: ArrayBuffer;
    try {
      bytes = await weights.blob.arrayBuffer();
    } catch (e) {
      return { ok: false, issues: [{ kind: 'parse', key: '', message: `could not read ${weights.name}: ${errorText(e)}` }] };
    }
    this.hooks.onPhase?.('weights', 0.5);
    const { parseSafetensors, SafetensorsError } = this.rt.safetensors;
    let file;
    try {
      file = parseSafetensors(bytes);
    } catch (e) {
      const msg = e instanceof SafetensorsError ? `${weights.name} is not a valid .safetensors file (${e.code}): ${e.message}` : `${weights.name}: ${errorText(e)}`;
      return { ok: false, issues: [{ kind: 'parse', key: e instanceof SafetensorsError ? (e.key ?? '') : '', message: msg }] };
    }
    const issues = this.rt.stateDict.validateStateDict(graph, file.tensors);
    if (issues.length) return { ok: false, issues };
    this.hooks.onPhase?.('weights', 1);
    return { ok: true, sd: this.rt.stateDict.stateDictFromSafetensors(file) };
  }

  private build(graph: Graph, sd: StateDict): void {
    this.hooks.onPhase?.('build', 0);
    this.model = this.rt.executor.Model.create(graph, sd);
    this.warmed = false;
    this.hooks.onPhase?.('build', 1);
  }

  private remakeInput(): void {
    this.input?.dispose();
    this.input = null;
    if (!this.image_ || !this.graphValue) return;
    const size = graphSize(this.graphValue);
    this.input = this.rt.imagenet.preprocess(this.image_, { resize: resizeFor(size), crop: size });
  }

  private disposeModel(): void {
    try {
      this.model?.dispose();
    } catch {
      // A lost context can make freeing GPU memory fail; the memory is gone with it anyway.
    }
    this.model = null;
  }

  private releaseTensors(): void {
    this.disposeModel();
    try {
      this.input?.dispose();
    } catch {
      // as above
    }
    this.input = null;
  }

  /** Model and input again on the current backend, from the kept graph, weights and image. */
  private async rebuild(): Promise<void> {
    this.releaseTensors();
    if (this.graphValue && this.weightsValue) {
      const sd = await this.stateDictFor(this.graphValue, this.weightsValue);
      if (sd.ok) this.build(this.graphValue, sd.sd);
    }
    this.remakeInput();
    this.bump();
  }

  /**
   * Runs `fn`; when it fails on a GPU backend (out of memory, a shader that does not compile, a
   * lost context), moves to the next backend, rebuilds, tells the UI, and tries once more.
   * Errors on wasm/cpu, and errors that are not the backend's fault, propagate unchanged.
   */
  private async withFallback<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      const failed = this.info.backend;
      if (this.disposed || !GPU_BACKENDS.includes(failed) || e instanceof StaleSessionError || (e instanceof Error && e.name === 'SpecError')) throw e;
      const order = this.rt.backend.BACKEND_ORDER;
      const rest = order.slice(order.indexOf(failed) + 1);
      this.releaseTensors();
      this.info = await this.rt.backend.initBackend({ order: rest });
      await this.rebuild();
      this.hooks.onBackendFallback?.(this.info, `${label(failed)} failed while ${what} (${errorText(e)}); switched to ${label(this.info.backend)}.`);
      return fn();
    }
  }

  private backendLost(e: BackendLostEvent): void {
    if (this.disposed || e.lost !== this.info.backend) return;
    void this.serial(async () => {
      if (this.disposed) return;
      // initBackend already moved tfjs to the next backend (or found none).
      const next = e.next ?? (await this.rt.backend.initBackend({ order: ['cpu'] }));
      this.info = next;
      await this.rebuild();
      this.hooks.onBackendFallback?.(next, `${e.reason}; switched to ${label(next.backend)}. Your input, weights and selections are kept.`);
    });
  }
}

const LABELS: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WebAssembly', cpu: 'CPU' };
function label(b: BackendName): string {
  return LABELS[b] ?? b;
}
