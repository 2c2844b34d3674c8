'use client';

import { useEffect, useRef, useState } from 'react';
import { useInView } from '@/components/hooks/useInView';
import type { DeviceReport } from '@/lib/device/probe';
import { BACKEND_LABELS as LABEL } from '@/lib/runtime/backend-names';
import { HYDRATE_MARGIN } from '@/lib/widgets/definition';

type State = { status: 'loading' } | { status: 'ready'; report: DeviceReport } | { status: 'error'; message: string };

/**
 * "Your device": loads TensorFlow.js on demand (as the panel nears the viewport, so a page opened
 * at its top does not parse 1.5 MB of tfjs before it is usable) and reports the backend it settled
 * on, the GPU renderer, and whether GPU timers are available for per-layer timing.
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

function Report({ report }: { report: DeviceReport }) {
  const rows: Array<[string, string]> = [
    ['Backend', LABEL[report.backend] ?? report.backend],
    ['GPU', report.renderer ?? (report.backend === 'wasm' || report.backend === 'cpu' ? 'not used' : 'unknown')],
    ['GPU timers', report.gpuTimer ? 'available: layer times are GPU kernel times' : 'not available: layer times are wall-clock times'],
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
