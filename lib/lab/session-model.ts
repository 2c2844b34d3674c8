/**
 * What a run session holds on the tfjs side, and the plain-JS sources it was made from: the graph,
 * the weights choice and the RGBA image, next to the Model and the input tensor built from them.
 * Keeping the sources is what lets the session rebuild model and input on another backend (after
 * a fallback, a lost context, or another widget's job) without the reader choosing anything again.
 */
import type * as TF from '@tensorflow/tfjs';
import type { Graph } from '../arch/ir';
import type { Dataset } from '../arch/registry';
import type { Model } from '../runtime/executor';
import type { RgbaImage } from '../runtime/imagenet';
import type { StateDict } from '../runtime/weights/types';
import type { Phase } from './progress';
import { graphSize } from './resize-graph';
import type { Runtime } from './runtime-loader';
import { inputTensor } from './session-input';
import { type StateDictOutcome, type WeightsSource, readStateDict } from './weights-source';

export class SessionModel {
  graph: Graph | null = null;
  weights: WeightsSource | null = null;
  image: RgbaImage | null = null;
  /** Which models' input convention `image` is made into (a photo, or a digit as is). */
  dataset: Dataset = 'imagenet';
  model: Model | null = null;
  input: TF.Tensor4D | null = null;
  /** Whether the current model has run once (the first pass compiles and allocates). */
  warmed = false;
  /** tfjs' backend object the model and input live on (a reset backend gets a new one). */
  instance: unknown;
  /** Bumped whenever model, weights or input change; handles compare it to detect staleness. */
  version = 0;

  constructor(
    private readonly rt: Runtime,
    private readonly onPhase?: (phase: Phase, fraction?: number) => void,
  ) {
    this.instance = rt.tf.backend();
  }

  bump(): void {
    this.version++;
  }

  /** Model and input, or why there are none. */
  ready(): { model: Model; input: TF.Tensor4D } {
    if (!this.model) throw new Error('no model is loaded');
    if (!this.input) throw new Error('no input image is set');
    return { model: this.model, input: this.input };
  }

  readWeights(graph: Graph, weights: WeightsSource): Promise<StateDictOutcome> {
    return readStateDict(this.rt, graph, weights, (f) => this.onPhase?.('weights', f));
  }

  build(graph: Graph, sd: StateDict): void {
    this.onPhase?.('build', 0);
    this.model = this.rt.executor.Model.create(graph, sd);
    this.instance = this.rt.tf.backend();
    this.warmed = false;
    this.onPhase?.('build', 1);
  }

  /** The input tensor again from the image, at the graph's size (none without both). */
  remakeInput(): void {
    this.input?.dispose();
    this.input = null;
    if (!this.image || !this.graph) return;
    this.input = inputTensor(this.rt, this.image, graphSize(this.graph), this.dataset);
    this.instance = this.rt.tf.backend();
  }

  disposeModel(): void {
    try {
      this.model?.dispose();
    } catch {
      // A lost context can make freeing GPU memory fail; the memory is gone with it anyway.
    }
    this.model = null;
  }

  /** Frees model and input (the sources stay). */
  release(): void {
    this.disposeModel();
    try {
      this.input?.dispose();
    } catch {
      // as above
    }
    this.input = null;
  }

  /** Model and input again on the current backend, from the kept graph, weights and image. */
  async rebuild(): Promise<void> {
    this.release();
    this.instance = this.rt.tf.backend();
    if (this.graph && this.weights) {
      const sd = await this.readWeights(this.graph, this.weights);
      if (sd.ok) this.build(this.graph, sd.sd);
    }
    this.remakeInput();
    this.bump();
  }
}
