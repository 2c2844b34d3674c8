'use client';

/**
 * Widget id → its controlled React component (WidgetProps: state + onChange), for the embed pages:
 * a React.lazy over the widget's loader (components/widgets/loaders.ts), so an embed page downloads
 * only its own widget. Render it inside a Suspense boundary.
 */
import { lazy, type LazyExoticComponent } from 'react';
import { loaderOf, type WidgetComponent } from '@/components/widgets/loaders';

const made = new Map<string, LazyExoticComponent<WidgetComponent>>();

/** The lazy component of a registered widget (one per id, so its state survives re-renders), or undefined. */
export function embedWidget(id: string): LazyExoticComponent<WidgetComponent> | undefined {
  const load = loaderOf(id);
  if (!load) return undefined;
  let c = made.get(id);
  if (!c) {
    c = lazy(() => load().then((component) => ({ default: component })));
    made.set(id, c);
  }
  return c;
}
