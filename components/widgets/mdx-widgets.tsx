/**
 * The MDX tags of the lesson widgets, made from their definitions (lib/widgets/registry.ts): one
 * tag per definition with an `mdx` name. Each renders the widget's DeferredWidget shell (a client
 * component) with the tag's props; the widget's own code is loaded by the shell, so a lesson page
 * ships none of it up front. A server module: MDX props cross to the client as plain data.
 */
import type { ComponentType } from 'react';
import { LESSON_WIDGETS, type WidgetEntry } from '@/lib/widgets/registry';
import { DeferredWidget } from './DeferredWidget';

type MdxProps = Readonly<Record<string, unknown>>;

function mdxWidget(entry: WidgetEntry & { readonly mdx: string }): ComponentType<MdxProps> {
  function InLesson({ children, ...props }: MdxProps) {
    void children; // widgets take no MDX children
    return <DeferredWidget id={entry.meta.id} props={props} title={entry.meta.title} height={entry.height} />;
  }
  InLesson.displayName = entry.mdx;
  return InLesson;
}

/** MDX name → component, for every lesson widget. */
export const MDX_WIDGETS: Readonly<Record<string, ComponentType<MdxProps>>> = Object.fromEntries(LESSON_WIDGETS.map((e) => [e.mdx, mdxWidget(e)]));
