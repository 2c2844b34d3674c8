'use client';

/**
 * A widget in a lesson, once its code has loaded (components/widgets/DeferredWidget.tsx loads it):
 * its state lives in the page (useState), initialised from MDX props that are checked against the
 * widget's URL schema exactly as an embed page checks its URL. A prop the schema rejects falls back
 * to the default and shows a notice, so a typo in a lesson is visible. The frame comes from the
 * widget's definition (lib/widgets/registry.ts); below the widget, a collapsed "Share / embed"
 * panel gives its current state as a link and as iframe code.
 */
import { useCallback, useState, type ComponentType, type ReactNode } from 'react';
import { SharePanel } from '@/components/embed/SharePanel';
import { Notices } from '@/components/ui/Notices';
import { WidgetFrame } from '@/components/ui/WidgetFrame';
import { formatValue, parseParams, type Notice, type Schema, type StateOf } from '@/lib/url-state/schema';
import type { WidgetEntry } from '@/lib/widgets/registry';
import type { WidgetProps } from '@/lib/widgets/types';

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

export interface LessonWidgetProps {
  /** The widget's definition. */
  readonly entry: WidgetEntry;
  /** Its component, loaded by WIDGET_LOADERS (components/widgets/loaders.ts). */
  readonly Widget: ComponentType<WidgetProps<Schema>>;
  /** The MDX props. */
  readonly props: Readonly<Record<string, unknown>>;
}

export function LessonWidget({ entry, Widget, props }: LessonWidgetProps) {
  const { meta, frame } = entry;
  const [{ state: init, notices }] = useState(() => initialState(meta.schema, props));
  const [state, setState] = useState(init);
  const onChange = useCallback((patch: Partial<StateOf<Schema>>) => setState((s) => ({ ...s, ...patch }) as StateOf<Schema>), []);
  const label = entry.noticeName ?? meta.title.toLowerCase();
  const notice = <Notices notices={notices} title={`Some settings of this ${label} widget were not used`} />;
  const share = <SharePanel meta={meta} height={entry.height} state={state} />;
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
