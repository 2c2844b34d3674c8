import type { Metadata } from 'next';
import { Suspense } from 'react';
import { EmbedFrame } from '@/components/embed/EmbedFrame';
import { OEmbedLink } from '@/components/embed/OEmbedLink';
import { WIDGET_IDS, getWidget } from '@/lib/widgets/registry';

// One pre-rendered page per registered widget; any other id is a 404.
export const dynamicParams = false;

/** A static export has no oEmbed endpoint, so its pages carry no discovery link (see the README). */
const OEMBED = process.env.LAYERWISE_EXPORT !== '1';

export function generateStaticParams() {
  return WIDGET_IDS.map((widget) => ({ widget }));
}

export async function generateMetadata({ params }: { params: Promise<{ widget: string }> }): Promise<Metadata> {
  const { widget } = await params;
  const meta = getWidget(widget);
  if (!meta) return {};
  // Embeds repeat what the lessons and the lab show: keep them out of search results.
  return { title: meta.title, description: meta.description, robots: { index: false, follow: true } };
}

export default async function EmbedPage({ params }: { params: Promise<{ widget: string }> }) {
  const { widget } = await params;
  const meta = getWidget(widget);
  if (!meta) return null;
  return (
    <>
      {OEMBED && <OEmbedLink id={meta.id} title={meta.title} />}
      {/* The widget's state is in the URL, which only the browser knows for a pre-rendered page. */}
      <Suspense fallback={<p className="p-6 text-center text-sm text-slate-500 dark:text-slate-400">Loading {meta.title}…</p>}>
        <EmbedFrame id={meta.id} />
      </Suspense>
    </>
  );
}
