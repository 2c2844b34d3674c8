/**
 * The training lab's session against a scripted runtime (no tfjs): the order of the work (models
 * one after another, a test point every `evalEvery` steps, the whole test split at the end), and
 * what Pause, Resume, Cancel, Reset, a failure and a lost GPU context do to it. The real runtime
 * (runtime.ts) is driven end to end by e2e/train.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import { CancelledError } from '@/lib/runtime/cancel';
import type { FeatureMap } from '@/lib/runtime/featuremaps';
import type { BackendInfo } from '@/lib/runtime/backend';
import type { LabelledImages, StepReport, TrainConfig } from '@/lib/train/types';
import { TEST_SUBSET_PER_CLASS, TrainSession, type DigitsData, type RunHandle, type TrainModel, type TrainRuntime } from './session';

const config: TrainConfig = {
  optimizer: { kind: 'sgd', lr: 0.1, momentum: 0.9, nesterov: false, weightDecay: 0 },
  schedule: { kind: 'constant' },
  batchSize: 4,
  steps: 10,
  seed: 0,
  shuffle: true,
  dropout: true,
};

function images(n: number): LabelledImages {
  return { images: new Float32Array(n * 4), shape: [n, 1, 2, 2], labels: Int32Array.from({ length: n }, (_, i) => i % 10) };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

class FakeRun implements RunHandle {
  stepsDone = 0;
  disposed = false;
  failAt: number | null = null;
  /** From this step on, a step never settles (a GPU context gone mid-step). */
  hangAt: number | null = null;
  evaluated: Array<{ at: number; n: number }> = [];
  constructor(readonly id: string) {}
  async run(n: number, o: { signal?: AbortSignal; onStep?: (r: StepReport) => void }) {
    const out: StepReport[] = [];
    for (let i = 0; i < n; i++) {
      await tick();
      if (o.signal?.aborted) throw new CancelledError();
      if (this.failAt === this.stepsDone) throw new Error('WebGL: out of memory');
      if (this.hangAt !== null && this.stepsDone >= this.hangAt) await new Promise(() => undefined);
      const r = { step: this.stepsDone, loss: 2 / (this.stepsDone + 1), accuracy: 0.1, lr: 0.1, ms: 5 };
      this.stepsDone++;
      o.onStep?.(r);
      out.push(r);
    }
    return out;
  }
  async evaluate(data: LabelledImages) {
    await tick();
    this.evaluated.push({ at: this.stepsDone, n: data.labels.length });
    const confusion = Array.from({ length: 10 }, () => Array(10).fill(0) as number[]);
    return { accuracy: this.stepsDone / 10, n: data.labels.length, confusion, predictions: Int32Array.from(data.labels) };
  }
  async toSafetensors() {
    return Uint8Array.of(this.stepsDone);
  }
  dispose() {
    this.disposed = true;
  }
}

function fakeRuntime() {
  const runs: FakeRun[] = [];
  const created: Array<{ model: TrainModel; backend: string }> = [];
  let lost: ((m: string) => void) | null = null;
  let queue = Promise.resolve();
  const info = { backend: 'wasm', renderer: 'test', gpuTimer: false, fallbacks: [] } as BackendInfo;
  const rt: TrainRuntime = {
    loadData: async (onProgress) => {
      onProgress(1);
      return { train: images(40), test: images(700) } as DigitsData;
    },
    job: <T>(_b: unknown, signal: AbortSignal, body: (b: BackendInfo) => Promise<T>) => {
      const p = queue.then(() => {
        if (signal.aborted) throw new CancelledError();
        return body(info);
      });
      queue = p.then(
        () => undefined,
        () => undefined,
      );
      return p;
    },
    createRun: (model, _config, _data, backend) => {
      created.push({ model, backend: backend.backend });
      if (model.knobs.refuse) throw new Error(`${model.label}: This network is too big to train on WebAssembly`);
      const r = new FakeRun(model.key);
      runs.push(r);
      return r;
    },
    inspect: async (run, id, image, layer, time) => ({
      // data: [steps done, first pixel of the digit read], so tests see both the weights and the digit.
      map: layer
        ? ({ name: layer, op: 'conv', layout: 'NCHW', shape: [1, 1, 1, 2], data: Float32Array.of(run.stepsDone, image.images[0]) } as FeatureMap)
        : null,
      msPerImage: time ? 1.5 : null,
    }),
    onBackendLost: (l) => {
      lost = l;
      return () => (lost = null);
    },
  };
  return { rt, runs, created, lose: (m: string) => lost?.(m) };
}

