'use client';

/**
 * Real reuse: a seeded DenseNet-B block (ImageNet stem, 6 layers, k = 8) runs in TensorFlow.js on a
 * sample photo. For a chosen layer, its input — the concatenation — is shown channel by channel,
 * grouped and coloured by the layer that produced each channel, and every group is checked against
 * that layer's own output tensor. tfjs is loaded on the first click only.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTfjsJob } from '@/components/hooks/useTfjsJob';
import { BACKEND_CHOICES } from '@/lib/url-state/common-params';
import { sourceColor } from '@/lib/widgets/dense-connectivity/colors';
import { listNodes } from '@/lib/widgets/dense-connectivity/layout';
import { bandDifference, inputNode, reuseBands, sourceNode } from '@/lib/widgets/dense-reuse/block';
import { REUSE_BLOCK, REUSE_SAMPLES, SAMPLE_FILES, SAMPLE_LABELS, type DenseReuseSchema } from '@/lib/widgets/dense-reuse/meta';
import type { ReuseResult } from '@/lib/widgets/dense-reuse/run';
import type { WidgetProps } from '@/lib/widgets/types';
import { MapTile } from './MapTile';
import { BackendSelect } from '@/components/ui/BackendSelect';
import { Button } from '@/components/ui/Button';
import { RunButton } from '@/components/ui/RunButton';
import { Select } from '@/components/ui/Select';
import { Slider } from '@/components/ui/Slider';
import { WidgetFrame } from '@/components/ui/WidgetFrame';
import { formatMs } from '@/lib/format';
import { RunReport } from '@/components/ui/RunReport';

const L = REUSE_BLOCK.L;

function layerName(l: number): string {
  return l === L + 1 ? 'the block output (what a transition reads)' : `H${l}`;
}

export function DenseReuse({ state, onChange }: WidgetProps<DenseReuseSchema>) {
  const job = useTfjsJob();
  const [last, setLast] = useState<ReuseResult | null>(null);
  const started = useRef(false);

  const runJob = job.run;
  const start = useCallback(async () => {
    started.current = true;
    const result = await runJob('Running the block', async (ctx) => {
      const { runReuse } = await import('@/lib/widgets/dense-reuse/run');
      return runReuse(state.sample, state.seed, state.backend, ctx.request);
    });
    if (result) setLast(result);
  }, [runJob, state.sample, state.seed, state.backend]);

  // After the reader has opted in once, new inputs re-run by themselves.
  useEffect(() => {
    if (started.current) void start();
  }, [start]);

  const result = last;
  const layer = state.layer;
  const bands = reuseBands(layer);
  const inputMap = result?.maps.get(inputNode(layer));
  const hw = inputMap ? inputMap.shape[2] * inputMap.shape[3] : 0;

  return (
    <WidgetFrame
      title="Real reuse: the concatenation, in real tensors"
      subtitle={`A DenseNet-B block with seeded random weights: ImageNet stem (256 px → 64×64, k₀ = ${REUSE_BLOCK.k0}), then ${L} layers with k = ${REUSE_BLOCK.k}, running in your browser.`}
    >
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <Select
          control="sample"
          label="Photo"
          value={state.sample}
          options={REUSE_SAMPLES.map((s) => [s, SAMPLE_LABELS[s]] as const)}
          onChange={(sample) => onChange({ sample })}
        />
        <Slider
          control="layer"
          label="Show the input of"
          value={layer}
          min={1}
          max={L + 1}
          onChange={(v) => onChange({ layer: v })}
          format={(v) => (v === L + 1 ? 'block output' : `H${v}`)}
        />
        <BackendSelect value={state.backend} choices={BACKEND_CHOICES} onChange={(backend) => onChange({ backend })} />
      </div>
      <RunButton
        onRun={start}
        job={job}
        idleText={result ? undefined : 'Nothing runs until you press the button (TensorFlow.js is about 1.5 MB).'}
        doneText={result ? `Done: one forward pass in ${formatMs(result.ms)} (seed ${result.seed}).` : undefined}
        errorText={(m) => `The block could not run: ${m}`}
        extra={
          <Button control="seed" onClick={() => onChange({ seed: (state.seed + 1) % 2 ** 31 })} disabled={job.running}>
            New random weights
          </Button>
        }
      >
        {result ? 'Run again' : 'Run the block'}
      </RunButton>

      <div className="mt-3 flex flex-wrap items-start gap-3">
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src={SAMPLE_FILES[state.sample]} alt={SAMPLE_LABELS[state.sample]} width={96} height={96} className="h-24 w-24 rounded-md object-cover" />
        <div className="min-w-0 flex-1 text-[13px] text-slate-700 dark:text-slate-300">
          <p>
            <strong>{layer === L + 1 ? 'The block output' : `H${layer}`}</strong> reads {bands.reduce((a, b) => a + b.size, 0)} channels:{' '}
            {layer === 1
              ? 'only x₀, the stem’s output.'
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
        <ol className="mt-3 space-y-2" aria-label={`Input channels of ${layerName(layer)}, grouped by the layer that produced them`}>
          {bands.map((b) => {
            const src = result.maps.get(sourceNode(b.source));
            const diff = src ? bandDifference(inputMap.data, src.data, b, hw) : NaN;
            const name = b.source === 0 ? 'x₀ (stem)' : `H${b.source}`;
            const owner = b.source === 0 ? 'the stem’s output' : `H${b.source}’s own output`;
            return (
              <li key={b.source} className="rounded-lg border-l-4 bg-slate-50 p-2 dark:bg-slate-800/50" style={{ borderColor: sourceColor(b.source) }}>
                <p className="mb-1 text-[12px] text-slate-700 dark:text-slate-300">
                  <strong>{name}</strong> · channels {b.start}–{b.start + b.size - 1} ·{' '}
                  <span data-testid="band-check">
                    {layer === 1
                      ? 'this is x₀ itself'
                      : diff === 0
                        ? `identical to ${owner} (max |Δ| = 0)`
                        : `differs from ${owner} by ${diff.toExponential(2)}`}
                  </span>
                </p>
                <div className="flex flex-wrap gap-1">
                  {Array.from({ length: b.size }, (_, i) => (
                    <MapTile key={i} map={inputMap} channel={b.start + i} label={`${name}, channel ${i + 1} (input channel ${b.start + i})`} />
                  ))}
                </div>
              </li>
            );
          })}
        </ol>
      ) : null}
    </WidgetFrame>
  );
}
