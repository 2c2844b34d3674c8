/**
 * The real TrainRuntime of the training lab (session.ts): tfjs, the job queue, the trainer
 * (lib/train/run.ts), the digits dataset (lib/data/digits) and the inference path
 * (lib/runtime). Loaded with import() when the reader first presses Train, so /train paints before
 * the 1.5 MB of tfjs arrive. Also installs the test hook `window.__layerwiseTrain` the end-to-end
 * tests read (e2e/train.spec.ts, e2e/train-backends.spec.ts).
 */
import type { Graph } from '@/lib/arch';
import { loadDigits } from '@/lib/data/digits';
import { loadRuntime } from '@/lib/lab/runtime-loader';
import { TrainingRun } from '@/lib/train/run';
import { trainingRefusal } from '@/lib/train/train-footprint';
import type { StepReport, TrainConfig } from '@/lib/train/types';
import { loseWebGLContext, watchBackendLoss } from '@/lib/runtime/release';
import { switchNotice } from '@/lib/runtime/backend-policy';
import { REFUSAL_ADVICE, modelCost } from './knobs';
import type { DigitsData, Inspection, RunHandle, TrainModel, TrainRuntime } from './session';

/** Unrecorded and recorded passes of the per-image inference timing (batch of one). */
const TIMING = { warmup: 2, repeats: 10 } as const;

declare global {
  /**
   * Test hook, for tests and curious readers: take the WebGL context away mid-training (as a browser
   * with too many contexts does); `steps()` (read-only): the StepReports of every run this page
   * created, by training slot (the model id; `<id>-b` for its second variant), in step order, at full float precision (the page shows rounded losses).
   */
  var __layerwiseTrain: { loseWebGLContext(): boolean; steps(): Record<string, StepReport[]> } | undefined;
}

export async function loadTrainRuntime(): Promise<TrainRuntime> {
  const rt = await loadRuntime();
  const runs = new WeakMap<RunHandle, { run: TrainingRun; graph: Graph }>();
  /** Every step report of the latest run of each slot (the test hook's steps()). */
  const reports = new Map<string, StepReport[]>();
  if (typeof window !== 'undefined')
    globalThis.__layerwiseTrain = { loseWebGLContext, steps: () => Object.fromEntries([...reports].map(([id, r]) => [id, [...r]])) };
  return {
    loadData: (onProgress) => loadDigits({ onProgress: (p) => onProgress(p.total ? p.loaded / p.total : 0) }) as Promise<DigitsData>,
    job: (backend, signal, body) => rt.job.runTfjsJob({ backend, signal }, (ctx) => body(ctx.backend)),
    createRun(model: TrainModel, config: TrainConfig, data: DigitsData, backend): RunHandle {
      const { graph } = modelCost(model.id, model.knobs);
      // Before any weights are made: a network too big to train on this backend (bigger knobs,
      // a bigger batch) is refused with the run guard's numbers, as `arch train` does.
      const refusal = trainingRefusal(graph, config.batchSize, backend.backend, REFUSAL_ADVICE);
      if (refusal) throw new Error(`${model.label}: ${refusal}`);
      const run = TrainingRun.create({ graph, train: data.train, test: data.test, config, seed: config.seed });
      const steps: StepReport[] = [];
      reports.set(model.key, steps);
      // The session's RunHandle, with each step's report also kept for the test hook.
      const handle: RunHandle = {
        get stepsDone() {
          return run.stepsDone;
        },
        run: (n, o) =>
          run.run(n, {
            ...o,
            onStep: (r) => {
              steps.push(r);
              o.onStep?.(r);
            },
          }),
        evaluate: (d, o) => run.evaluate(d, o),
        toSafetensors: () => run.toSafetensors(),
        dispose: () => run.dispose(),
      };
      runs.set(handle, { run, graph });
      return handle;
    },
    async inspect(handle, trained, image, layer, time, signal): Promise<Inspection> {
      if (!layer && !time) return { map: null, msPerImage: null };
      const entry = runs.get(handle);
      if (!entry) throw new Error(`${trained.label}: not a training run of this page`);
      const sd = await entry.run.stateDict();
      const model = rt.executor.Model.create(entry.graph, sd);
      const x = rt.executor.inputFromNCHW(image.images, image.shape);
      try {
        const map = layer ? ((await rt.featuremaps.readFeatureMaps(model, x, [layer])).maps.get(layer) ?? null) : null;
        const samples = time ? await rt.timing.timeForward(model, x, TIMING, { signal }) : null;
        return { map, msPerImage: samples ? rt.timing.median(samples) : null };
      } finally {
        x.dispose();
        model.dispose();
      }
    },
    onBackendLost: (listener) => watchBackendLoss((e) => listener(`${switchNotice(e.lost, e.reason, e.next ? e.next.backend : 'cpu')}`)),
  };
}
