'use client';

/**
 * Real reuse. By default densenet_digits, the DenseNet-BC that ships trained on digits: how much
 * each layer's trained 1×1 bottleneck weights each earlier layer (the paper's Fig. 5), next to the
 * same network with random weights, and, after a click, its real input tensor for a chosen layer,
 * channel by channel, grouped by the layer that produced each channel and checked against that
 * layer's own output. The ImageNet-shaped block (random weights, on a photo) is the other choice.
 * tfjs and the test digits are loaded on the first click only; the heat maps need neither.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { DigitPad, type PadDigit } from '@/components/digits/DigitPad';
import { useTfjsJob } from '@/components/hooks/useTfjsJob';
import { BackendSelect } from '@/components/ui/BackendSelect';
import { Button } from '@/components/ui/Button';
import { RunButton } from '@/components/ui/RunButton';
import { RunReport } from '@/components/ui/RunReport';
import { Select } from '@/components/ui/Select';
import { Slider } from '@/components/ui/Slider';
import { WidgetFrame } from '@/components/ui/WidgetFrame';
import { formatMs, formatPercent } from '@/lib/format';
import { DIGIT_CLASSES } from '@/lib/lab/digits-input';
import { digitsTestSet } from '@/lib/lab/digits-test-set';
import { BACKEND_CHOICES } from '@/lib/url-state/common-params';
import { sourceColor } from '@/lib/widgets/dense-connectivity/colors';
import { listNodes } from '@/lib/widgets/dense-connectivity/layout';
import { layerBands, reuseView } from '@/lib/widgets/dense-reuse/block';
import {
  REUSE_BLOCK,
  REUSE_DIGITS,
  REUSE_DIGITS_MODEL,
  REUSE_SAMPLES,
  SAMPLE_FILES,
  SAMPLE_LABELS,
  reuseLayers,
  type DenseReuseSchema,
  type ReuseNet,
} from '@/lib/widgets/dense-reuse/meta';
import type { ReuseResult } from '@/lib/widgets/dense-reuse/run';
import { trainedAccuracy, trainedWeights } from '@/lib/widgets/dense-reuse/weights';
import type { WidgetProps } from '@/lib/widgets/types';
import { WEIGHT_SOURCE_LABELS } from '@/lib/weights/sources';
import { ReuseBands } from './ReuseBands';
import { ReuseFigure } from './ReuseFigure';
import { useReuseWeights } from './useReuseWeights';

/** What a run used, so its labels stay right when the controls move on. */
interface Ran extends ReuseResult {
  readonly net: ReuseNet;
  readonly weights: 'trained' | 'random';
  readonly seed: number;
  /** "test digit 0 (a 1)" or "your drawing". */
  readonly input: string;
}

const PIXELS = 28 * 28;

