'use client';

import { useEffect, useRef, useState } from 'react';
import { useInView } from '@/components/hooks/useInView';
import { useTfjsJob } from '@/components/hooks/useTfjsJob';
import { RunButton } from '@/components/ui/RunButton';
import type { DevicePeaks, DeviceReport } from '@/lib/device/probe';
import { formatGBps, formatGflops, formatMs, formatSig, trimZeros } from '@/lib/format';
import { BACKEND_LABELS as LABEL } from '@/lib/runtime/backend-names';
import { HYDRATE_MARGIN } from '@/lib/widgets/definition';
import { ThreadChoiceButton } from './ThreadChoiceButton';

type State = { status: 'loading' } | { status: 'ready'; report: DeviceReport } | { status: 'error'; message: string };

/**
 * "Your device": loads TensorFlow.js on demand (as the panel nears the viewport, so a page opened
 * at its top does not parse 1.5 MB of tfjs before it is usable) and reports the backend it settled
 * on, the GPU renderer, whether GPU timers are available for per-layer timing, and the WebAssembly
 * backend's thread count (with the one sentence saying why, when it is one); and, on a
 * click, the device's own limits measured on that backend (peak GFLOP/s from a large matmul and a
 * large 3×3 conv, memory GB/s from a large element-wise add: the roofs of the lab's roofline),
 * cancellable, and kept for the session, so the lab's profiles and this panel share one measurement.
 */
export function DevicePanel() {
  const [state, setState] = useState<State>({ status: 'loading' });
  const ref = useRef<HTMLElement>(null);
  const near = useInView(ref, { once: true, rootMargin: HYDRATE_MARGIN });

  useEffect(() => {
    if (!near) return;
    let cancelled = false;
    import('@/lib/device/probe')
      .then((m) => m.probeDevice())
      .then(
        (report) => !cancelled && setState({ status: 'ready', report }),
        (e: unknown) => !cancelled && setState({ status: 'error', message: e instanceof Error ? e.message : String(e) }),
      );
    return () => {
      cancelled = true;
    };
  }, [near]);

  return (
    <section ref={ref} aria-label="Your device" className="not-prose my-6 rounded-xl border border-slate-200 p-4 text-sm dark:border-slate-800">
      <h3 className="mb-3 font-semibold text-slate-900 dark:text-white">Your device</h3>
      <div role="status" aria-live="polite">
        {state.status === 'loading' && <p className="text-slate-500 dark:text-slate-400">Loading TensorFlow.js…</p>}
        {state.status === 'error' && <p className="text-red-700 dark:text-red-400">TensorFlow.js could not start on this device: {state.message}</p>}
        {state.status === 'ready' && <Report report={state.report} />}
      </div>
    </section>
  );
}

function Peaks({ report }: { report: DeviceReport }) {
  const [peaks, setPeaks] = useState<DevicePeaks | null>(report.peaks);
  const job = useTfjsJob();
  const measure = async () => {
    const r = await job.run('Measuring', async (ctx) => {
      const m = await import('@/lib/device/probe');
      return m.measureDevice({ ...ctx.request, backend: report.backend, refresh: peaks !== null, onProgress: (d, t) => ctx.progress(d, t) });
    });
    if (r) setPeaks(r);
  };
  const rows: Array<[string, string]> = peaks
    ? [
        ['Peak arithmetic', `${formatGflops(peaks.peakGflops)} (matmul ${formatGflops(peaks.matmulGflops)}, 3×3 conv ${formatGflops(peaks.convGflops)})`],
        ['Memory bandwidth', formatGBps(peaks.peakGBps)],
        ['Ridge point', `${trimZeros(formatSig(peaks.peakGflops / peaks.peakGBps))} FLOP per byte: below it a layer is memory-bound`],
        ['Kernels', peaks.kernels.map((k) => `${k.what}: ${formatMs(k.ms)}`).join('; ')],
      ]
    : [];
  return (
    <div className="mt-4 border-t border-slate-200 pt-3 dark:border-slate-800" data-testid="device-peaks">
      <h4 className="font-semibold text-slate-900 dark:text-white">Limits, measured</h4>
      {peaks ? (
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          {rows.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-slate-500 dark:text-slate-400">{k}</dt>
              <dd className="break-words text-slate-900 dark:text-slate-100">{v}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="mt-1 text-slate-600 dark:text-slate-400">
          How fast this device can compute and move memory on {LABEL[report.backend] ?? report.backend}: the two roofs every layer is measured against in the
          model lab. Takes a second or two.
        </p>
      )}
      <RunButton onRun={measure} job={job} variant="secondary" unit="kernels" doneText="Done: measured for this session.">
        {peaks ? 'Measure again' : 'Measure peak speed and bandwidth'}
      </RunButton>
    </div>
  );
}

/** "2, in use" on WebAssembly; on a GPU backend, what WebAssembly would run on (the CPU fallback and the WASM lab runs). */
function wasmThreadsText({ wasmThreads: t, backend }: DeviceReport): string {
  const n = String(t.count);
  if (backend === 'wasm' || t.started) return `${n}, in use${t.count > 1 ? ' (this page is cross-origin isolated)' : ''}`;
  return `${n} when a model runs on WebAssembly${t.count > 1 ? ' (this page is cross-origin isolated)' : ''}`;
}

function Report({ report }: { report: DeviceReport }) {
  const rows: Array<[string, string]> = [
    ['Backend', LABEL[report.backend] ?? report.backend],
    ['GPU', report.renderer ?? (report.backend === 'wasm' || report.backend === 'cpu' ? 'not used' : 'unknown')],
    ['GPU timers', report.gpuTimer ? 'available: layer times are GPU kernel times' : 'not available: layer times are wall-clock times'],
    ['WebAssembly threads', wasmThreadsText(report)],
    ...(report.convKernels ? ([['Convolution kernels', report.convKernels]] as Array<[string, string]>) : []),
    ['TensorFlow.js', report.tfjsVersion],
  ];
  return (
    <>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1" data-backend={report.backend}>
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-slate-500 dark:text-slate-400">{k}</dt>
            <dd className="break-words text-slate-900 dark:text-slate-100">{v}</dd>
          </div>
        ))}
      </dl>
      {report.wasmThreads.notice && (
        <p className="mt-2 text-slate-700 dark:text-slate-300" data-testid="threads-notice">
          {report.wasmThreads.notice}{' '}
          {report.wasmThreads.chosen && <ThreadChoiceButton to={null}>Use one thread per core (reloads the page)</ThreadChoiceButton>}
        </p>
      )}
      <Peaks report={report} />
      {report.fallbacks.length > 0 && (
        <details className="mt-3 text-slate-600 dark:text-slate-400">
          <summary className="cursor-pointer">
            {report.fallbacks.length} faster backend{report.fallbacks.length > 1 ? 's' : ''} unavailable
          </summary>
          <ul className="mt-2 list-disc pl-5">
            {report.fallbacks.map((f) => (
              <li key={f.backend}>
                {LABEL[f.backend] ?? f.backend}: {f.error}
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}
