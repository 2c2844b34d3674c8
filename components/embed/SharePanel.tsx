'use client';

/**
 * "Share / embed": a widget's current state as a link and as iframe code, with a copy button and a
 * live preview. Collapsed by default (a <details>, so it works with the keyboard and without
 * script); the preview iframe is only created while the panel is open.
 */
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { allowList, shareCode, shareTooLongMessage } from '@/lib/embed/code';
import { requestedHeight } from '@/lib/embed/messages';
import { THEMES, type Theme } from '@/lib/embed/schema';
import type { Schema } from '@/lib/url-state/schema';
import { ErrorNote } from '@/components/ui/Alert';
import type { WidgetMeta } from '@/lib/widgets/types';

export interface SharePanelProps {
  readonly meta: WidgetMeta<Schema>;
  /** The iframe height its code asks for (the widget definition's `height`). */
  readonly height: number;
  /** The widget's state (its own schema's keys). */
  readonly state: Readonly<Record<string, unknown>>;
  /** A sentence under the code, e.g. what the embed leaves out. */
  readonly note?: ReactNode;
  readonly className?: string;
}

const field =
  'block w-full min-w-0 rounded-md border border-slate-300 bg-slate-50 px-2 py-1 font-mono text-xs text-slate-800 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200';
const button =
  'inline-flex shrink-0 items-center rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-800 hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800';

/** Copies text: the Clipboard API, else the selection and execCommand (older browsers, http). */
export async function copyText(text: string, source?: HTMLTextAreaElement | HTMLInputElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // permission refused or not a secure context: fall back
  }
  const el = source ?? document.createElement('textarea');
  const temporary = !source;
  if (temporary) {
    el.value = text;
    el.setAttribute('readonly', '');
    el.style.position = 'fixed';
    el.style.opacity = '0';
    document.body.appendChild(el);
  }
  try {
    el.focus();
    el.select();
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    if (temporary) el.remove();
  }
}

function CopyField({ label, value, rows, onCopied }: { label: string; value: string; rows?: number; onCopied: (ok: boolean, what: string) => void }) {
  const id = useId();
  const ref = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-600 dark:text-slate-400">
        {label}
      </label>
      <div className="flex items-start gap-2">
        {rows ? (
          <textarea id={id} ref={ref} readOnly rows={rows} value={value} className={`${field} resize-y break-all`} onFocus={(e) => e.currentTarget.select()} />
        ) : (
          <input id={id} ref={ref} readOnly value={value} className={field} onFocus={(e) => e.currentTarget.select()} />
        )}
        <button type="button" className={button} onClick={async () => onCopied(await copyText(value, ref.current), label)}>
          Copy
        </button>
      </div>
    </div>
  );
}

/** The embed in an iframe, resized by its own resize messages. */
function Preview({ src, title, height, allow }: { src: string; title: string; height: number; allow: string }) {
  const ref = useRef<HTMLIFrameElement>(null);
  const [h, setH] = useState(height);
  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      if (e.source !== ref.current?.contentWindow || e.origin !== window.location.origin) return;
      const next = requestedHeight(e.data);
      if (next !== null) setH(next);
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, []);
  return (
    <iframe
      ref={ref}
      src={src}
      title={title}
      allow={allow}
      className="block w-full rounded-md border border-slate-200 dark:border-slate-800"
      style={{ height: h }}
      data-testid="share-preview"
    />
  );
}

