import type { BackendInfo } from '@/lib/runtime/backend';
import { BACKEND_LABELS, isBackendName } from '@/lib/runtime/backend-names';

/** "WebAssembly" for 'wasm'; unknown names as they are. */
export function backendLabel(name: string): string {
  return isBackendName(name) ? BACKEND_LABELS[name] : name;
}

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
 * is an alert; otherwise a note.
 */
export function BackendNotice({ info, requested = 'auto', verb = 'Ran on' }: BackendNoticeProps) {
  if (!info) return null;
  const gpu = info.backend === 'webgl' || info.backend === 'webgpu';
  const fellBack = requested !== 'auto' && requested !== info.backend;
  return (
    <div className="mt-2 text-[12px] text-slate-700 dark:text-slate-300" data-testid="backend-used" data-backend={info.backend}>
      <p>
        {verb} <strong className="text-slate-900 dark:text-slate-100">{backendLabel(info.backend)}</strong>
        {info.renderer ? (gpu ? ` (${info.renderer})` : ` — ${info.renderer}`) : ''}.
      </p>
      {info.fallbacks.length > 0 ? (
        <p
          role={fellBack ? 'alert' : 'note'}
          className="mt-1 rounded-md border border-amber-400 bg-amber-50 px-2 py-1 text-amber-950 dark:border-amber-500/60 dark:bg-amber-500/10 dark:text-amber-100"
        >
          {fellBack ? 'The backend you chose could not start here, so this ran on the next one. ' : !gpu ? 'No GPU backend is available here, so this ran on the CPU. ' : ''}
          {info.fallbacks.map((f) => `${backendLabel(f.backend)} unavailable: ${f.error}`).join(' · ')}
        </p>
      ) : null}
    </div>
  );
}
