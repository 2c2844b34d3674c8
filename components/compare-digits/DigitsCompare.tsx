'use client';

/**
 * What each architecture learned: one digit through the five digits models, one row each
 * (prediction, the most active maps of a comparable layer, params and MACs). The models run one
 * after another as jobs of the page's tfjs queue (lib/models/compare-digits/run.ts), with progress
 * and Cancel; rows fill in as each model finishes. After the first run, a new digit or stage runs
 * again by itself. State in the URL (lib/models/compare-digits/schema.ts).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { DigitPad, type PadDigit } from '@/components/digits/DigitPad';
import { useTfjsJob } from '@/components/hooks/useTfjsJob';
import { BackendSelect } from '@/components/ui/BackendSelect';
import { DataTable } from '@/components/ui/DataTable';
import { Notices } from '@/components/ui/Notices';
import { RunButton } from '@/components/ui/RunButton';
import { RunReport } from '@/components/ui/RunReport';
import { Select } from '@/components/ui/Select';
import { TableHead } from '@/components/ui/TableHead';
import { WidgetFrame } from '@/components/ui/WidgetFrame';
import { buildGraph, getModel, graphCost, modelIdsFor } from '@/lib/arch';
import { formatBytes, formatMs } from '@/lib/format';
import { comparableLayer, type StagePick } from '@/lib/models/compare-digits/layer';
import type { CompareRow } from '@/lib/models/compare-digits/run';
import { compareDigitsSchema } from '@/lib/models/compare-digits/schema';
import { BACKEND_CHOICES } from '@/lib/url-state/common-params';
import { useUrlState } from '@/lib/url-state/use-url-state';
import { SHIPPED_DIGITS } from '@/lib/weights/shipped-digits';
import { CompareRowView, SHOWN_CHANNELS } from './CompareRowView';

/** The five digits models, in the registry's order (one per family, plus the ResNet baseline). */
const IDS = modelIdsFor('digits');

/** What the first run downloads besides tfjs: the shipped files of the five models. */
const WEIGHT_BYTES = IDS.reduce((a, id) => a + (SHIPPED_DIGITS[id]?.bytes ?? 0), 0);

const STAGE_TEXT: Record<StagePick, string> = { last: 'the last stage’s output', first: 'the first stage’s output' };

