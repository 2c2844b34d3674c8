'use client';

/**
 * The shell of a widget in a lesson (what an MDX tag like `<DenseConnectivity L={5} />` renders,
 * see components/widgets/mdx-widgets.tsx). It keeps each widget's code out of the page's first
 * load and hydrates the widget only as it nears the viewport:
 *
 * - on the server, the widget renders in full into the page's HTML, in place: its React.lazy
 *   suspends the page's shell until the code is loaded (there is no Suspense boundary above it,
 *   so nothing is streamed out of order and nothing shifts);
 * - in the browser, the widget sits in an <Activity> boundary, which hydrates on its own like a
 *   Suspense boundary but needs no fallback (so the server writes it inline). Its lazy component
 *   waits for a gate that an IntersectionObserver opens when the shell comes within
 *   HYDRATE_MARGIN of the viewport. Until then React keeps the server HTML as it is; then it
 *   fetches the widget's own chunk (WIDGET_LOADERS) and the shared lesson code (LessonWidget:
 *   state, notices, share panel) and hydrates that boundary alone;
 * - after a client-side navigation there is no server HTML: the widget loads at once, inside a
 *   Suspense boundary whose fallback reserves its usual height (its definition's `height`).
 *
 * Once hydrated, the shell carries `data-hydrated` (tests wait for it before interacting: a click
 * on server HTML that is not hydrated yet does nothing).
 */
import {
  Activity,
  Component,
  Suspense,
  lazy,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ComponentType,
  type ReactNode,
} from 'react';
import type { Schema } from '@/lib/url-state/schema';
import { HYDRATE_MARGIN } from '@/lib/widgets/definition';
import type { WidgetEntry } from '@/lib/widgets/registry';
import type { WidgetProps } from '@/lib/widgets/types';
import { useIntersection } from '@/components/hooks/useInView';
import { loaderOf } from './loaders';

interface LoadedProps {
  readonly props: Readonly<Record<string, unknown>>;
  readonly onReady: () => void;
}

/** What a lesson widget needs once loaded: the shared lesson code, its definition, its component. */
interface Parts {
  readonly Loaded: ComponentType<LoadedProps>;
}

/** One load per widget per page. */
const loading = new Map<string, Promise<Parts>>();

/** Fetches a widget's code once per page (its own chunk, LessonWidget and the registry). */
function loadParts(id: string): Promise<Parts> {
  let p = loading.get(id);
  if (p) return p;
  p = (async (): Promise<Parts> => {
    const load = loaderOf(id);
    if (!load) throw new Error(`no widget "${id}" is registered in lib/widgets/registry.ts`);
    const [{ LessonWidget }, { getWidgetEntry }, Widget] = await Promise.all([import('./LessonWidget'), import('@/lib/widgets/registry'), load()]);
    const entry: WidgetEntry | undefined = getWidgetEntry(id);
    if (!entry) throw new Error(`no widget "${id}" is registered in lib/widgets/registry.ts`);
    const W: ComponentType<WidgetProps<Schema>> = Widget;
    function Loaded({ props, onReady }: LoadedProps) {
      useEffect(onReady, [onReady]);
      return <LessonWidget entry={entry!} Widget={W} props={props} />;
    }
    Loaded.displayName = `${entry.mdx ?? id}Loaded`;
    return { Loaded };
  })();
  loading.set(id, p);
  return p;
}

/** The lazy component of one widget shell: its code is fetched once `opened` resolves (at once when null). */
function lazyLessonWidget(id: string, opened: Promise<void> | null) {
  return lazy(async () => {
    if (opened) await opened;
    const { Loaded } = await loadParts(id);
    return { default: Loaded };
  });
}

interface Gate {
  readonly opened: Promise<void>;
  readonly open: () => void;
}

function makeGate(): Gate {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

export interface DeferredWidgetProps {
  /** The widget's id in lib/widgets/registry.ts. */
  readonly id: string;
  /** Its MDX props (checked against its schema once it loads). */
  readonly props: Readonly<Record<string, unknown>>;
  /** Its title and usual height, for the placeholder shown after a client-side navigation. */
  readonly title: string;
  readonly height: number;
}

const subscribeNothing = () => () => {};

export function DeferredWidget({ id, props, title, height }: DeferredWidgetProps) {
  const ref = useRef<HTMLDivElement>(null);
  // True while React renders on the server or hydrates server HTML; false on a client render.
  const fromServer = useSyncExternalStore(
    subscribeNothing,
    () => false,
    () => true,
  );
  // Made once per shell: the gate (browser, hydrating only) and the lazy component behind it.
  const [{ Widget, gate, hydrating }] = useState(() => {
    const gate = fromServer && typeof window !== 'undefined' ? makeGate() : null;
    return { Widget: lazyLessonWidget(id, gate?.opened ?? null), gate, hydrating: fromServer };
  });

  // Opening twice is harmless (a promise resolves once); the observer goes with the shell.
  useIntersection(ref, (near) => near && gate?.open(), { rootMargin: HYDRATE_MARGIN, enabled: gate !== null });

  const onReady = useCallback(() => ref.current?.setAttribute('data-hydrated', ''), []);

  // The same element on every render: a re-render of the shell must not reach a boundary that is
  // still dehydrated (React would then drop the server HTML and render it on the client).
  const content = useMemo(
    () =>
      hydrating ? (
        <Activity mode="visible">
          <Widget props={props} onReady={onReady} />
        </Activity>
      ) : (
        <Suspense fallback={<Placeholder title={title} height={height} />}>
          <Widget props={props} onReady={onReady} />
        </Suspense>
      ),
    [hydrating, Widget, props, onReady, title, height],
  );

  return (
    <div ref={ref} data-lesson-widget={id}>
      <LoadError title={title}>{content}</LoadError>
    </div>
  );
}

function Placeholder({ title, height }: { title: string; height: number }) {
  return (
    <div
      role="status"
      style={{ minHeight: height }}
      className="not-prose my-8 flex items-center justify-center rounded-xl border border-dashed border-slate-300 p-6 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400"
    >
      Loading the {title} widget…
    </div>
  );
}

/** A widget whose code cannot be fetched (offline, a stale deployment) says so instead of breaking the page. */
class LoadError extends Component<{ title: string; children: ReactNode }, { error: string | null }> {
  override state = { error: null as string | null };

  static getDerivedStateFromError(e: unknown) {
    return { error: e instanceof Error ? e.message : String(e) };
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    return (
      <p
        role="alert"
        className="not-prose my-8 rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-500/60 dark:bg-amber-500/10 dark:text-amber-100"
      >
        The {this.props.title} widget could not be loaded ({this.state.error}). Reload the page to try again.
      </p>
    );
  }
}
