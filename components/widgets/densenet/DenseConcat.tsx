'use client';

/**
 * Dense concatenation, layer by layer: a DenseNet-B block computed in TensorFlow.js on a tiny
 * tensor (lib/widgets/dense-concat/run.ts), its feature buffer drawn as the pre-allocated storage
 * of k₀ + Lk channel slots that fill k at a time, and a running count of the bytes the two
 * implementations write (lib/widgets/dense-concat/bytes.ts), with DenseNet-121's first block from
 * the spec beside the toy. The shared stepper (components/hooks/useStepper.ts) steps and plays it.
 */
import { useEffect, useMemo, useState } from 'react';
import { useStepper } from '@/components/hooks/useStepper';
import { useTfjsJob } from '@/components/hooks/useTfjsJob';
import { ErrorNote } from '@/components/ui/Alert';
import { ParamSlider } from '@/components/ui/Slider';
import { Stat, StatGrid } from '@/components/ui/Stat';
import { StepperControls } from '@/components/ui/StepperControls';
import { hintClass } from '@/components/ui/styles';
import { TensorReadout } from '@/components/ui/TensorReadout';
import { formatBytes, formatInt, formatMacs } from '@/lib/format';
import { sourceColor } from '@/lib/widgets/dense-connectivity/colors';
import { inputBands } from '@/lib/widgets/dense-connectivity/layout';
import { concatBlockGraph, layerSpecs, shapeOfKnobs } from '@/lib/widgets/dense-concat/block';
import { naiveOverShared, realBlock, runningBytes, stateChannels, type BlockShape } from '@/lib/widgets/dense-concat/bytes';
import { denseConcatSchema, type DenseConcatSchema } from '@/lib/widgets/dense-concat/meta';
import type { ConcatResult } from '@/lib/widgets/dense-concat/run';
import type { WidgetProps } from '@/lib/widgets/types';
import { BytesBars } from './BytesBars';
import { MapTile } from './MapTile';

const sourceName = (s: number) => (s === 0 ? 'x₀' : `H${s}`);
const readsText = (step: number) => (step === 1 ? 'x₀ only' : step === 2 ? 'x₀ and H1' : `x₀ and H1–H${step - 1}`);
const sameShape = (a: BlockShape, b: BlockShape) => a.k0 === b.k0 && a.k === b.k && a.L === b.L && a.h === b.h && a.w === b.w;

