/**
 * Grad-CAM (Selvaraju et al. 2017, "Grad-CAM: Visual Explanations from Deep Networks via
 * Gradient-based Localization", §3) on any spatial layer of an executor Model:
 *
 *   eq. 1:  α_k^c = (1/Z) Σ_i Σ_j ∂y^c / ∂A^k_ij      (global average of the gradient, per channel k)
 *   eq. 2:  L^c   = ReLU(Σ_k α_k^c A^k)               (an H×W map at the layer's resolution)
 *
 * y^c is the class score before the softmax (the logit), A the layer's activation. ∂y^c/∂A comes
 * from tfjs' gradient with respect to a zero perturbation added to the layer's output
 * (forward.ts), in the same pass that keeps A. The map is returned at the layer's resolution,
 * before any normalisation or upsampling (heatmap.ts does those for display), so it can be
 * compared with a PyTorch Grad-CAM (scripts/py/make_gradcam_fixture.py).
 */
import * as tf from '@tensorflow/tfjs';
import type { Model } from '../runtime/executor';
import { checkClass, classScore, differentiableForward, prepareGradients } from './forward';
import { isSpatial } from './layers';

export interface GradCamRequest {
  /** A spatial node (layers.ts); default: defaultCamLayer(model.graph). */
  readonly layer: string;
  /** The class c whose score y^c is explained. */
  readonly classIndex: number;
}

export interface GradCamMap {
  readonly layer: string;
  readonly classIndex: number;
  /** The class score y^c (logit) for this input. */
  readonly score: number;
  readonly height: number;
  readonly width: number;
  /** L^c, row-major height × width (batch item 0), ≥ 0, not normalised. */
  readonly cam: Float32Array;
  /** α^c, one weight per channel of the layer. */
  readonly alpha: Float32Array;
}

/** Grad-CAM of `classIndex` on `layer` for a batch of one. Leaves no tensors behind. */
export async function gradCam(model: Model, x: tf.Tensor4D, req: GradCamRequest): Promise<GradCamMap> {
  const node = model.graph.nodes.find((n) => n.name === req.layer);
  if (!node) throw new Error(`no layer named "${req.layer}" in ${model.graph.id}`);
  if (!isSpatial(node)) throw new Error(`Grad-CAM needs a layer with a spatial output; ${node.name} gives [${node.outShape.join(', ')}]`);
  if (x.shape[0] !== 1) throw new Error(`Grad-CAM explains one image at a time, got a batch of ${x.shape[0]}`);
  // Before tf.valueAndGrad: a throw inside it would leave the tensors tfjs saved for the backward.
  checkClass(model, req.classIndex);
  prepareGradients();
  const [c, h, w] = node.outShape;
  const zero = tf.zeros([1, h, w, c]);
  const held: tf.Tensor[] = [zero];
  try {
    let activation: tf.Tensor | null = null;
    const { value, grad } = tf.valueAndGrad((p: tf.Tensor) => {
      const r = differentiableForward(model, x, { capture: [node.name], perturb: new Map([[node.name, p]]) });
      activation = tf.keep(r.captured.get(node.name) as tf.Tensor);
      held.push(activation);
      return classScore(r.logits, req.classIndex);
    })(zero);
    held.push(value, grad);
    const a = activation as unknown as tf.Tensor4D;
    if (a.shape[1] !== h || a.shape[2] !== w || a.shape[3] !== c)
      throw new Error(`${node.name} has shape [${a.shape.join(', ')}], the spec says [1, ${h}, ${w}, ${c}]`);
    const [alpha, cam] = tf.tidy(() => {
      const al = tf.mean(grad, [1, 2]); // eq. 1: [1, C]
      const l = tf.relu(tf.sum(tf.mul(a, tf.reshape(al, [1, 1, 1, c])), 3)); // eq. 2: [1, H, W]
      return [al, l];
    });
    held.push(alpha, cam);
    const [alphaData, camData, scoreData] = await Promise.all([alpha.data(), cam.data(), value.data()]);
    return {
      layer: node.name,
      classIndex: req.classIndex,
      score: scoreData[0],
      height: h,
      width: w,
      cam: camData as Float32Array,
      alpha: alphaData as Float32Array,
    };
  } finally {
    tf.dispose(held);
  }
}
