'use client';

/**
 * A widget in a lesson: its state lives in the page (useState), initialised from MDX props that are
 * checked against the widget's URL schema exactly as an embed page checks its URL. A prop the
 * schema rejects falls back to the default and shows a notice, so a typo in a lesson is visible.
 * Below the widget, a collapsed "Share / embed" panel gives its current state as a link and as
 * iframe code.
 *
 *   // in a 'use client' module:
 *   export const DenseConnectivityLesson = lessonWidget(denseConnectivityMeta, DenseConnectivity, 'dense connectivity');
 *   // in MDX: <DenseConnectivity L={5} k={4} />
 */
import { useCallback, useState, type ComponentType, type ReactNode } from 'react';
import { SharePanel } from '@/components/embed/SharePanel';
import { WIDGET_FRAMES } from '@/components/embed/widget-frames';
import { Notices } from '@/components/ui/Notices';
import { WidgetFrame } from '@/components/ui/WidgetFrame';
import { formatValue, parseParams, type Notice, type Schema, type StateOf } from '@/lib/url-state/schema';
import type { WidgetMeta, WidgetProps } from '@/lib/widgets/types';

export type LessonProps<S extends Schema> = { [K in keyof S]?: unknown } & { children?: ReactNode };

/**
 * The state MDX props ask for. Strings are read as a URL would give them (`step="4"`), other values
 * in their URL form (`L={5}`, `shuffle={false}`); unknown props and invalid values become notices.
 */
export function initialState<S extends Schema>(schema: S, props: Readonly<Record<string, unknown>>): { state: StateOf<S>; notices: Notice[] } {
  const raw: Array<[string, string]> = [];
  for (const [key, v] of Object.entries(props)) {
    if (v === undefined || v === null || key === 'children') continue;
    const p = Object.prototype.hasOwnProperty.call(schema, key) ? schema[key] : undefined;
    raw.push([key, typeof v === 'string' || !p ? String(v) : formatValue(p, v)]);
  }
  return parseParams(schema, new URLSearchParams(raw));
}

export interface LessonWidgetProps<S extends Schema> {
  readonly meta: WidgetMeta<S>;
  readonly Widget: ComponentType<WidgetProps<S>>;
  /** The MDX props. */
  readonly props: Readonly<Record<string, unknown>>;
  /** How notices name the widget ("dense connectivity"); default its title. */
  readonly name?: string;
}

export function LessonWidget<S extends Schema>({ meta, Widget, props, name }: LessonWidgetProps<S>) {
  const [{ state: init, notices }] = useState(() => initialState(meta.schema, props));
  const [state, setState] = useState(init);
  const onChange = useCallback((patch: Partial<StateOf<S>>) => setState((s) => ({ ...s, ...patch })), []);
  const frame = WIDGET_FRAMES[meta.id];
  const label = name ?? meta.title.toLowerCase();
  const notice = <Notices notices={notices} title={`Some settings of this ${label} widget were not used`} />;
  const share = <SharePanel meta={meta as unknown as WidgetMeta<Schema>} state={state} />;
  if (frame) {
    return (
      <WidgetFrame title={frame.title} badge={frame.label} testId={frame.testId}>
        {notice}
        <Widget state={state} onChange={onChange} />
        <div className="mt-4">{share}</div>
      </WidgetFrame>
    );
  }
  // Widgets that draw their own frame: the panel sits right under it.
  return (
    <>
      {notice}
      <Widget state={state} onChange={onChange} />
      <div className="not-prose -mt-6 mb-8">{share}</div>
    </>
  );
}

/** A lesson component for a widget (call it in a 'use client' module, so MDX can use the result). */
export function lessonWidget<S extends Schema>(meta: WidgetMeta<S>, Widget: ComponentType<WidgetProps<S>>, name?: string) {
  function InLesson(props: LessonProps<S>) {
    return <LessonWidget meta={meta} Widget={Widget} props={props} name={name} />;
  }
  InLesson.displayName = `${Widget.displayName ?? Widget.name ?? 'Widget'}InLesson`;
  return InLesson;
}
