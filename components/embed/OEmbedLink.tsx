'use client';

import { useSyncExternalStore } from 'react';
import { embedPath } from '@/lib/embed/schema';
import { oembedHref } from '@/lib/embed/oembed';

const subscribeNothing = () => () => {};

/**
 * The oEmbed discovery link (<link rel="alternate" type="application/json+oembed">, hoisted into
 * <head> by React). The pre-rendered page cannot know its host or query, so the HTML carries a
 * site-relative link to the widget's default view; in the browser it becomes the absolute link to
 * the URL actually shown.
 */
export function OEmbedLink({ id, title }: { id: string; title: string }) {
  const href = useSyncExternalStore(
    subscribeNothing,
    () => oembedHref(window.location.origin, window.location.href),
    () => oembedHref('', embedPath(id)),
  );
  return <link rel="alternate" type="application/json+oembed" href={href} title={`Layerwise: ${title}`} />;
}
