'use client';

/**
 * The closing lesson's measurement: the baseline and the four architectures side by side, their
 * parameters and MACs from the spec, each paper's ImageNet accuracy with its table, and the
 * milliseconds measured on the reader's device (one tfjs job of the page-wide queue, with progress
 * and Cancel; every model is freed before the next is built). Then the two rankings and the pairs
 * they disagree on, and, for the trained digits models, test accuracy per parameter and per
 * millisecond. Nothing loads tfjs before the button is pressed. Numbers: lib/widgets/lineup.
 */
import { useMemo, useState } from 'react';
import { useRunGuard } from '@/components/hooks/useRunGuard';
import { useTfjsJob } from '@/components/hooks/useTfjsJob';
import { Caveat } from '@/components/ui/Alert';
import { BackendSelect } from '@/components/ui/BackendSelect';
import { RunButton } from '@/components/ui/RunButton';
import { RunGuardNotice } from '@/components/ui/RunGuardNotice';
import { RunReport } from '@/components/ui/RunReport';
import { Select } from '@/components/ui/Select';
import { Slider } from '@/components/ui/Slider';
import { Toggle } from '@/components/ui/Toggle';
import { WidgetFrame } from '@/components/ui/WidgetFrame';
import { buildGraph, getModel } from '@/lib/arch';
import { footprint } from '@/lib/arch/footprint';
import type { CompareRun } from '@/lib/compare/measure';
import { BACKEND_LABELS, BACKEND_ORDER } from '@/lib/runtime/backend-names';
import { fallbackNotice } from '@/lib/runtime/backend-policy';
import { expectedBackend, guardModels } from '@/lib/runtime/run-guard';
import { BACKEND_CHOICES } from '@/lib/url-state/common-params';
import { LINEUP, LINEUP_IDS } from '@/lib/widgets/lineup/lineup';
import { LINEUP_SIZES, type LineupSchema } from '@/lib/widgets/lineup/meta';
import { digitsRows, lineupRows, rankings } from '@/lib/widgets/lineup/table';
import type { WidgetProps } from '@/lib/widgets/types';
import { DigitsEfficiency } from './DigitsEfficiency';
import { LineupRankings } from './LineupRankings';
import { LineupTable } from './LineupTable';

interface Measured {
  readonly run: CompareRun;
  /** The ImageNet models' input size of that run. */
  readonly size: number;
  readonly runs: number;
  readonly ms: Readonly<Record<string, number>>;
}

const DIGITS_IDS = LINEUP.map((e) => e.digits);

export function LineupWidget({ state, onChange }: WidgetProps<LineupSchema>) {
  const size = Number(state.size);
  const job = useTfjsJob();
  const guard = useRunGuard();
  const [measured, setMeasured] = useState<Measured | null>(null);
  const running = job.status.kind === 'running';

  // A measurement belongs to its input size: at another size the table shows the spec only.
  const current = measured && measured.size === size ? measured : null;
  const rows = useMemo(() => lineupRows(size, current?.ms ?? {}), [size, current]);
  const ranked = useMemo(() => rankings(rows), [rows]);
  const digits = useMemo(() => digitsRows(measured?.ms ?? {}), [measured]);
  const digitsTimed = measured !== null && DIGITS_IDS.every((id) => measured.ms[id] !== undefined);

  const start = async () => {
    const ids = [...LINEUP_IDS, ...(state.digits ? DIGITS_IDS : [])];
    const sizeOf = (id: string) => (DIGITS_IDS.includes(id) ? getModel(id).defaultSize : size);
    const on = expectedBackend(state.backend, BACKEND_ORDER);
    // Before any weights are made: memory and expected time, from the spec (lib/arch/footprint.ts).
    const decision = guardModels(
      ids.map((id) => footprint(buildGraph(id, { size: sizeOf(id) }))),
      on,
      state.runs + 1,
    );
    if (!guard.allow(`${ids.join(',')}@${size}×${state.runs}|${on}`, decision, () => void start())) return;
    const request = { size, runs: state.runs };
    const run = await job.run('Loading TensorFlow.js', async (ctx) => {
      const { measureModels } = await import('@/lib/compare/measure');
      return measureModels({
        ids,
        size,
        sizeOf,
        backend: state.backend,
        runs: state.runs,
        signal: ctx.signal,
        onStart: ctx.request.onStart,
        onTensors: ctx.request.onTensors,
        onProgress: (done, total, label) => ctx.progress(done, total, label),
      });
    });
    if (run) setMeasured({ run, ...request, ms: Object.fromEntries(run.results.map((r) => [r.id, r.ms])) });
  };

  const fallback = current ? fallbackNotice(state.backend, current.run) : null;
  const backendName = current ? BACKEND_LABELS[current.run.backend] : null;

  return (
    <WidgetFrame
      title="The four, measured on your device"
      badge="spec, papers and your clock"
      subtitle="Parameters and MACs are computed from this site’s specs; accuracies are each paper’s own; the milliseconds are measured here, with seeded random weights (the time does not depend on the values)."
    >
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Select
          control="size"
          label="Input size"
          value={state.size}
          options={LINEUP_SIZES.map((s) => [s, `${s}×${s}`] as const)}
          onChange={(s) => onChange({ size: s })}
          disabled={running}
        />
        <BackendSelect value={state.backend} choices={BACKEND_CHOICES} disabled={running} onChange={(backend) => onChange({ backend })} />
        <Slider
          control="runs"
          label="Timed passes"
          value={state.runs}
          min={1}
          max={10}
          onChange={(runs) => onChange({ runs })}
          disabled={running}
          hint="per model, after one warm-up; the median is reported"
        />
        <Toggle
          className="self-end pb-1"
          control="digits"
          label="Also time the digits models"
          checked={state.digits}
          disabled={running}
          onChange={(d) => onChange({ digits: d })}
        />
      </div>

      <RunButton
        onRun={start}
        job={job}
        unit="passes"
        idleText={measured && !current ? `The last measurement was at ${measured.size}×${measured.size}; measure again for ${size}×${size}.` : undefined}
        doneText={
          current
            ? `Done. Measured on ${backendName}, ${current.size}×${current.size}, median of ${current.runs} pass${current.runs === 1 ? '' : 'es'} after a warm-up.`
            : undefined
        }
        errorText={(m) => `The measurement failed: ${m}`}
        extra={
          !running && !measured ? (
            <span className="text-[12px] text-slate-600 dark:text-slate-400">
              Loads TensorFlow.js (about 1.5 MB) and times {state.digits ? 'ten networks' : 'five networks'} one after another.
            </span>
          ) : null
        }
      >
        {current ? 'Measure again' : 'Measure all five on this device'}
      </RunButton>
      <RunGuardNotice decision={guard.question} onConfirm={guard.confirm} onCancel={guard.cancel} confirmLabel="Measure anyway" />
      {fallback ? <Caveat>{fallback}</Caveat> : null}
      <RunReport backend={job.backend} requested={state.backend} tensors={job.tensors} />

      <LineupTable rows={rows} size={size} />
      <LineupRankings rankings={ranked} size={size} backend={backendName} />
      {state.digits || measured ? (
        <DigitsEfficiency rows={digits} timed={digitsTimed} backend={measured ? BACKEND_LABELS[measured.run.backend] : null} />
      ) : null}
    </WidgetFrame>
  );
}
