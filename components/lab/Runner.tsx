'use client';

import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Graph } from '@/lib/arch/ir';
import type { Dataset } from '@/lib/arch/registry';
import { BACKEND_LABELS } from '@/lib/runtime/backend-names';
import { fallbackNotice } from '@/lib/runtime/backend-policy';
import { formatBytes, formatInt, formatMs, formatPercent } from '@/lib/format';
import { footprint } from '@/lib/arch/footprint';
import { guardRun } from '@/lib/runtime/run-guard';
import { type Coalesced, coalesce } from '@/lib/runtime/coalesce';
import { useRunGuard } from '@/components/hooks/useRunGuard';
import { RunGuardNotice } from '@/components/ui/RunGuardNotice';
import { type RunResult, type WeightsLabel, makeHandle } from '@/lib/lab/handle';
import type { ProgressState } from '@/lib/lab/progress';
import type { BackendChoice, RunSession, WeightsSource } from '@/lib/lab/session';
import { type ValueConfirmText, valueConfirmText, weightsErrorMessage } from '@/lib/lab/weights-message';
import { DigitPad, type PadDigit } from '@/components/digits/DigitPad';
import { greyImage } from '@/lib/lab/digits-input';
import { InputPicker } from './InputPicker';
import { type BackendStatus, RunnerOutput } from './RunnerOutput';
import { useDigitInput } from './useDigitInput';
import { useRunnerInput } from './useRunnerInput';
import { errorText, FULL_PLAN, isRandom, labelOf, LOAD_PLAN, RUN_PLAN, sameWeights, weightsLabelText } from './runner-plan';
import { imagenetErrorMessage, imagenetProgressDetail } from '@/lib/weights/imagenet/labels';
import { isCancelled } from '@/lib/runtime/cancel';
import { defaultSource } from '@/lib/weights/sources';
import { useImagenetWeights } from './useImagenetWeights';
import { WeightsPicker, type WeightsMode } from './WeightsPicker';
import { fitsRegisteredModel, kindOfUrlValue, shippedFor, urlSourcesFor, urlValueOf, type UrlWeightSource } from '@/lib/weights/sources';
import { shippedDigits } from '@/lib/weights/shipped-digits-index';

export type { BackendStatus };

export interface RunnerProps {
  readonly graph: Graph;
  /** Which input the model takes (ModelEntry.dataset): a photo, or for 'digits' a test digit. Default 'imagenet'. */
  readonly dataset?: Dataset;
  readonly backend: BackendChoice;
  /** Sample photo id ('chelsea' | 'coffee' | 'astronaut' | 'rocket'). */
  readonly sample: string;
  readonly seed: number;
  readonly onSampleChange?: (sample: string) => void;
  /** Without it the seed field still works, locally. */
  readonly onSeedChange?: (seed: number) => void;
  /** Digits models: the test digit shown (index into the test split); local without onDigitChange. */
  readonly digit?: number;
  readonly onDigitChange?: (digit: number) => void;
  /** The registered model the graph was built from (the lab's knobs rename it); default graph.id. */
  readonly modelId?: string;
  /**
   * Which weights the reader chose (the lab's `weights=` URL value, lib/weights/sources.ts);
   * default: the model's default source (its shipped trained weights for a digits model, else
   * random). Local state unless onWeightSourceChange is given.
   */
  readonly weightSource?: UrlWeightSource;
  readonly onWeightSourceChange?: (source: UrlWeightSource) => void;
  /**
   * Weights to load as if the reader had picked the file (the lab's `trained=` link, from /train).
   * Each new object is loaded and run once; null or undefined changes nothing.
   */
  readonly initialWeights?: { readonly name: string; readonly blob: Blob } | null;
  /** After every successful run; the result is also a handle for feature maps and profiles. */
  readonly onRun?: (result: RunResult) => void;
  /** The last result no longer matches the model (graph changed and no new run yet). */
  readonly onInvalidate?: () => void;
  /** Backend in use after each start or fallback. */
  readonly onBackendChange?: (status: BackendStatus) => void;
  /** When the run guard refuses or asks (true) and when that is answered (false): a folded runner opens. */
  readonly onGuardQuestion?: (asking: boolean) => void;
  /** Run once on mount (loads tfjs straight away). Default false: the reader presses Run. */
  readonly autoRun?: boolean;
  readonly className?: string;
}