export function DenseReuse({ state, onChange }: WidgetProps<DenseReuseSchema>) {
  const job = useTfjsJob();
  const [last, setLast] = useState<Ran | null>(null);
  const [started, setStarted] = useState(false);
  const startedRef = useRef(false);
  const net = state.net;
  const digits = net === 'digits';
  const L = reuseLayers(net);
  const layer = Math.min(state.layer, L + 1);
  const block = digits ? state.block - 1 : 0;

  const weights = useReuseWeights(digits, state.seed);
  const trainedUsable = weights.trained.kind !== 'missing' && weights.trained.kind !== 'error';
  // Trained unless the reader chose random, or the site has none (then random, and a notice says why).
  const use: 'trained' | 'random' = digits && state.weights === 'trained' && trainedUsable ? 'trained' : 'random';
  // The digit pad (drawn, or a test digit) once it is shown: the first run reads test digit
  // `state.digit` straight from the test split; the pad appears with it (so the lesson fetches
  // the 7.9 MB of test digits only when the reader asks for a run).
  // `heard`: the pad has spoken, so its null means an empty drawing (nothing to read), not "not shown yet".
  const [pad, setPad] = useState<{ heard: boolean; digit: PadDigit | null }>({ heard: false, digit: null });
  const padRef = useRef(pad);
  useLayoutEffect(() => {
    padRef.current = pad;
  });
  const onPad = useCallback((digit: PadDigit | null) => setPad({ heard: true, digit }), []);
  const d = pad.digit;
  const inputKey: unknown = d ? (d.source === 'test' ? `test:${d.index}` : d.pixels) : pad.heard ? 'empty' : `test:${state.digit}`;

  const runJob = job.run;
  const { sample, seed, backend, digit } = state;
  const random = weights.random;
  const start = useCallback(async () => {
    // An empty drawing: nothing to read (the pad says so) until the reader draws or picks a digit.
    if (digits && padRef.current.heard && !padRef.current.digit) return;
    startedRef.current = true;
    setStarted(true);
    const result = await runJob(digits ? `Running ${REUSE_DIGITS_MODEL}` : 'Running the block', async (ctx) => {
      const run = await import('@/lib/widgets/dense-reuse/run');
      if (!digits) return run.runReuse(sample, seed, backend, ctx.request);
      const sd = use === 'trained' ? await trainedWeights({ signal: ctx.signal }) : random?.sd;
      if (!sd) throw new Error('the random weights are not ready yet');
      const p = padRef.current.digit;
      const pixels = p ? p.pixels : (await digitsTestSet({ signal: ctx.signal })).images.subarray(digit * PIXELS, (digit + 1) * PIXELS);
      return run.runDigitsReuse(pixels, sd, backend, ctx.request);
    });
    const p = padRef.current.digit;
    const input = !digits ? SAMPLE_LABELS[sample] : p?.source === 'drawn' ? 'your drawing' : `test digit ${p ? p.index : digit}`;
    if (result) setLast({ ...result, net, weights: digits ? use : 'random', seed, input });
    // inputKey stands for the pad's digit (read through padRef).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [runJob, digits, net, sample, seed, backend, use, random, digit, inputKey]);

  // After the reader has opted in once, new inputs re-run by themselves.
  useEffect(() => {
    if (startedRef.current) void start();
  }, [start]);

  const view = reuseView(net);
  const result = last && last.net === net ? last : null;
  const nodes = view.blocks[block];
  const bands = layerBands(view, block, layer);
  const inputMap = result?.maps.get(nodes.reads[layer - 1]);
  const weightSet = use === 'trained' && weights.trained.kind === 'ready' ? weights.trained.set : use === 'random' ? random : null;
  const column = digits ? (weightSet?.reuse[block].targets[layer - 1]?.relative ?? null) : null;
  const accuracy = trainedAccuracy();
  // The site's wording (lib/weights/sources.ts): "Seeded random (seed N)" in pickers, "random weights (seed N)" in results.
  const weightsName = (w: 'trained' | 'random', s: number) => (w === 'trained' ? 'trained weights' : `random weights (seed ${s})`);
  const layerName = layer === L + 1 ? 'the block output' : `H${layer}`;

  return (
    <WidgetFrame
      title="Real reuse: the concatenation, in real tensors"
      subtitle={
        digits
          ? `${REUSE_DIGITS_MODEL}: a DenseNet-BC with ${REUSE_DIGITS.blocks} blocks of ${REUSE_DIGITS.L} layers (k = 12) for 28×28 digits, ${use === 'trained' ? 'trained' : 'with random weights'}, running in your browser.`
          : `A DenseNet-B block with seeded random weights: ImageNet stem (256 px → 64×64, k₀ = ${REUSE_BLOCK.k0}), then ${L} layers with k = ${REUSE_BLOCK.k}, running in your browser.`
      }
    >
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <Select
          control="net"
          label="Network"
          value={net}
          options={[
            ['digits', `${REUSE_DIGITS_MODEL} (digits)`],
            ['imagenet', 'ImageNet-shaped block (photo)'],
          ]}
          onChange={(v) => onChange({ net: v })}
        />
        {digits ? (
          <Select
            control="weights"
            label="Weights"
            value={use}
            options={[
              ...(trainedUsable ? [['trained', `Trained${accuracy !== null ? ` (${formatPercent(accuracy)} on test digits)` : ''}`] as const] : []),
              ['random', `${WEIGHT_SOURCE_LABELS.random} (seed ${state.seed})`] as const,
            ]}
            onChange={(v) => onChange({ weights: v })}
          />
        ) : (
          <Select
            control="sample"
            label="Photo"
            value={state.sample}
            options={REUSE_SAMPLES.map((s) => [s, SAMPLE_LABELS[s]] as const)}
            onChange={(s) => onChange({ sample: s })}
          />
        )}
        {digits ? (
          <Select
            control="block"
            label="Dense block"
            value={String(state.block)}
            options={Array.from({ length: REUSE_DIGITS.blocks }, (_, i) => [String(i + 1), `Block ${i + 1}`] as const)}
            onChange={(v) => onChange({ block: Number(v) })}
          />
        ) : null}
        <Slider
          control="layer"
          label="Show the input of"
          value={layer}
          min={1}
          max={L + 1}
          onChange={(v) => onChange({ layer: v })}
          format={(v) => (v === L + 1 ? 'block output' : `H${v}`)}
        />
        <BackendSelect value={state.backend} choices={BACKEND_CHOICES} onChange={(b) => onChange({ backend: b })} />
      </div>
      {digits && (weights.trained.kind === 'error' || weights.trained.kind === 'missing') ? (
        <p role="status" className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-[13px] text-amber-950 dark:bg-amber-500/10 dark:text-amber-100">
          The trained weights could not be loaded ({weights.trained.message}), so the network runs with random weights.
        </p>
      ) : null}
      {state.layer > L + 1 ? (
        <p role="status" className="mt-2 text-[13px] text-amber-800 dark:text-amber-200">
          Layer {state.layer} does not exist here (blocks have {L} layers): showing the block output.
        </p>
      ) : null}

      {digits ? <ReuseFigure weights={weights} selected={{ block, layer }} accuracy={accuracy} /> : null}

      <RunButton
        onRun={start}
        job={job}
        idleText={
          result ? undefined : `Nothing runs until you press the button (TensorFlow.js is about 1.5 MB${digits ? ', the test digits about 7.9 MB' : ''}).`
        }
        doneText={result ? `Done: one forward pass in ${formatMs(result.ms)}, ${weightsName(result.weights, result.seed)}.` : undefined}
        errorText={(m) => `The network could not run: ${m}`}
        extra={
          <Button control="seed" onClick={() => onChange({ seed: (state.seed + 1) % 2 ** 31 })} disabled={job.running}>
            New random weights
          </Button>
        }
      >
        {result ? 'Run again' : digits ? 'Run the network' : 'Run the block'}
      </RunButton>

      <div className="mt-3 flex flex-wrap items-start gap-3">
        {digits ? (
          started ? (
            <div className="w-full max-w-md">
              <DigitPad onDigit={onPad} testDigit={state.digit} onTestDigit={(d) => onChange({ digit: d })} />
            </div>
          ) : null
        ) : (
          // eslint-disable-next-line @next/next/no-img-element
          <img src={SAMPLE_FILES[state.sample]} alt={SAMPLE_LABELS[state.sample]} width={96} height={96} className="h-24 w-24 rounded-md object-cover" />
        )}
        <div className="min-w-0 flex-1 text-[13px] text-slate-700 dark:text-slate-300">
          {result && digits ? (
            <p data-testid="reuse-prediction">
              <Prediction input={result.input} probabilities={result.probabilities} random={result.weights === 'random'} />
            </p>
          ) : null}
          <p>
            <strong>{layer === L + 1 ? 'The block output' : `H${layer}`}</strong> reads {bands.reduce((a, b) => a + b.size, 0)} channels:{' '}
            {layer === 1
              ? 'only x₀, the block’s input.'
              : `the concatenation of ${listNodes(
                  bands.map((b) => b.source),
                  L,
                )}.`}
          </p>
          <div className="mt-1.5 flex h-3 w-full max-w-md overflow-hidden rounded" aria-hidden="true">
            {bands.map((b) => (
              <div key={b.source} style={{ flexGrow: b.size, background: sourceColor(b.source) }} />
            ))}
          </div>
          {result ? (
            <div className="mt-2">
              <RunReport backend={result.backend} tensors={{ before: result.tensorsBefore, after: result.tensorsAfter }} />
            </div>
          ) : null}
        </div>
      </div>

      {result && inputMap ? (
        <ReuseBands
          bands={bands}
          input={inputMap}
          sourceMaps={nodes.sources.map((s) => result.maps.get(s))}
          layerName={layerName}
          first={layer === 1}
          weight={column}
          weightsName={weightsName(use, state.seed)}
          tileSize={digits && block > 0 ? 36 : 44}
        />
      ) : null}
    </WidgetFrame>
  );
}

function Prediction({ input, probabilities, random }: { input: string; probabilities: readonly number[]; random: boolean }) {
  const best = probabilities.indexOf(Math.max(...probabilities));
  return (
    <>
      The network reads {input} as <strong>{DIGIT_CLASSES[best]}</strong> ({formatPercent(probabilities[best])})
      {random ? ': with random weights that means nothing.' : '.'}
    </>
  );
}
