'use client';

/**
 * A widget in a lesson: its state lives in the page (useState), initialised from MDX props that are
 * checked against the widget's URL schema exactly as an embed page checks its URL. A prop the
 * schema rejects falls back to the default and shows a notice, so a typo in a lesson is visible.
 */
import { useCallback, useState, type ComponentType } from 'react';
import { Notices } from '@/components/ui/Notices';
import { formatValue, parseParams, type Notice, type Schema, type StateOf } from '@/lib/url-state/schema';
import type { WidgetProps } from '@/lib/widgets/types';

export type LessonProps<S extends Schema> = { [K in keyof S]?: unknown };

export function initialState<S extends Schema>(schema: S, props: LessonProps<S>): { state: StateOf<S>; notices: Notice[] } {
  const raw: Record<string, string> = {};
  for (const [key, v] of Object.entries(props)) {
    if (v === undefined || key === 'children') continue;
    const p = schema[key];
    raw[key] = p ? formatValue(p, v) : String(v);
  }
  return parseParams(schema, raw);
}

export function withLocalState<S extends Schema>(schema: S, Widget: ComponentType<WidgetProps<S>>, name: string) {
  function Local(props: LessonProps<S>) {
    const [{ state: init, notices }] = useState(() => initialState(schema, props));
    const [state, setState] = useState(init);
    const onChange = useCallback((patch: Partial<StateOf<S>>) => setState((s) => ({ ...s, ...patch })), []);
    return (
      <>
        <Notices notices={notices} title={`Some settings of this ${name} widget were not used`} />
        <Widget state={state} onChange={onChange} />
      </>
    );
  }
  Local.displayName = `${name}InLesson`;
  return Local;
}