/**
 * The "run" half of the model lab: choose an input (sample photo, upload, camera; for a digits
 * model a test digit of the dataset) and weights (seeded random, a torchvision .safetensors file,
 * or weights trained on /train), run the model in the browser, see the top-5.
 *
 * Owns one RunSession (tfjs backend + Model + input tensor): created on the first run, rebuilt for
 * a new graph, disposed on unmount, so tf.memory().numTensors returns to its baseline. After the
 * first run, any change of input, weights, graph or backend runs again by itself.
 */
export function Runner(props: RunnerProps) {
  const { graph, backend, autoRun = false, className } = props;
  const dataset = props.dataset ?? 'imagenet';
  const digits = dataset === 'digits';

  const [localSample, setLocalSample] = useState(props.sample);
  const [localSeed, setLocalSeed] = useState(props.seed);
  // Controlled when the parent listens, local otherwise (follow the prop when it changes).
  const [seenProps, setSeenProps] = useState({ sample: props.sample, seed: props.seed });
  if (seenProps.sample !== props.sample || seenProps.seed !== props.seed) {
    setSeenProps({ sample: props.sample, seed: props.seed });
    setLocalSample(props.sample);
    setLocalSeed(props.seed);
  }
  const sampleId = props.onSampleChange ? props.sample : localSample;
  const seed = props.onSeedChange ? props.seed : localSeed;

  const input = useRunnerInput(sampleId, (id) => (props.onSampleChange ? props.onSampleChange(id) : setLocalSample(id)));
  const [localDigit, setLocalDigit] = useState(props.digit ?? 0);
  const [seenDigit, setSeenDigit] = useState(props.digit);
  if (seenDigit !== props.digit) {
    setSeenDigit(props.digit);
    setLocalDigit(props.digit ?? 0);
  }
  const digitIndex = props.onDigitChange ? (props.digit ?? 0) : localDigit;
  const digitInput = useDigitInput(digits, digitIndex);
  const chooseDigit = (d: number) => (props.onDigitChange ? props.onDigitChange(d) : setLocalDigit(d));
  // A digits model's input is the test digit above, unless the reader is drawing on the pad:
  // then `drawn` holds the drawing (digit null while the pad is empty: no run, no prediction).
  const [drawn, setDrawn] = useState<{ readonly digit: Extract<PadDigit, { source: 'drawn' }> | null } | null>(null);
  const drawnImage = useMemo(() => (drawn?.digit ? greyImage(drawn.digit.pixels, 28, 28) : null), [drawn]);

  // Which weights: the reader's choice (the URL's `weights=`, or local), else the model's default.
  const modelId = props.modelId ?? graph.id;
  const fits = useMemo(() => fitsRegisteredModel(graph, modelId), [graph, modelId]);
  const shipped = shippedFor(modelId, { registeredShape: fits });
  const defaultChoice = urlSourcesFor(modelId)[0];
  // Local at once (the URL follows asynchronously), and following the prop when it changes.
  const [localChoice, setLocalChoice] = useState<UrlWeightSource | undefined>(props.weightSource);
  const [seenChoice, setSeenChoice] = useState(props.weightSource);
  if (seenChoice !== props.weightSource) {
    setSeenChoice(props.weightSource);
    setLocalChoice(props.weightSource);
  }
  const choice: UrlWeightSource = localChoice ?? defaultChoice;
  // A /train handoff (initialWeights) is picked as a file without touching the URL, which names it itself (trained=).
  const [override, setOverride] = useState<WeightsMode | null>(null);
  const weightsMode: WeightsMode = override ?? modeOfChoice(choice);
  const setWeightsMode = (m: WeightsMode) => {
    // The host's ImageNet weights are known only once its manifest is read: that choice stays local.
    if (m === 'imagenet') return setOverride('imagenet');
    setOverride(null);
    const v = urlValueOf(m === 'seeded' ? 'random' : m === 'shipped' ? 'shipped-digits' : 'file') as UrlWeightSource;
    setLocalChoice(v);
    props.onWeightSourceChange?.(v);
  };
  const [weightsFile, setWeightsFile] = useState<{ name: string; blob: Blob; allowValueIssues?: boolean } | null>(null);
  // What runs: a file chosen but not picked yet, or shipped weights the knobs no longer fit, fall
  // back to the shipped weights when they fit, else to random ones (the picker says which).
  const effectiveMode: WeightsMode =
    weightsMode === 'file' && !weightsFile ? (shipped ? 'shipped' : 'seeded') : weightsMode === 'shipped' && !shipped ? 'seeded' : weightsMode;
  const [weightsError, setWeightsError] = useState<string | null>(null);
  // A file whose values need the reader's word (NaN/Inf, negative variances): load anyway, or keep.
  const [valueQuestion, setValueQuestion] = useState<{ name: string; blob: Blob; text: ValueConfirmText } | null>(null);
  const [loaded, setLoaded] = useState<WeightsLabel | null>(null);
  // The host's ImageNet weights (its manifest): the default for the model until the reader picks
  // other weights; a download that fails leaves what was loaded and says why.
  const imagenet = useImagenetWeights(graph.id);
  const [weightsTouched, setWeightsTouched] = useState(false);
  const [imagenetDefaulted, setImagenetDefaulted] = useState<string | null>(null);
  // The site's one default rule (lib/weights/sources.ts): learned weights when the site has them.
  const imagenetIsDefault = imagenet.entry !== null && defaultSource(graph.id, { imagenetAvailable: true }) === 'imagenet';
  if (
    imagenet.entry &&
    imagenetIsDefault &&
    !weightsTouched &&
    weightsMode === 'seeded' &&
    imagenetDefaulted !== imagenet.entry.sha256 &&
    !props.initialWeights
  ) {
    setImagenetDefaulted(imagenet.entry.sha256);
    setWeightsMode('imagenet');
  }
  const downloadRef = useRef<AbortController | null>(null);

  const [progress, setProgress] = useState<ProgressState | null>(null);
  const [runError, setRunError] = useState<string | null>(null);
  const [result, setResult] = useState<RunResult | null>(null);
  const [backendStatus, setBackendStatus] = useState<BackendStatus | null>(null);
  const [numTensors, setNumTensors] = useState<number | null>(null);

  const [live, setLive] = useState(autoRun);
  const [token, setToken] = useState(0);
  const guard = useRunGuard();

  const sessionRef = useRef<Promise<RunSession> | null>(null);
  const sessionBackendRef = useRef<BackendChoice>(backend);
  const opRef = useRef(0);
  const callbacks = useRef(props);
  useLayoutEffect(() => {
    callbacks.current = props;
  });

  const asking = guard.question !== null;
  useEffect(() => callbacks.current.onGuardQuestion?.(asking), [asking]);

  const reportBackend = useCallback((s: RunSession, message: string | null) => {
    const b = s.backend;
    const status: BackendStatus = { backend: b.backend, renderer: b.renderer, gpuTimer: b.gpuTimer, message, threads: b.threads, convKernels: b.convKernels };
    setBackendStatus(status);
    callbacks.current.onBackendChange?.(status);
  }, []);

  /** The session, opened on first use with hooks that feed the progress bar. */
  const getSession = useCallback((): Promise<RunSession> => {
    if (!sessionRef.current) {
      sessionBackendRef.current = backend;
      const p = import('@/lib/lab/session').then(({ RunSession }) =>
        RunSession.open(backend, {
          onPhase: (phase, fraction) => setProgress((prev) => (prev ? { ...prev, phase, fraction } : prev)),
          onBackendFallback: (_info, message) => {
            void p.then((s) => {
              reportBackend(s, message);
              // Rebuilt on the next backend with the same input and weights: run again there.
              setToken((t) => t + 1);
            });
          },
        }),
      );
      p.then(
        (s) => {
          reportBackend(s, fallbackNotice(sessionBackendRef.current, s.backend));
        },
        () => {
          sessionRef.current = null;
        },
      );
      sessionRef.current = p;
    }
    return sessionRef.current;
  }, [backend, reportBackend]);

  // Dispose everything on unmount (StrictMode's mount-unmount-mount included).
  useEffect(
    () => () => {
      downloadRef.current?.abort();
      const p = sessionRef.current;
      sessionRef.current = null;
      opRef.current++;
      void p?.then(
        (s) => s.dispose(),
        () => undefined,
      );
    },
    [],
  );

  const imagenetWanted = weightsMode === 'imagenet' ? imagenet.entry : null;
  const wantedWeights = (): WeightsSource =>
    effectiveMode === 'file' && weightsFile
      ? { kind: 'file', name: weightsFile.name, blob: weightsFile.blob, allowValueIssues: weightsFile.allowValueIssues }
      : effectiveMode === 'shipped' && shipped
        ? { kind: 'shipped-digits', id: shipped.id }
        : { kind: 'seeded', seed };
  /** What a failed load falls back to when nothing is loaded yet: the shipped weights when they fit and were not what failed, else random. */
  const fallbackWeights = (failed: WeightsSource): Extract<WeightsSource, { kind: 'seeded' | 'shipped-digits' }> =>
    shipped && failed.kind !== 'shipped-digits' ? { kind: 'shipped-digits', id: shipped.id } : { kind: 'seeded', seed };

  const runNow = async () => {
    // The pad is the input and empty: nothing to read (the pad shows a hint).
    if (digits && drawn && !drawnImage) return;
    const op = ++opRef.current;
    const current = () => op === opRef.current;
    const existing = sessionRef.current;
    setRunError(null);
    // While the reader draws, a pass runs for each new drawing: no progress bar flickering each time
    // (a load, when one is needed, still shows its progress below).
    if (!(drawn && existing)) setProgress({ plan: existing ? RUN_PLAN : FULL_PLAN, phase: existing ? 'run' : 'tfjs', fraction: 0 });
    try {
      const s = await getSession();
      if (!current()) return;
      if (sessionBackendRef.current !== backend) {
        sessionBackendRef.current = backend;
        setProgress({ plan: FULL_PLAN, phase: 'tfjs', fraction: 0 });
        await s.setBackend(backend);
        reportBackend(s, fallbackNotice(backend, s.backend));
      }
      // Before any weights are built: refuse what cannot fit this backend, ask before a long run.
      const on = s.backend.backend;
      const decision = guardRun(footprint(graph), on, { passes: s.graph === graph && s.hasModel ? 1 : 2 });
      const again = () => {
        setLive(true);
        setToken((t) => t + 1);
      };
      if (!guard.allow(`${graph.id}@${graph.input.join('x')}|${on}`, decision, again)) return;
      const image = digits ? (drawnImage ?? (await digitInput.currentImage())) : await input.currentImage();
      if (s.image !== image || s.dataset !== dataset) await s.setInput(image, dataset);
      let want = wantedWeights();
      const entry = imagenetWanted;
      if (entry && !(s.weights?.kind === 'imagenet' && s.weights.entry.sha256 === entry.sha256)) {
        // Download (or take from this browser's cache) and check the host's file before the model sees it.
        downloadRef.current?.abort();
        const ac = new AbortController();
        downloadRef.current = ac;
        setProgress({ plan: LOAD_PLAN, phase: 'weights', fraction: 0, detail: imagenetProgressDetail({ loaded: 0, total: entry.bytes, stage: 'download' }) });
        try {
          const got = await imagenet.fetch(entry, {
            signal: ac.signal,
            onProgress: (pr) =>
              current() && setProgress({ plan: LOAD_PLAN, phase: 'weights', fraction: (0.8 * pr.loaded) / pr.total, detail: imagenetProgressDetail(pr) }),
          });
          if (!current()) return;
          want = { kind: 'imagenet', entry, bytes: got.bytes };
        } catch (e) {
          if (!current() || isCancelled(e)) return;
          const kept = s.graph === graph && s.hasModel ? weightsLabelText(labelOf(s.weights)) : `seeded random, seed ${seed}`;
          setWeightsError(imagenetErrorMessage(graph.id, errorText(e), kept));
          setWeightsTouched(true);
          const w = s.graph === graph && s.hasModel ? s.weights : null;
          setWeightsMode(w?.kind === 'file' ? 'file' : w?.kind === 'imagenet' ? 'imagenet' : 'seeded');
          want = w ?? { kind: 'seeded', seed };
        }
      } else if (entry && s.weights?.kind === 'imagenet') {
        want = s.weights;
      }
      if (s.graph !== graph || !s.hasModel || !sameWeights(s.weights, want)) {
        setProgress({ plan: LOAD_PLAN, phase: 'weights', fraction: 0 });
        const r = await s.load(graph, want);
        if (!r.ok) {
          const kept = s.graph === graph && s.hasModel ? weightsLabelText(labelOf(s.weights)) : null;
          const fallback = fallbackWeights(want);
          const fallbackText = fallback.kind === 'seeded' ? `seeded random, seed ${seed}` : 'shipped trained weights';
          const stays = kept ?? (s.hasModel ? null : fallbackText);
          if (want.kind === 'file' && r.findings?.length)
            setValueQuestion({ name: want.name, blob: want.blob, text: valueConfirmText(want.name, r.findings, stays) });
          else if (want.kind === 'file') setWeightsError(weightsErrorMessage(want.name, graph.id, r.issues, stays));
          else if (want.kind === 'imagenet') setWeightsError(weightsErrorMessage(want.entry.file, graph.id, r.issues, stays));
          else if (want.kind === 'shipped-digits')
            // The loader's own sentence (download, size, SHA-256), then what runs instead.
            setWeightsError(`${r.issues.map((i) => i.message).join(' ')}${stays ? ` The model runs with ${stays} instead.` : ''}`);
          // Keep (or fall back to) weights that fit: the previous ones, else the default's fallback.
          if (!s.hasModel) {
            let loaded = await s.load(graph, fallback);
            if (!loaded.ok && fallback.kind !== 'seeded') loaded = await s.load(graph, { kind: 'seeded', seed });
            if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('; '));
          }
          if (current()) {
            // The picker shows what is loaded again, so later re-runs don't retry the bad file.
            const w = s.weights;
            setWeightsMode(w?.kind === 'file' ? 'file' : w?.kind === 'shipped-digits' ? 'shipped' : w?.kind === 'imagenet' ? 'imagenet' : 'seeded');
            setWeightsFile(w?.kind === 'file' ? { name: w.name, blob: w.blob, allowValueIssues: w.allowValueIssues } : null);
          }
        } else if (want.kind !== 'seeded') {
          setWeightsError(null);
        }
      }
      if (current()) setLoaded(labelOf(s.weights));
      const out = await s.run();
      if (!current()) return;
      const weights = labelOf(s.weights) as WeightsLabel;
      const res: RunResult = { ...makeHandle(s, graph, weights), ...out, randomWeights: isRandom(s.weights) };
      setResult(res);
      setNumTensors(s.numTensors());
      callbacks.current.onRun?.(res);
    } catch (e) {
      if (current()) setRunError(`The model could not run: ${errorText(e)}`);
    } finally {
      if (current()) setProgress(null);
    }
  };

  const runRef = useRef(runNow);
  useLayoutEffect(() => {
    runRef.current = runNow;
  });

  // One run at a time, the latest wins (lib/runtime/coalesce.ts): drawing asks on every stroke
  // change, and the predictions keep up at the device's pace, one pass through the page's job
  // queue after another, always reading the latest drawing.
  const runs = useRef<Coalesced | null>(null);

  // Run when asked (token) and, once live, whenever what the run depends on changes.
  const weightsKey: unknown =
    effectiveMode === 'file' && weightsFile
      ? weightsFile.blob
      : imagenetWanted
        ? imagenetWanted.sha256
        : effectiveMode === 'shipped'
          ? `shipped:${shipped?.id}`
          : seed;
  const inputKey: unknown = digits ? (drawn ? drawn.digit : `digit:${digitInput.key}`) : input.key;
  const drawing = digits && drawn !== null;
  useEffect(() => {
    if (!live) return;
    // A short delay merges bursts (a knob dragged across values) into one rebuild; a drawing is
    // read at once (request() coalesces the strokes that come while a pass runs).
    const t = setTimeout(() => (runs.current ??= coalesce(() => runRef.current())).request(), drawing ? 0 : 200);
    return () => clearTimeout(t);
  }, [live, token, graph, inputKey, weightsKey, backend, drawing]);

  const onPadDigit = (d: PadDigit | null) => {
    if (d?.source === 'test') {
      setDrawn(null);
      return;
    }
    setDrawn({ digit: d });
    if (d) {
      // Drawing is asking for a reading: the model loads and runs without a press of Run.
      setLive(true);
      return;
    }
    // Cleared: no prediction for an empty pad (a run on its way is dropped).
    opRef.current++;
    setProgress(null);
    setResult(null);
    callbacks.current.onInvalidate?.();
  };

  // Weights handed over (the lab's trained= link): picked as if from the file input, and run.
  const [seenInitial, setSeenInitial] = useState<RunnerProps['initialWeights']>(null);
  if (props.initialWeights && props.initialWeights !== seenInitial) {
    setSeenInitial(props.initialWeights);
    setValueQuestion(null);
    setWeightsError(null);
    setWeightsFile({ name: props.initialWeights.name, blob: props.initialWeights.blob });
    setOverride('file');
    setLive(true);
    setToken((t) => t + 1);
  }

  // A new graph before any run: free the old model now rather than at the next run.
  const prevGraph = useRef(graph);
  useEffect(() => {
    if (prevGraph.current === graph) return;
    prevGraph.current = graph;
    callbacks.current.onInvalidate?.();
    if (!live && sessionRef.current) {
      void sessionRef.current.then(async (s) => {
        await s.unload();
        setNumTensors(s.numTensors());
      });
    }
  }, [graph, live]);

  const chooseSeed = (v: number) => {
    if (props.onSeedChange) props.onSeedChange(v);
    else setLocalSeed(v);
  };

  const busy = progress !== null;
  const idleText = runError
    ? 'The last run failed.'
    : drawn && !drawn.digit
      ? 'Draw a digit on the pad, or pick a test digit, and the model reads it.'
      : result
        ? `Ran ${result.graph.id} in ${formatMs(result.ms)} on ${BACKEND_LABELS[result.backend]}.`
        : digits
          ? 'Ready. Draw a digit on the pad, or press Run to read the test digit: TensorFlow.js loads and runs the model in your browser.'
          : 'Ready. Press Run to load TensorFlow.js and run the model in your browser.';

  return (
    <section
      aria-label="Run the model"
      className={`not-prose rounded-xl border border-slate-200 p-4 dark:border-slate-800 ${className ?? ''}`}
      data-testid="lab-runner"
      data-num-tensors={numTensors ?? undefined}
    >
      <div className="grid gap-6 md:grid-cols-2">
        <div className="space-y-5">
          {digits ? (
            <DigitPad testDigit={digitIndex} onTestDigit={chooseDigit} onDigit={onPadDigit} />
          ) : (
            <InputPicker
              mode={input.mode}
              sampleId={sampleId}
              upload={input.upload}
              frame={input.frame}
              error={input.error}
              onSample={input.chooseSample}
              onUpload={(f) => void input.chooseUpload(f)}
              onUseUpload={input.reuseUpload}
              onCameraFrame={(img) => {
                input.cameraFrame(img);
                setLive(true);
                setToken((t) => t + 1);
              }}
              onCameraError={input.setError}
            />
          )}
          <WeightsPicker
            fileKind={digits ? 'trained' : 'torchvision'}
            shipped={shipped ? { label: 'Trained', detail: shippedDetail(shipped.id) } : null}
            shippedUnavailable={
              !shipped && shippedDigits(modelId)
                ? `The trained weights shipped with the site fit ${modelId} with the paper's settings; these knobs make another network, so it runs with random weights.`
                : null
            }
            mode={weightsMode === 'imagenet' && !imagenet.entry ? 'seeded' : weightsMode}
            effectiveMode={effectiveMode}
            seed={seed}
            fileName={weightsFile?.name ?? null}
            loadedLabel={weightsLabelText(loaded)}
            error={weightsError}
            valueConfirm={
              valueQuestion && {
                text: valueQuestion.text,
                onKeep: () => setValueQuestion(null),
                onLoadAnyway: () => {
                  setValueQuestion(null);
                  setWeightsFile({ name: valueQuestion.name, blob: valueQuestion.blob, allowValueIssues: true });
                  setWeightsMode('file');
                  setLive(true);
                  setToken((t) => t + 1);
                },
              }
            }
            imagenet={imagenet.applicable && !digits ? { entry: imagenet.entry, ready: imagenet.ready } : undefined}
            onModeChange={(m) => {
              setValueQuestion(null);
              setWeightsError(null);
              setWeightsTouched(true);
              setWeightsMode(m);
            }}
            onSeedChange={(v) => {
              setWeightsTouched(true);
              chooseSeed(v);
            }}
            onFile={(f) => {
              setWeightsTouched(true);
              setValueQuestion(null);
              setWeightsError(null);
              setWeightsFile({ name: f.name, blob: f });
              setWeightsMode('file');
            }}
          />
        </div>

        <RunnerOutput
          busy={busy}
          onRun={() => {
            setLive(true);
            setToken((t) => t + 1);
          }}
          progress={progress}
          idleText={idleText}
          result={result}
          runError={runError}
          backendStatus={backendStatus}
          numTensors={numTensors}
          dataset={dataset}
          notice={<RunGuardNotice decision={guard.question} onConfirm={guard.confirm} onCancel={guard.cancel} />}
        />
      </div>
    </section>
  );
}

function modeOfChoice(v: UrlWeightSource): WeightsMode {
  const k = kindOfUrlValue(v);
  return k === 'shipped-digits' ? 'shipped' : k === 'file' ? 'file' : k === 'imagenet' ? 'imagenet' : 'seeded';
}

/** "98.6% on the 2,000 test digits · 1,250 steps of Adam (10 epochs) · 412 kB": what the shipped weights are. */
function shippedDetail(id: string): string {
  const s = shippedDigits(id);
  if (!s) return '';
  const t = s.record.training;
  const optimizer = t.settings.optimizer === 'adam' ? 'Adam' : 'SGD';
  return `${formatPercent(s.testAccuracy)} on the ${formatInt(s.record.test.n)} test digits · ${formatInt(t.steps)} steps of ${optimizer}${t.epochs ? ` (${t.epochs} epochs)` : ''} · ${formatBytes(s.bytes)}`;
}
