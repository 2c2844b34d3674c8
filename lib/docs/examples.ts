/**
 * The live example and the embed code the instructors' page shows for each widget: the widget's
 * defaults, and run=click for widgets that use TensorFlow.js (a page of fifteen examples must not
 * start fifteen runtimes). The code comes from lib/embed/code.ts, the share panel's generator.
 * Framework-free.
 */
import { shareCode, type ShareCode } from '@/lib/embed/code';
import { embedUrl, type FrameState } from '@/lib/embed/schema';
import type { WidgetEntry } from '@/lib/widgets/registry';

/** The frame parameters of a docs example. */
export function exampleFrame(entry: Pick<WidgetEntry, 'meta'>): Partial<FrameState> {
  return entry.meta.usesTfjs ? { run: 'click' } : {};
}

/** Site-relative src of the example iframe. */
export function exampleSrc(entry: Pick<WidgetEntry, 'meta'>): string {
  return embedUrl('', entry.meta, {}, exampleFrame(entry));
}

/** The link and iframe code for the example, on `origin` ('' gives site-relative URLs). */
export function exampleCode(origin: string, entry: Pick<WidgetEntry, 'meta' | 'height'>): ShareCode {
  return shareCode(origin, entry.meta, {}, entry.height, exampleFrame(entry));
}