export function DigitsCompare() {
  const [state, notices, update] = useUrlState(compareDigitsSchema);
  const job = useTfjsJob();
  // The digit pad's current digit (drawn, or a test digit): null while the drawing is empty.
  const [pad, setPad] = useState<PadDigit | null>(null);
  const [rows, setRows] = useState<ReadonlyMap<string, CompareRow>>(new Map());
  const [ran, setRan] = useState<{ ms: number; input: string } | null>(null);
  const started = useRef(false);

  // Spec numbers and the layer each row shows, known before anything runs.
  const specs = useMemo(
    () =>
      IDS.map((id) => {
        const graph = buildGraph(id);
        const layer = comparableLayer(graph, state.stage);
        const { params, macs } = graphCost(graph).total;
        return { id, description: getModel(id).description, params, macs, layerText: `${layer.stage.label} (stage ${layer.index} of ${layer.of})` };
      }),
    [state.stage],
  );

  const runJob = job.run;
  const { stage, backend, seed } = state;
  const start = useCallback(async () => {
    if (!pad) return;
    started.current = true;
    setRows(new Map());
    setRan(null);
    const t0 = performance.now();
    const done = await runJob('Comparing the five models', async (ctx) => {
      const [{ compareDigits }, shipped] = await Promise.all([import('@/lib/models/compare-digits/run'), import('@/lib/weights/shipped-digits')]);
      return compareDigits({
        ids: IDS,
        digit: pad.pixels,
        pick: stage,
        backend,
        seed,
        loadWeights: (id, o) => shipped.loadShippedDigits(id, o),
        testAccuracy: (id) => shipped.SHIPPED_DIGITS[id]?.testAccuracy ?? null,
        signal: ctx.signal,
        onStart: ctx.request.onStart,
        onTensors: ctx.request.onTensors,
        onProgress: (d, total, label) => ctx.progress(Math.floor(d), total, label),
        onRow: (row) => setRows((prev) => new Map(prev).set(row.id, row)),
      });
    });
    if (done) setRan({ ms: performance.now() - t0, input: pad.source === 'drawn' ? 'your drawing' : `test digit ${pad.index} (a ${pad.label})` });
  }, [runJob, pad, stage, backend, seed]);

  // Once the reader has run it, a new digit, stage or backend runs again by itself.
  // A short delay merges bursts (strokes being drawn, arrow keys across the digits) into one run of the five.
  useEffect(() => {
    if (!started.current) return;
    const t = setTimeout(() => void start(), 300);
    return () => clearTimeout(t);
  }, [start]);

  // The tensor check of the whole comparison: before the first model's job, after the last one's.
  const first = [...rows.values()][0];
  const last = [...rows.values()].at(-1);
  const complete = rows.size === IDS.length;
  const random = [...rows.values()].filter((r) => r.weights.kind === 'random').length;

  return (
    <WidgetFrame
      title="What each architecture learned"
      subtitle={`The same digit through each digits model, one after another in your browser: what it reads, and the ${SHOWN_CHANNELS} most active feature maps of a comparable layer.`}
    >
      <Notices notices={notices} />
      <div className="grid gap-4 xl:grid-cols-[24rem_minmax(0,1fr)]">
        <DigitPad onDigit={setPad} testDigit={state.digit} onTestDigit={(d) => update({ digit: d })} />
        <div className="space-y-3">
          <div className="grid gap-3 sm:grid-cols-2">
            <Select
              control="stage"
              label="Feature maps of"
              value={state.stage}
              options={[
                ['last', 'the last stage (closest to the decision)'],
                ['first', 'the first stage'],
              ]}
              onChange={(v) => update({ stage: v })}
            />
            <BackendSelect value={state.backend} choices={BACKEND_CHOICES} onChange={(b) => update({ backend: b })} />
          </div>
          <RunButton
            onRun={start}
            job={job}
            unit="models"
            idleText={
              ran
                ? undefined
                : `Nothing runs until you press the button (TensorFlow.js is about 1.5 MB${WEIGHT_BYTES > 0 ? `, the weight files ${formatBytes(WEIGHT_BYTES)} together` : ''}).`
            }
            doneText={ran ? `Done: ${IDS.length} models read ${ran.input} in ${formatMs(ran.ms)}, weights included.` : undefined}
            disabled={!pad}
            errorText={(m) => `The comparison stopped: ${m}`}
          >
            {ran ? 'Compare again' : `Compare the ${IDS.length} models`}
          </RunButton>
          {last ? <RunReport backend={last.backend} tensors={complete ? { before: first!.tensorsBefore, after: last.tensorsAfter } : null} /> : null}
          {random > 0 ? (
            <p role="status" className="text-[13px] text-amber-800 dark:text-amber-200">
              {random === 1 ? 'One model runs' : `${random} models run`} on random weights (the site ships no trained weights it could read for{' '}
              {random === 1 ? 'it' : 'them'}): {random === 1 ? 'its' : 'their'} prediction means nothing.
            </p>
          ) : null}
          <DataTable
            caption={`One row per architecture: the prediction for this digit, and the ${SHOWN_CHANNELS} most active channels of ${STAGE_TEXT[state.stage]} (picked by the stage's role in the spec), with parameters and multiply–accumulates from the spec.`}
            className="min-w-[44rem] text-xs"
            figureTestId="compare-digits"
          >
            <TableHead columns={['Model', { label: 'Params', align: 'right' }, { label: 'MACs', align: 'right' }, 'Reads it as', 'Feature maps']} />
            <tbody>
              {specs.map((s) => (
                <CompareRowView key={s.id} {...s} row={rows.get(s.id) ?? null} />
              ))}
            </tbody>
          </DataTable>
        </div>
      </div>
    </WidgetFrame>
  );
}
