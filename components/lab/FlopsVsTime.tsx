'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { BACKEND_LABELS, isBackendName } from '@/lib/runtime/backend-names';
import { isCancelled } from '@/lib/runtime/cancel';
import { downloadPng, downloadSvg, downloadText } from '@/lib/lab/download';
import { formatGflops, formatMacs, formatMs, formatSignedPercent } from '@/lib/format';
import type { LabHandle } from '@/lib/lab/handle';
import { exportFileName, profileToCsv, profileToJson } from '@/lib/lab/profile-export';
import { type LabProfile, spreadNote, summarizeProfile, timerLabel, totalsByKind } from '@/lib/lab/profile-stats';
import { type ProgressState, progressView } from '@/lib/lab/progress';
import { KindColours } from './KindColours';
import { KindShareBars } from './KindShareBars';
import { LayerTable } from './LayerTable';
import { Progress } from '@/components/ui/Progress';
import { Stat, StatGrid } from '@/components/ui/Stat';
import { RooflineFigure } from './RooflineFigure';
import { TimeScatter } from './TimeScatter';
import { useControllable } from './useControllable';
import { ThreadChoiceButton } from '@/components/device/ThreadChoiceButton';
import { chosenThreads } from '@/lib/runtime/thread-choice';
import { footprint } from '@/lib/arch/footprint';
import { resizeGraph } from '@/lib/lab/resize-graph';
import { guardRun } from '@/lib/runtime/run-guard';
import { MIN_TICKS } from '@/lib/runtime/step-timer';
import { useRunGuard } from '@/components/hooks/useRunGuard';
import { RunGuardNotice } from '@/components/ui/RunGuardNotice';
import { useElementWidth } from '@/components/hooks/useElementWidth';
import { primaryButtonClass, smallButtonClass, smallControlClass } from '@/components/ui/styles';

export const PROFILE_SIZES: readonly number[] = [64, 112, 160, 224];

const MIN_TICKS_TEXT = String(MIN_TICKS);

export interface FlopsVsTimeProps {
  /** The Runner's latest RunResult (or any LabHandle); profiling needs it. */
  readonly source: LabHandle | null;
  /** Square input size to profile at (controllable; default the run's input size or 224). */
  readonly size?: number;
  readonly onSizeChange?: (size: number) => void;
  readonly sizes?: readonly number[];
  readonly warmup?: number;
  readonly repeats?: number;
  /** A profile to show (controlled); without it the component keeps its own last profile. */
  readonly profile?: LabProfile | null;
  /** Called with every new profile. */
  readonly onProfile?: (p: LabProfile) => void;
  /** Highlighted layer (node name), shared between the scatter and the table. */
  readonly highlight?: string | null;
  readonly onHighlight?: (layer: string | null) => void;
  readonly className?: string;
}

const btn = smallButtonClass;
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * FLOPs vs time: profiles the model layer by layer on the reader's backend and shows that MACs
 * predict time poorly: a log–log scatter of each layer's MACs against its measured time, the
 * time and MAC shares per op kind, each layer's achieved GFLOP/s, the whole-model latency and
 * its gap to the sum of the layers. Exports CSV, JSON, SVG and PNG.
 */