export function DenseConcat({ state, onChange }: WidgetProps<DenseConcatSchema>) {
  const { L, k, k0, size, seed } = state;
  const shape = useMemo(() => shapeOfKnobs({ L, k, k0, size }), [L, k, k0, size]);
  const layers = useMemo(() => layerSpecs(concatBlockGraph({ L, k, k0, size })), [L, k, k0, size]);
  const rows = useMemo(() => runningBytes(shape), [shape]);
  const real = useMemo(() => realBlock('densenet121', 1), []);
  const stepper = useStepper({ step: state.step, total: L, onStep: (step) => onChange({ step }) });
  const step = stepper.step;

  const [result, setResult] = useState<ConcatResult | null>(null);
  const job = useTfjsJob();
  const runJob = job.run;
  useEffect(() => {
    // A newer run (or an unmount) cancels this one: the hook keeps only the latest.
    void runJob('Computing the dense block', async (ctx) => {
      const { runDenseConcat } = await import('@/lib/widgets/dense-concat/run');
      // A few thousand numbers: the CPU backend needs no GPU start-up and is always there.
      return runDenseConcat({ L, k, k0, size, seed, backend: 'cpu', ...ctx.request });
    }).then((r) => r && setResult(r));
  }, [runJob, L, k, k0, size, seed]);
  const error = job.status.kind === 'error' ? job.status.message : null;
  const current = result && sameShape(result.shape, shape) ? result : null;

  const channels = stateChannels(shape, step);
  const row = rows[step];
  const layer = step > 0 ? layers[step - 1] : null;
  const written = step === 0 ? { start: 0, size: k0 } : { start: stateChannels(shape, step - 1), size: k };
  const bands = inputBands(L + 1, k0, k);
  const storage = current ? { layout: 'NCHW' as const, shape: [1, stateChannels(shape, L), size, size], data: current.shared } : null;
  const fade = stepper.reducedMotion ? '' : 'transition-opacity duration-300';
  const measuredNaive = current ? current.naiveWritten.slice(0, step + 1).reduce((a, b) => a + b, 0) : null;

  return (
    <div {...stepper.keys}>
      <div className="grid grid-cols-2 gap-x-4 gap-y-2 sm:grid-cols-4">
        <ParamSlider schema={denseConcatSchema} name="L" label="Layers L" value={L} onChange={(v) => onChange({ L: v })} />
        <ParamSlider schema={denseConcatSchema} name="k" label="Growth rate k" value={k} onChange={(v) => onChange({ k: v })} />
        <ParamSlider schema={denseConcatSchema} name="k0" label="Input channels k₀" value={k0} onChange={(v) => onChange({ k0: v })} />
        <ParamSlider schema={denseConcatSchema} name="size" label="Map size H = W" value={size} onChange={(v) => onChange({ size: v })} />
      </div>

      <StepperControls
        stepper={stepper}
        statusTestId="concat-step"
        status={`Step ${step} of ${L}: ${step === 0 ? 'the block input x₀' : `layer H${step}`} · ${channels} channels`}
      />

      {error ? (
        <div className="mt-3 text-sm">
          <ErrorNote>TensorFlow.js could not compute the block: {error}</ErrorNote>
        </div>
      ) : null}

      <p className="mt-3 text-sm text-slate-800 dark:text-slate-200" data-testid="concat-layer">
        {layer ? (
          <>
            <strong>H{step}</strong> reads all {formatInt(layer.inChannels)} channels so far ({readsText(step)}), then BN → ReLU → 1×1 conv to{' '}
            {layer.bottleneck} → BN → ReLU → 3×3 conv to k = {layer.outChannels}: {formatMacs(layer.macs)}. Its {k} new channels go to slots {written.start}–
            {written.start + written.size - 1}.
          </>
        ) : (
          <>
            The block input x₀: {k0} channels of {size}×{size}. The shared storage is allocated for all {stateChannels(shape, L)} channels the block will hold;
            x₀ is written into its first {k0} slots.
          </>
        )}
      </p>

      <figure className="mt-2">
        <figcaption className={hintClass}>
          The block’s feature buffer: {stateChannels(shape, L)} channel slots of {size}×{size}, one tile per channel (computed by TensorFlow.js; each tile on
          its own colour scale). Dashed slots are allocated but not written yet.
        </figcaption>
        <ol
          className="mt-1.5 flex flex-wrap gap-1.5"
          aria-label={`Feature buffer after step ${step}: ${channels} of ${stateChannels(shape, L)} channels written`}
          data-testid="concat-buffer"
          data-channels={channels}
        >
          {bands.map((b) => {
            const filled = b.source <= step;
            const isNew = b.source === step;
            const read = step > 0 && b.source < step;
            return (
              <li
                key={b.source}
                className={`rounded-md border-l-4 bg-slate-50 px-1.5 py-1 dark:bg-slate-800/50 ${isNew ? 'ring-2 ring-accent-600 dark:ring-accent-400' : ''}`}
                style={{ borderColor: sourceColor(b.source) }}
                data-source={b.source}
                data-filled={filled ? 'true' : 'false'}
              >
                <p className="text-[11px] text-slate-700 dark:text-slate-300">
                  {sourceName(b.source)} · {b.start}–{b.start + b.size - 1}
                  {isNew ? ' · written now' : read ? ` · read by H${step}` : ''}
                </p>
                <div className="mt-0.5 flex flex-wrap gap-0.5">
                  {Array.from({ length: b.size }, (_, i) => {
                    const c = b.start + i;
                    return filled && storage ? (
                      <span key={c} className={fade}>
                        <MapTile map={storage} channel={c} size={22} label={`${sourceName(b.source)}, channel ${i + 1} (slot ${c})`} />
                      </span>
                    ) : (
                      <span
                        key={c}
                        aria-hidden="true"
                        className="inline-block rounded-sm border border-dashed border-slate-400 dark:border-slate-500"
                        style={{ width: 22, height: 22 }}
                      />
                    );
                  })}
                </div>
              </li>
            );
          })}
        </ol>
      </figure>

      <section className="mt-4" aria-label="Bytes written by the concatenations">
        <BytesBars rows={rows} step={step} shape={shape} />
        <StatGrid columns={3} className="mt-2">
          <Stat
            label="Naive: a fresh concat per layer"
            value={formatBytes(row.naiveTotal)}
            detail={
              step === 0
                ? 'nothing copied yet'
                : `Σ of the state after each layer: ${rows
                    .slice(1, step + 1)
                    .map((r) => r.channels)
                    .join(' + ')} channels`
            }
            testId="concat-naive"
            data={{ 'data-bytes': row.naiveTotal, 'data-measured': measuredNaive ?? '' }}
          />
          <Stat
            label="Shared storage: written once"
            value={formatBytes(row.sharedTotal)}
            detail={`${k0}${step > 0 ? ` + ${step}·${k}` : ''} = ${channels} channels`}
            testId="concat-shared"
            data={{ 'data-bytes': row.sharedTotal }}
          />
          <Stat
            label="Naive ÷ shared"
            value={step === 0 ? '—' : `${(row.naiveTotal / row.sharedTotal).toFixed(2)}×`}
            detail={`after all ${L} layers: ${naiveOverShared(shape).toFixed(2)}×`}
            testId="concat-ratio"
          />
        </StatGrid>
        {current ? (
          <p className={`mt-1.5 ${hintClass}`} data-testid="concat-check" data-diff={current.maxDiff[step]}>
            Measured on the tensors TensorFlow.js made: the naive concatenations so far hold {formatBytes(measuredNaive)}; the shared storage’s first {channels}{' '}
            channels{' '}
            {current.maxDiff[step] === 0 ? 'equal the naive state value for value (max |Δ| = 0)' : `differ from the naive state by ${current.maxDiff[step]}`}.
          </p>
        ) : (
          <p className={`mt-1.5 ${hintClass}`}>Computing the block with TensorFlow.js…</p>
        )}
      </section>

      <section className="mt-4 rounded-lg border border-slate-200 p-2.5 text-sm dark:border-slate-700" aria-label="The formula and DenseNet-121">
        <p className="font-mono text-[12px] text-slate-800 dark:text-slate-200">
          naive(L) = H·W·4 B · Σ<sub>ℓ=1..L</sub>(k₀ + ℓk) = H·W·4 B · (L·k₀ + k·L(L+1)/2)
          <br />
          shared(L) = H·W·4 B · (k₀ + L·k)
        </p>
        <p className="mt-1.5 text-slate-700 dark:text-slate-300" data-testid="concat-densenet121" data-naive={real.naive} data-shared={real.shared}>
          DenseNet-121’s first block, read from the spec: k₀ = {real.shape.k0}, k = {real.shape.k}, L = {real.shape.L} at {real.shape.h}×{real.shape.w}. Per
          image, float32, a naive forward pass copies <strong>{formatBytes(real.naive)}</strong> into its concatenations; the shared storage takes{' '}
          <strong>{formatBytes(real.shared)}</strong>, {(real.naive / real.shared).toFixed(2)}× less. Training naively keeps every one of those copies for the
          backward pass, so memory grows the same way: quadratically with L, against linearly.
        </p>
      </section>

      <TensorReadout tensors={job.tensors} testId="concat-tensors" />
    </div>
  );
}
