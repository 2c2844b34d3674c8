'use client';

/**
 * The frame of an embed page: reads the URL with the widget's embed schema (notices for anything it
 * cannot use), keeps the widget's state (and the URL in step with it), applies the theme, hides the
 * controls named by `hide`, reports its height to the host page, and runs the widget's lifecycle:
 *
 * - widgets that use TensorFlow.js mount only while visible (IntersectionObserver, so nothing starts
 *   below the fold), or after a click on Start with run=click;
 * - scrolled out of view for UNMOUNT_DELAY_MS, the widget is unmounted (it disposes its models) and
 *   the page's WebGL context / WebGPU device is released, so twenty embeds on one page hold only
 *   as many contexts as are on screen; the state stays here and the widget comes back as it was
 *   (except a widget whose definition says `keepMounted`: a training run the URL cannot rebuild);
 * - when the browser takes the GPU context away anyway (too many contexts), the widget is restarted
 *   on the next backend with a notice, instead of breaking.
 */
import { Suspense, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useSearchParams } from 'next/navigation';
import { SubHeading, TitleLevelProvider } from '@/components/ui/Heading';
import { Notices } from '@/components/ui/Notices';
import { useIntersection } from '@/components/hooks/useInView';
import { WidgetFrame } from '@/components/ui/WidgetFrame';
import { resizeMessages } from '@/lib/embed/messages';
import { switchNotice } from '@/lib/runtime/backend-policy';
import { embedQuery, hiddenCss, parseEmbedParams, type Theme } from '@/lib/embed/schema';
import type { Schema, StateOf } from '@/lib/url-state/schema';
import { getWidgetEntry, type WidgetEntry } from '@/lib/widgets/registry';
import { EmbedContext } from './context';
import { SharePanel } from './SharePanel';
import { embedWidget } from './widget-components';
import { primaryButtonClass } from '@/components/ui/styles';

/** How long a widget may be out of view before it is unmounted and its models freed. */
export const UNMOUNT_DELAY_MS = 1500;
/** How long a widget must be in view before it starts. */
export const MOUNT_DELAY_MS = 300;

type Phase = 'waiting' | 'click-to-start' | 'running' | 'paused';

interface ReleaseInfo {
  readonly released: readonly string[];
  readonly numTensors: number;
}

declare global {
  interface Window {
    /** For tests and curious readers: what the embed holds right now. */
    __layerwiseEmbed?: {
      numTensors(): Promise<number>;
      liveGpuBackends(): Promise<string[]>;
      loseWebGLContext(): Promise<boolean>;
      tfjsFlags(): Promise<import('@/lib/runtime/env-flags').TfjsFlagsReport>;
    };
  }
}

function useTheme(theme: Theme) {
  useLayoutEffect(() => {
    const root = document.documentElement;
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => {
      root.classList.toggle('dark', theme === 'dark' || (theme === 'auto' && mq.matches));
      root.dataset.theme = theme === 'auto' ? 'system' : theme;
    };
    apply();
    if (theme !== 'auto') return;
    mq.addEventListener('change', apply);
    return () => mq.removeEventListener('change', apply);
  }, [theme]);
}

/** Posts the content height to the host page whenever it changes (see lib/embed/messages.ts). */
function useResizeReporter(ref: React.RefObject<HTMLElement | null>, id: string) {
  useEffect(() => {
    const el = ref.current;
    if (!el || window.parent === window) return;
    let last = -1;
    const post = () => {
      const h = Math.ceil(el.getBoundingClientRect().height);
      if (h === last || h <= 0) return;
      last = h;
      for (const m of resizeMessages(id, h)) window.parent.postMessage(m, '*');
    };
    const ro = new ResizeObserver(post);
    ro.observe(el);
    post();
    return () => ro.disconnect();
  }, [ref, id]);
}