export function FlopsVsTime(props: FlopsVsTimeProps) {
  const { source, sizes = PROFILE_SIZES, warmup = 1, repeats = 3, className } = props;
  const [size, setSize] = useControllable(props.size, props.onSizeChange, source?.inputSize ?? 224);
  const [highlight, setHighlight] = useControllable<string | null>(props.highlight, props.onHighlight, null);
  const [own, setOwn] = useState<LabProfile | null>(null);
  const [progress, setProgress] = useState<ProgressState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const profile = props.profile !== undefined ? props.profile : own;
  const opRef = useRef(0);
  const abortRef = useRef<AbortController | null>(null);
  // Unmounted: the profile stops at its next pass and frees what it made.
  useEffect(
    () => () => {
      opRef.current++;
      abortRef.current?.abort();
    },
    [],
  );

  const [boxRef, width] = useElementWidth();
  const scatterRef = useRef<SVGSVGElement>(null);
  const barsRef = useRef<SVGSVGElement>(null);

  const totals = useMemo(() => (profile ? totalsByKind(profile.rows) : []), [profile]);
  const summary = useMemo(() => (profile ? summarizeProfile(profile) : null), [profile]);
  const sizeOptions = useMemo(() => [...new Set([...sizes, ...(source ? [source.inputSize] : [])])].sort((a, b) => a - b), [sizes, source]);

  const guard = useRunGuard();

  const run = async () => {
    if (!source) return;
    // The profiler makes warmup + 2 × repeats passes (lib/runtime/profiler.ts), at the profile's size.
    let sized = source.graph;
    try {
      sized = size === source.inputSize ? source.graph : resizeGraph(source.graph, size);
    } catch {
      // A size the network cannot take: the profile itself reports it.
    }
    const decision = guardRun(footprint(sized), source.backend, { passes: warmup + 2 * repeats, verb: 'Profile' });
    if (!guard.allow(`${source.graph.id}@${size}|${source.backend}`, decision, () => void run())) return;
    const op = ++opRef.current;
    abortRef.current?.abort();
    const ctrl = new AbortController();
    abortRef.current = ctrl;
    setError(null);
    setProgress({ plan: ['profile'], phase: 'profile', fraction: 0, detail: `${size}×${size} on ${BACKEND_LABELS[source.backend]}` });
    try {
      const p = await source.profile({
        size,
        warmup,
        repeats,
        signal: ctrl.signal,
        onProgress: (done, total) =>
          op === opRef.current && setProgress({ plan: ['profile'], phase: 'profile', fraction: done / total, detail: `pass ${done} of ${total}` }),
      });
      if (op !== opRef.current) return;
      setOwn(p);
      props.onProfile?.(p);
    } catch (e) {
      if (op !== opRef.current || isCancelled(e)) return;
      setError(
        e instanceof Error && e.name === 'StaleSessionError'
          ? 'The model or input changed since the last run; run it again, then profile.'
          : `Profiling failed: ${errorText(e)}`,
      );
    } finally {
      if (op === opRef.current) setProgress(null);
    }
  };

  const exportFigure = async (which: 'scatter' | 'bars', format: 'svg' | 'png') => {
    const svg = which === 'scatter' ? scatterRef.current : barsRef.current;
    if (!svg || !profile) return;
    setExportError(null);
    const name = exportFileName(profile, which === 'scatter' ? 'macs-vs-time' : 'time-by-kind', format);
    try {
      if (format === 'svg') downloadSvg(svg, name);
      else await downloadPng(svg, name);
    } catch (e) {
      setExportError(`Export failed: ${errorText(e)}`);
    }
  };

  const timerText = profile ? timerLabel(profile.timers) : '';
  // Only with a profile, which exists only in the browser: sessionStorage is not there on the server.
  const threadsChosen = profile ? chosenThreads() !== undefined : false;
  const spread = profile ? spreadNote(profile, formatMs) : null;
  const backendLabel = profile ? (isBackendName(profile.backend) ? BACKEND_LABELS[profile.backend] : profile.backend) : '';
  const idleText = profile
    ? `Profiled ${profile.graphId} at ${profile.size}×${profile.size} on ${backendLabel}: ${profile.wholeSamples.length} timed pass${profile.wholeSamples.length === 1 ? '' : 'es'} after ${profile.warmup} warm-up${profile.wholeSamples.length > profile.repeats ? ` (${profile.repeats} asked for, the rest until every step was resolved and the typical pass settled)` : ''}.`
    : source
      ? 'Press Profile to time every layer on this device.'
      : 'Run the model first; then profile it here.';

  return (
    <section
      aria-label="FLOPs versus time"
      className={`not-prose space-y-4 rounded-xl border border-slate-200 p-4 dark:border-slate-800 ${className ?? ''}`}
      data-testid="flops-vs-time"
    >
      <KindColours />
      <div className="flex flex-wrap items-end gap-3 text-sm">
        <label className="flex flex-col gap-0.5" data-control="psize">
          <span className="text-xs text-slate-500 dark:text-slate-400">Input size</span>
          <select className={smallControlClass} value={size} onChange={(e) => setSize(Number(e.currentTarget.value))} disabled={progress !== null}>
            {sizeOptions.map((s) => (
              <option key={s} value={s}>
                {s}×{s}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void run()} disabled={!source || progress !== null} className={primaryButtonClass}>
          {progress ? 'Profiling…' : profile ? 'Profile again' : 'Profile'}
        </button>
        {source && (
          <span className="text-xs text-slate-500 dark:text-slate-400">
            on {BACKEND_LABELS[source.backend]}, {warmup} warm-up + {repeats} timed passes
          </span>
        )}
      </div>
      <Progress label="Profiling progress" {...progressView(progress, idleText)} />
      <RunGuardNotice decision={guard.question} onConfirm={guard.confirm} onCancel={guard.cancel} confirmLabel="Profile anyway" />
      {error && (
        <p
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800/70 dark:bg-red-950/40 dark:text-red-200"
        >
          {error}
        </p>
      )}

      <div ref={boxRef} className="min-w-0">
        {profile && summary && (
          <div className="space-y-5">
            <StatGrid columns={4} testId="profile-summary">
              <Stat
                label="Whole model"
                value={formatMs(summary.wholeMs)}
                detail={`${profile.wholeEstimator === 'median' ? 'median' : 'typical'} of ${profile.wholeSamples.length} forward pass${profile.wholeSamples.length === 1 ? '' : 'es'} (${formatMs(profile.wholeSpread.fastest)}–${formatMs(profile.wholeSpread.slowest)})`}
              />
              <Stat
                label="Sum of layers"
                value={formatMs(summary.sumLayersMs)}
                detail={`gap ${formatSignedPercent(summary.relativeGap)} (${formatMs(Math.abs(summary.gapMs))})`}
              />
              <Stat label="Median layer" value={formatMs(summary.medianLayerMs)} detail={`${summary.timedLayers} of ${summary.layers} steps timed`} />
              <Stat label="Model" value={formatMacs(summary.totalMacs)} detail={`${formatGflops(summary.wholeGflops)} achieved`} />
            </StatGrid>
            <p className="text-xs text-slate-500 dark:text-slate-400" data-testid="timer-label">
              Layer times: <strong className="font-semibold text-slate-700 dark:text-slate-300">{timerText}</strong>.{' '}
              {profile.timers.includes('wall') && (profile.backend === 'wasm' || profile.backend === 'cpu')
                ? `A layer is one step of the real forward pass, BatchNorm and activation folded into their convolution as they run; each is timed between its neighbours, with no extra read-back, and a step's time is its mean over the traced passes, and steps shorter than ${MIN_TICKS_TEXT} ticks of this browser's ${formatMs(profile.clockResolutionMs)} clock are resolved by repeating the pass. So the layers add up to the traced pass (${formatMs(profile.tracePassMs)}), less ${formatMs(profile.overheadMs)} outside any step (mostly reading the logits back).`
                : profile.timers.includes('wall')
                  ? 'This GPU has no timer queries, so each step is timed with a read-back of its output: the layers add up to more than the whole model by that sync per step.'
                  : `GPU kernel time of each step's kernels, from timer queries in the real forward pass: it leaves out JavaScript, kernel dispatch and reading the logits back, so the layers add up to less than the whole model (traced pass ${formatMs(profile.tracePassMs)}).`}{' '}
              Whole-model time is wall-clock incl. reading the logits back
              {profile.wholeEstimator === 'median'
                ? ', the median of the plain passes.'
                : ': like each layer, the mean over the middle half of its passes (the typical pass), so the two sums compare like with like.'}
            </p>
            {spread && (
              <p className="text-xs text-amber-800 dark:text-amber-200" data-testid="spread-note">
                {spread}{' '}
                {profile.backend === 'wasm' && (profile.threads ?? 1) > 1 && (
                  <ThreadChoiceButton to={1}>Profile on one thread (reloads the page)</ThreadChoiceButton>
                )}
              </p>
            )}
            {profile.backend === 'wasm' && profile.threads === 1 && threadsChosen && (
              <p className="text-xs text-slate-500 dark:text-slate-400" data-testid="threads-chosen">
                Profiled on one WebAssembly thread, as chosen for this browser session.{' '}
                <ThreadChoiceButton to={null}>Use one thread per core (reloads the page)</ThreadChoiceButton>
              </p>
            )}

            <figure className="space-y-1">
              <figcaption className="flex flex-wrap items-center justify-between gap-2 text-sm font-semibold text-slate-900 dark:text-white">
                <span>MACs vs measured time, one point per layer ({profile.rows.length})</span>
                <span className="flex gap-1 font-normal">
                  <button type="button" className={btn} onClick={() => void exportFigure('scatter', 'svg')}>
                    SVG
                  </button>
                  <button type="button" className={btn} onClick={() => void exportFigure('scatter', 'png')}>
                    PNG
                  </button>
                </span>
              </figcaption>
              <TimeScatter
                svgRef={scatterRef}
                rows={profile.rows}
                width={width}
                timerText={timerText}
                highlight={highlight}
                onHighlight={setHighlight}
                title={`${profile.graphId} on ${backendLabel} at ${profile.size}×${profile.size}: MACs against ${timerText} for each of ${profile.rows.length} layers`}
              />
              <p className="text-xs text-slate-500 dark:text-slate-400">
                Left strip: layers with 0 MACs (BatchNorm, activations, adds, concats, pooling), which a log axis could not show. Hollow markers on the bottom
                edge: layers faster than the timer can resolve. Hover a point, or use the table below, for a layer’s numbers.
              </p>
              {highlight && <HighlightLine profile={profile} name={highlight} />}
            </figure>

            <RooflineFigure
              profile={profile}
              width={width}
              backendLabel={backendLabel}
              highlight={highlight}
              onHighlight={setHighlight}
              onSelect={setHighlight}
            />

            <figure className="space-y-1">
              <figcaption className="flex flex-wrap items-center justify-between gap-2 text-sm font-semibold text-slate-900 dark:text-white">
                <span>Where the time goes vs where the MACs are, by op kind</span>
                <span className="flex gap-1 font-normal">
                  <button type="button" className={btn} onClick={() => void exportFigure('bars', 'svg')}>
                    SVG
                  </button>
                  <button type="button" className={btn} onClick={() => void exportFigure('bars', 'png')}>
                    PNG
                  </button>
                </span>
              </figcaption>
              <KindShareBars svgRef={barsRef} totals={totals} width={width} title={`${profile.graphId}: share of time and share of MACs per op kind`} />
            </figure>

            <details>
              <summary className="cursor-pointer text-sm font-semibold text-slate-900 dark:text-white">
                All layers: MACs, time, achieved GFLOP/s, roofline
              </summary>
              <div className="mt-2">
                <LayerTable rows={profile.rows} highlight={highlight} onHighlight={setHighlight} />
              </div>
            </details>

            <div className="flex flex-wrap items-center gap-2 text-sm">
              <span className="text-slate-500 dark:text-slate-400">Download the measurements:</span>
              <button type="button" className={btn} onClick={() => downloadText(profileToCsv(profile), exportFileName(profile, 'profile', 'csv'), 'text/csv')}>
                CSV
              </button>
              <button
                type="button"
                className={btn}
                onClick={() =>
                  downloadText(
                    profileToJson(profile, { userAgent: typeof navigator !== 'undefined' ? navigator.userAgent : '' }),
                    exportFileName(profile, 'profile', 'json'),
                    'application/json',
                  )
                }
              >
                JSON
              </button>
            </div>
            {exportError && (
              <p role="alert" className="text-sm text-red-700 dark:text-red-300">
                {exportError}
              </p>
            )}
          </div>
        )}
      </div>
    </section>
  );
}

function HighlightLine({ profile, name }: { profile: LabProfile; name: string }) {
  const r = profile.rows.find((x) => x.name === name);
  if (!r) return null;
  return (
    <p className="text-xs text-slate-600 dark:text-slate-400" aria-live="polite">
      <span className="font-mono">{r.name}</span>: {formatMacs(r.macs)}, {formatMs(r.ms)}
      {r.macs > 0 && Number.isFinite(r.gflops) ? `, ${formatGflops(r.gflops)}` : ''}
    </p>
  );
}