/** Models by key (each its own registered id, no knobs changed). */
const plain = (key: string): TrainModel => ({ key, id: key, knobs: {}, variant: '', label: key, labQuery: '' });
const options = (models: string[], evalEvery = 4) => ({ models: models.map(plain), config, backend: 'wasm' as const, evalEvery, layerOf: () => 'conv0' });

describe('TrainSession', () => {
  it('trains the models one after another, with a test point every evalEvery steps and the whole test split at the end', async () => {
    const { rt, runs } = fakeRuntime();
    const s = new TrainSession(rt, options(['a', 'b']));
    const phases = new Set<string>();
    s.subscribe(() => phases.add(s.getSnapshot().phase));
    await s.start();
    const snap = s.getSnapshot();
    expect(snap.phase).toBe('done');
    expect([...phases]).toEqual(expect.arrayContaining(['loading', 'training', 'done']));
    expect(runs.map((r) => r.id)).toEqual(['a', 'b']);
    for (const m of snap.models) {
      expect(m.status).toBe('done');
      expect(m.steps.map((x) => x.step)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      // The subset at steps 4, 8 and 10 (the end), then the whole split.
      expect(m.evals.map((e) => [e.step, e.n])).toEqual([
        [4, 10 * TEST_SUBSET_PER_CLASS],
        [8, 10 * TEST_SUBSET_PER_CLASS],
        [10, 10 * TEST_SUBSET_PER_CLASS],
      ]);
      expect(m.final).toEqual({ step: 10, accuracy: 1, n: 700 });
      expect(m.lastEval?.full).toBe(true);
      expect(m.msPerImage).toBe(1.5);
      expect(m.featureMap?.step).toBe(10);
      expect(m.weightsAvailable).toBe(true);
    }
    // Model b started only after a finished.
    expect(runs[1].evaluated[0].at).toBe(4);
    expect(snap.sets?.subset.labels.length).toBe(10 * TEST_SUBSET_PER_CLASS);
    expect((await s.weights('a')).bytes).toEqual(Uint8Array.of(10));
    await s.reset();
    expect(runs.every((r) => r.disposed)).toBe(true);
  });

  it('pauses after the slice in flight and resumes where it stopped', async () => {
    const { rt, runs } = fakeRuntime();
    const s = new TrainSession(rt, options(['a']));
    let asked = false;
    const paused = new Promise<void>((resolve) =>
      s.subscribe(() => {
        if (!asked && s.getSnapshot().models[0].steps.length >= 3) {
          asked = true;
          s.pause();
          resolve();
        }
      }),
    );
    const first = s.start();
    await paused;
    await first;
    const snap = s.getSnapshot();
    expect(snap.phase).toBe('paused');
    expect(snap.models[0].status).toBe('paused');
    const at = runs[0].stepsDone;
    expect(at).toBeGreaterThanOrEqual(3);
    expect(at).toBeLessThan(10);
    expect(snap.progress?.label).toMatch(/^Paused at step/);
    await s.start();
    expect(s.getSnapshot().phase).toBe('done');
    expect(s.getSnapshot().models[0].steps.map((x) => x.step)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(runs).toHaveLength(1);
  });

  it('cancels at once, keeping the curves and the weights of the completed steps', async () => {
    const { rt, runs } = fakeRuntime();
    const s = new TrainSession(rt, options(['a', 'b']));
    s.subscribe(() => {
      if (s.getSnapshot().models[0].steps.length === 2) s.cancel();
    });
    await s.start();
    const snap = s.getSnapshot();
    expect(snap.phase).toBe('cancelled');
    expect(snap.models.map((m) => m.status)).toEqual(['stopped', 'waiting']);
    expect(snap.models[0].steps).toHaveLength(2);
    expect(snap.models[0].weightsAvailable).toBe(true);
    expect(runs).toHaveLength(1);
    await s.start(); // a cancelled session does not start again
    expect(runs[0].stepsDone).toBe(2);
  });

  it('stops with the error of a failed step and keeps what was measured', async () => {
    const { rt, runs } = fakeRuntime();
    const s = new TrainSession(rt, options(['a']));
    s.subscribe(() => {
      if (runs[0] && runs[0].failAt === null) runs[0].failAt = 5;
    });
    await s.start();
    const snap = s.getSnapshot();
    expect(snap.phase).toBe('failed');
    expect(snap.error).toBe('Training stopped: WebGL: out of memory');
    expect(snap.models[0].status).toBe('failed');
    expect(snap.models[0].steps).toHaveLength(5);
    expect(snap.models[0].evals.map((e) => e.step)).toEqual([4]);
  });

  it('stops when the GPU context is lost: a notice, the curves kept, the weights gone', async () => {
    const { rt, lose } = fakeRuntime();
    const s = new TrainSession(rt, options(['a']));
    s.subscribe(() => {
      if (s.getSnapshot().models[0].steps.length >= 3 && !s.getSnapshot().error) lose('WebGL stopped working (context lost); switched to WebAssembly.');
    });
    await s.start();
    const snap = s.getSnapshot();
    expect(snap.phase).toBe('failed');
    expect(snap.error).toMatch(/^WebGL stopped working \(context lost\); switched to WebAssembly\. Training stopped; the curves so far are kept/);
    expect(snap.models[0].steps.length).toBeGreaterThanOrEqual(3);
    expect(snap.models[0].weightsAvailable).toBe(false);
    await expect(s.weights('a')).rejects.toThrow(/no weights/);
  });

  it('ends its job when the context is lost during a step that never settles, so the queue moves on', async () => {
    const { rt, runs, lose } = fakeRuntime();
    const s = new TrainSession(rt, options(['a']));
    s.subscribe(() => {
      const r = runs[0];
      if (r && r.hangAt === null) r.hangAt = 3;
    });
    const started = s.start();
    while (runs[0]?.stepsDone !== 3) await tick();
    await tick();
    lose('WebGL stopped working (context lost); switched to WebAssembly.');
    await started;
    expect(s.getSnapshot().phase).toBe('failed');
    expect(s.getSnapshot().models[0].steps).toHaveLength(3);
    // The next job of the page runs.
    const ctrl = new AbortController();
    expect(await rt.job('wasm', ctrl.signal, async () => 'next job ran')).toBe('next job ran');
    await s.reset();
    expect(runs[0].disposed).toBe(true);
  });

  it('reads another layer at once when idle, and at the next evaluation while training', async () => {
    const { rt } = fakeRuntime();
    const s = new TrainSession(rt, options(['a'], 5));
    let asked: Promise<FeatureMap> | null = null;
    s.subscribe(() => {
      if (!asked && s.getSnapshot().models[0].steps.length === 1) asked = s.featureMapFor('a', 'features.1');
    });
    await s.start();
    const m = await asked!;
    expect(m.name).toBe('features.1');
    // Read at the evaluation after step 5, with the weights of step 5.
    expect(m.data[0]).toBe(5);
    const later = await s.featureMapFor('a', 'features.2');
    expect(later.name).toBe('features.2');
    expect(later.data[0]).toBe(10);
  });

  it('reads the feature maps on the digit the reader draws or picks (the digit pad), before and after training', async () => {
    const { rt } = fakeRuntime();
    const s = new TrainSession(rt, options(['a'], 5));
    expect(s.getSnapshot().featureDigit).toMatchObject({ kind: 'test', index: 0, version: 0 });
    // Chosen while the data loads: kept, not replaced by test digit 0.
    const drawn = new Float32Array(784).fill(0.25);
    s.setFeatureDigit(drawn, { kind: 'drawn' });
    await s.start();
    const snap = s.getSnapshot();
    expect(snap.featureDigit).toEqual({ kind: 'drawn', version: 1 });
    expect(snap.sets!.digit.images[0]).toBe(0.25);
    expect(snap.models[0].featureMap!.map.data[1]).toBe(0.25);
    // Idle: another digit is read at once, with the weights as they are (step 10).
    s.setFeatureDigit(new Float32Array(784).fill(0.75), { kind: 'test', index: 37, label: 4 });
    expect(s.getSnapshot().featureDigit).toEqual({ kind: 'test', index: 37, label: 4, version: 2 });
    const m = await s.featureMapFor('a', 'conv0');
    expect([...m.data]).toEqual([10, 0.75]);
    expect(s.getSnapshot().sets!.digit.labels[0]).toBe(4);
    expect(() => s.setFeatureDigit(new Float32Array(10), { kind: 'drawn' })).toThrow(/28×28 \(784 values\), not 10/);
  });

  it('trains two variants of one model side by side, each under its own key, with its knobs', async () => {
    const { rt, runs, created } = fakeRuntime();
    const a: TrainModel = plain('densenet_digits');
    const b: TrainModel = {
      key: 'densenet_digits-b',
      id: 'densenet_digits',
      knobs: { growthRate: 24 },
      variant: 'k=24',
      label: 'densenet_digits (k=24)',
      labQuery: 'k=24',
    };
    const layers: string[] = [];
    const s = new TrainSession(rt, {
      ...options([]),
      models: [a, b],
      layerOf: (m) => {
        layers.push(m.key);
        return 'conv0';
      },
    });
    const labels = new Set<string>();
    s.subscribe(() => labels.add(s.getSnapshot().progress?.label ?? ''));
    await s.start();
    // The runtime builds each network from its id and knobs, on the job's backend.
    expect(created).toEqual([
      { model: a, backend: 'wasm' },
      { model: b, backend: 'wasm' },
    ]);
    expect(layers).toEqual(['densenet_digits', 'densenet_digits-b']);
    const snap = s.getSnapshot();
    expect(snap.models.map((m) => [m.key, m.id, m.label, m.status])).toEqual([
      ['densenet_digits', 'densenet_digits', 'densenet_digits', 'done'],
      ['densenet_digits-b', 'densenet_digits', 'densenet_digits (k=24)', 'done'],
    ]);
    expect(snap.models[1]).toMatchObject({ knobs: { growthRate: 24 }, labQuery: 'k=24' });
    expect([...labels]).toContain('Training densenet_digits (k=24): step 10 of 10');
    // Weights and feature maps are asked for by key: the second variant's run answers.
    runs[1].stepsDone = 7;
    expect((await s.weights('densenet_digits-b')).bytes).toEqual(Uint8Array.of(7));
    expect((await s.weights('densenet_digits')).bytes).toEqual(Uint8Array.of(10));
    expect((await s.featureMapFor('densenet_digits-b', 'features.1')).data[0]).toBe(7);
    await expect(s.weights('densenet_digits-c')).rejects.toThrow(/no weights/);
  });

  it('refuses two models with one key, and stops with the runtime’s sentence when a network is too big to train', async () => {
    const { rt, runs } = fakeRuntime();
    expect(() => new TrainSession(rt, options(['a', 'a']))).toThrow(/a key of its own/);
    const big: TrainModel = { ...plain('b'), knobs: { refuse: true }, label: 'b (k=128)' };
    const s = new TrainSession(rt, { ...options([]), models: [plain('a'), big] });
    await s.start();
    const snap = s.getSnapshot();
    expect(snap.phase).toBe('failed');
    expect(snap.error).toBe('Training stopped: b (k=128): This network is too big to train on WebAssembly');
    expect(snap.models.map((m) => m.status)).toEqual(['done', 'failed']);
    expect(runs).toHaveLength(1);
  });
});