export function EmbedFrame({ id }: { id: string }) {
  const entry = getWidgetEntry(id) as WidgetEntry;
  const meta = entry.meta;
  // One lazy component per widget id (made once in widget-components.tsx), kept for the frame's life.
  const [Widget] = useState(() => embedWidget(id)!);
  const search = useSearchParams();
  const [parsed] = useState(() => parseEmbedParams(meta, search));
  const { frame, notices } = parsed;
  const [state, setState] = useState(parsed.state);
  const onChange = useCallback((patch: Partial<StateOf<Schema>>) => setState((s) => ({ ...s, ...patch }) as StateOf<Schema>), []);

  // The page's URL follows the state from the first change on, so a reload keeps it.
  const changed = useRef(false);
  useEffect(() => {
    if (!changed.current) {
      changed.current = true;
      return;
    }
    window.history.replaceState(window.history.state, '', `${window.location.pathname}?${embedQuery(meta, state, frame)}`);
  }, [meta, state, frame]);

  useTheme(frame.theme);
  const rootRef = useRef<HTMLDivElement>(null);
  useResizeReporter(rootRef, frame.id || meta.id);
  const css = hiddenCss(meta, frame.hide);

  // ---- lifecycle (TensorFlow.js widgets only) ------------------------------------------------
  const gated = meta.usesTfjs;
  const boxRef = useRef<HTMLDivElement>(null);
  const visible = useRef(false);
  const started = useRef(frame.run === 'visible');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [mounted, setMounted] = useState(!gated);
  const [phase, setPhase] = useState<Phase>(gated ? (frame.run === 'click' ? 'click-to-start' : 'waiting') : 'running');
  const [generation, setGeneration] = useState(0);
  const [lost, setLost] = useState<string | null>(null);
  const [release, setRelease] = useState<ReleaseInfo | null>(null);
  const lastHeight = useRef(0);
  const [pausedHeight, setPausedHeight] = useState(0);

  const mountedNow = useRef(!gated);
  const mount = useCallback((on: boolean) => {
    if (!on) setPausedHeight(lastHeight.current);
    mountedNow.current = on;
    setMounted(on);
    setPhase(on ? 'running' : 'paused');
  }, []);

  // Visibility must hold for a moment before anything starts: a cross-origin iframe below the
  // fold can be reported visible once before the browser knows where the host page put it.
  const decide = useCallback(() => {
    clearTimeout(timer.current);
    if (visible.current && started.current) {
      if (!mountedNow.current) timer.current = setTimeout(() => mount(true), MOUNT_DELAY_MS);
    } else if (!visible.current && mountedNow.current && !entry.keepMounted) {
      timer.current = setTimeout(() => mount(false), UNMOUNT_DELAY_MS);
    }
  }, [mount, entry.keepMounted]);

  useIntersection(
    boxRef,
    (v) => {
      visible.current = v;
      decide();
    },
    { enabled: gated },
  );
  useEffect(() => () => clearTimeout(timer.current), []);

  // While mounted: restart on the next backend if the GPU context is lost (a keepMounted widget
  // is not restarted: it stops its own work with a notice and keeps what it made). After
  // unmounting: free the GPU context once the widget's tensors are gone.
  const restartOnLoss = !entry.keepMounted;
  useEffect(() => {
    if (!gated || !mounted) return;
    let unwatch: (() => void) | null = null;
    let live = true;
    void import('@/lib/runtime/release').then((rt) => {
      if (!live) return;
      unwatch = rt.watchBackendLoss((e) => {
        if (!restartOnLoss) return;
        setLost(`${switchNotice(e.lost, e.reason, e.next ? e.next.backend : 'cpu')} The widget restarted there.`);
        setGeneration((g) => g + 1);
      });
    });
    return () => {
      live = false;
      unwatch?.();
      void import('@/lib/runtime/release').then(async (rt) => {
        const report = await rt.releaseGpuIfIdle();
        setRelease({ released: report.released, numTensors: report.numTensors });
      });
    };
  }, [gated, mounted, restartOnLoss]);

  useEffect(() => {
    window.__layerwiseEmbed = {
      numTensors: async () => (await import('@/lib/runtime/release')).numTensors(),
      liveGpuBackends: async () => (await import('@/lib/runtime/release')).liveGpuBackends(),
      loseWebGLContext: async () => (await import('@/lib/runtime/release')).loseWebGLContext(),
      tfjsFlags: async () => (await import('@/lib/runtime/env-flags')).tfjsFlags(),
    };
  }, []);

  // Keep the box's height while the widget is away, so the host page does not jump.
  useEffect(() => {
    const el = boxRef.current;
    if (!el || !mounted) return;
    const ro = new ResizeObserver(() => {
      lastHeight.current = el.getBoundingClientRect().height;
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [mounted]);

  const start = () => {
    started.current = true;
    visible.current = true;
    clearTimeout(timer.current);
    mount(true);
  };

  const frameSpec = entry.frame;
  const widget = (
    <Suspense fallback={<Loading />}>
      <Widget key={generation} state={state} onChange={onChange} />
    </Suspense>
  );
  const home = entry.home(state);

  return (
    <EmbedContext.Provider value={{ embedded: true, autoStart: gated && mounted }}>
      {/* The page's outline starts here: the lab and training embeds' header is its h1, else the widget's own title is. */}
      <TitleLevelProvider level={entry.kind === 'lesson' ? 0 : 1}>
        <div
          ref={rootRef}
          data-embed-root=""
          data-widget={meta.id}
          data-phase={phase}
          data-released={release ? release.released.join(',') : undefined}
          data-num-tensors={release ? release.numTensors : undefined}
          className="p-2 text-sm sm:p-3"
        >
          {css ? <style>{css}</style> : null}
          {entry.kind !== 'lesson' && (
            <header className="mb-3" data-part="title">
              <h1 className="text-base font-semibold text-slate-900 dark:text-white">{meta.title}</h1>
              <p className="mt-0.5 text-[13px] text-slate-600 dark:text-slate-400" data-part="description">
                {meta.description}
              </p>
            </header>
          )}
          <Notices notices={notices} title="Some parameters of this embed were not used" />
          {lost && (
            <p
              role="status"
              className="my-2 rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-amber-950 dark:border-amber-500/60 dark:bg-amber-500/10 dark:text-amber-100"
            >
              {lost}
            </p>
          )}
          <div ref={boxRef} className="[&>section]:my-0" data-testid="embed-widget">
            {mounted ? (
              frameSpec ? (
                <WidgetFrame title={frameSpec.title} badge={frameSpec.label} testId={frameSpec.testId}>
                  {widget}
                </WidgetFrame>
              ) : (
                widget
              )
            ) : (
              <Placeholder phase={phase} runs={entry.runs ?? meta.description} title={meta.title} minHeight={pausedHeight} onStart={start} />
            )}
          </div>
          <footer className="mt-3 space-y-2">
            <SharePanel meta={meta} height={entry.height} state={state} />
            {frame.links && (
              <p className="text-xs text-slate-500 dark:text-slate-400">
                <a href={home.href} target="_blank" rel="noopener" className="text-link">
                  Open in Layerwise: {home.label} ↗
                </a>
              </p>
            )}
          </footer>
        </div>
      </TitleLevelProvider>
    </EmbedContext.Provider>
  );
}

function Loading() {
  return <p className="py-8 text-center text-sm text-slate-500 dark:text-slate-400">Loading the widget…</p>;
}

function Placeholder({ phase, runs, title, minHeight, onStart }: { phase: Phase; runs: string; title: string; minHeight: number; onStart: () => void }) {
  const box = 'flex flex-col items-center justify-center gap-3 rounded-xl border border-dashed border-slate-300 p-6 text-center dark:border-slate-700';
  if (phase === 'click-to-start') {
    return (
      <div className={box} style={{ minHeight: Math.max(minHeight, 160) }}>
        {/* The page's h1 until the widget (and its frame's title) is there; an h2 under a lab embed's h1. */}
        <SubHeading className="font-semibold text-slate-900 dark:text-white">{title}</SubHeading>
        <p id="embed-start-what" className="max-w-prose text-slate-600 dark:text-slate-400">
          {runs}
        </p>
        <button type="button" onClick={onStart} aria-describedby="embed-start-what" className={primaryButtonClass}>
          Start
        </button>
      </div>
    );
  }
  return (
    <div className={box} style={{ minHeight: Math.max(minHeight, 160) }} role="status">
      <p className="text-slate-600 dark:text-slate-400">
        {phase === 'paused' ? 'Paused while out of view: its models were freed. It continues when you scroll back.' : 'Starts when it scrolls into view.'}
      </p>
    </div>
  );
}
