/**
 * One explanation of an executor Model's prediction for one input: the dispatcher the lab's run
 * session calls inside its tfjs job (lib/lab/session.ts). Loaded with import() when an explanation
 * is first asked for, so the lab's first run does not carry the gradient kernels.
 */
import type * as tf from '@tensorflow/tfjs';
import type { Model } from '../runtime/executor';
import { gradCam } from './gradcam';
import { defaultCamLayer } from './layers';
import type { ExplainRequest, ExplainResult } from './request';
import { SMOOTHGRAD_SAMPLES } from './request';
import { saliency, smoothGrad } from './saliency';

export async function explain(model: Model, x: tf.Tensor4D, req: ExplainRequest): Promise<ExplainResult> {
  const t0 = performance.now();
  const ms = () => performance.now() - t0;
  switch (req.method) {
    case 'gradcam': {
      const r = await gradCam(model, x, { layer: req.layer || defaultCamLayer(model.graph), classIndex: req.classIndex });
      return {
        method: 'gradcam',
        classIndex: r.classIndex,
        layer: r.layer,
        height: r.height,
        width: r.width,
        map: r.cam,
        samples: 1,
        score: r.score,
        ms: ms(),
      };
    }
    case 'saliency': {
      const r = await saliency(model, x, req.classIndex);
      return { method: 'saliency', classIndex: r.classIndex, layer: null, height: r.height, width: r.width, map: r.map, samples: 1, score: null, ms: ms() };
    }
    case 'smoothgrad': {
      const r = await smoothGrad(model, x, {
        classIndex: req.classIndex,
        samples: req.samples ?? SMOOTHGRAD_SAMPLES.default,
        noise: req.noise,
        seed: req.seed,
        signal: req.signal,
        onProgress: req.onProgress,
      });
      return {
        method: 'smoothgrad',
        classIndex: r.classIndex,
        layer: null,
        height: r.height,
        width: r.width,
        map: r.map,
        samples: r.samples,
        score: null,
        ms: ms(),
      };
    }
  }
}
