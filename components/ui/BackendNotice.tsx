import type { BackendInfo } from '@/lib/runtime/backend';
import { backendLabel, isBackendName, type BackendChoice } from '@/lib/runtime/backend-names';
import { fallbackNotice } from '@/lib/runtime/backend-policy';

/** "WebAssembly" for 'wasm'; unknown names as they are. */
export { backendLabel } from '@/lib/runtime/backend-names';

export interface BackendNoticeProps {
  /** The backend report of the last run (initBackend's), or null before any run. */
  readonly info: BackendInfo | null;
  /** What the reader asked for ('auto' or a backend name): a fallback from an explicit choice is an alert. */
  readonly requested?: string;
  /** The verb in "Ran on WebAssembly", e.g. "Measured on". */
  readonly verb?: string;
}

/**
 * Which TensorFlow.js backend ran, on what renderer, and which faster ones could not start and
 * why (initBackend's fallbacks). When the reader chose a backend that could not start, the notice
 * is an alert; otherwise a note. On WebAssembly, also why it runs on one thread when it does
 * (lib/runtime/wasm-threads.ts: a page, or an embed's host page, that is not cross-origin isolated).
 */
export function BackendNotice({ info, requested = 'auto', verb = 'Ran on' }: BackendNoticeProps) {
  if (!info) return null;
  const gpu = info.backend === 'webgl' || info.backend === 'webgpu';
  const fellBack = requested !== 'auto' && requested !== info.backend;
  // The runtime's one fallback sentence (lib/runtime/backend-policy.ts).
  const choice: BackendChoice = isBackendName(requested) ? requested : 'auto';
  const notice = fallbackNotice(choice, info);
  return (
    <div className="mt-2 text-[12px] text-slate-700 dark:text-slate-300" data-testid="backend-used" data-backend={info.backend}>
      <p>
        {verb} <strong className="text-slate-900 dark:text-slate-100">{backendLabel(info.backend)}</strong>
        {info.renderer ? (gpu ? ` (${info.renderer})` : ` — ${info.renderer}`) : ''}.
      </p>
      {notice ? (
        <p
          role={fellBack ? 'alert' : 'note'}
          className="mt-1 rounded-md border border-amber-400 bg-amber-50 px-2 py-1 text-amber-950 dark:border-amber-500/60 dark:bg-amber-500/10 dark:text-amber-100"
        >
          {notice}
        </p>
      ) : null}
      {info.backend === 'wasm' && info.threads?.notice ? (
        <p role="note" className="mt-1 text-slate-600 dark:text-slate-400" data-testid="threads-notice">
          {info.threads.notice}
        </p>
      ) : null}
    </div>
  );
}