export function SharePanel({ meta, height, state, note, className }: SharePanelProps) {
  const [open, setOpen] = useState(false);
  const [origin, setOrigin] = useState('');
  const [theme, setTheme] = useState<Theme>('auto');
  const [onClick, setOnClick] = useState(false);
  const [message, setMessage] = useState('');
  const detailsRef = useRef<HTMLDetailsElement>(null);
  const sync = useCallback((el: HTMLDetailsElement) => {
    setOpen(el.open);
    if (el.open) setOrigin((o) => o || window.location.origin);
  }, []);
  // Opened before it hydrated (lessons hydrate a widget as it nears the viewport, and a reader or a
  // test can be quicker): the toggle event was missed, so read the element once.
  useEffect(() => {
    if (detailsRef.current?.open) sync(detailsRef.current);
  }, [sync]);
  const code = open && origin ? shareCode(origin, meta, state, height, { theme, run: onClick ? 'click' : 'visible' }) : null;

  // The preview follows the state, but not on every step of a dragged slider.
  const [previewSrc, setPreviewSrc] = useState<string | null>(null);
  // A link over the cap (lib/embed/code.ts) is not offered, nor previewed: a server would refuse it.
  const link = code && !code.tooLong ? code.link : null;
  useEffect(() => {
    if (!link) return;
    const t = setTimeout(() => setPreviewSrc(link), previewSrc ? 700 : 0);
    return () => clearTimeout(t);
    // previewSrc only decides the delay
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [link]);

  useEffect(() => {
    if (!message) return;
    const t = setTimeout(() => setMessage(''), 4000);
    return () => clearTimeout(t);
  }, [message]);

  const copied = (ok: boolean, what: string) =>
    setMessage(ok ? `Copied: ${what.toLowerCase()}.` : 'Could not copy: the text is selected, press Ctrl+C (⌘C) to copy it.');

  return (
    <details
      className={`not-prose rounded-lg border border-slate-200 bg-white text-sm text-slate-800 dark:border-slate-800 dark:bg-slate-900/40 dark:text-slate-200 ${className ?? ''}`}
      data-part="share"
      data-testid="share-panel"
      ref={detailsRef}
      onToggle={(e) => sync(e.currentTarget)}
    >
      <summary className="cursor-pointer select-none rounded-lg px-3 py-2 text-xs font-medium text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white">
        Share / embed
      </summary>
      {code && (
        <div className="space-y-3 border-t border-slate-200 px-3 pb-3 pt-3 dark:border-slate-800">
          <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-xs">
            <label className="flex items-center gap-1.5">
              Theme
              <select
                className="rounded border border-slate-300 bg-white px-1.5 py-0.5 dark:border-slate-700 dark:bg-slate-900"
                value={theme}
                onChange={(e) => setTheme(e.target.value as Theme)}
              >
                {THEMES.map((t) => (
                  <option key={t} value={t}>
                    {t === 'auto' ? "reader's system" : t}
                  </option>
                ))}
              </select>
            </label>
            {meta.usesTfjs && (
              <label className="flex items-center gap-1.5">
                <input type="checkbox" checked={onClick} onChange={(e) => setOnClick(e.target.checked)} />
                Start TensorFlow.js only on a click
              </label>
            )}
          </div>
          {code.tooLong ? (
            <div data-testid="share-too-long">
              <ErrorNote>{shareTooLongMessage(code.tooLong)}</ErrorNote>
            </div>
          ) : (
            <>
              <CopyField label="Link to this view" value={code.link} onCopied={copied} />
              <CopyField label="Embed code" value={code.snippet} rows={5} onCopied={copied} />
            </>
          )}
          <p className="text-xs text-slate-500 dark:text-slate-400">
            The script line makes the frame as tall as the widget; leave it out where scripts are not allowed (Canvas resizes Layerwise frames by itself).
            {meta.usesWebcam ? ' The frame may ask for the camera: the code includes allow="camera".' : ''}
          </p>
          {note ? <p className="text-xs text-slate-500 dark:text-slate-400">{note}</p> : null}
          <p aria-live="polite" role="status" className="min-h-4 text-xs font-medium text-emerald-700 dark:text-emerald-400">
            {message}
          </p>
          {link && (
            <div>
              <p className="mb-1 text-xs font-medium text-slate-600 dark:text-slate-400">Preview</p>
              {previewSrc && <Preview src={previewSrc} title={`Preview: ${meta.title}`} height={Math.min(height, 480)} allow={allowList(meta)} />}
            </div>
          )}
        </div>
      )}
    </details>
  );
}
