/**
 * The code an instructor pastes: a plain link, an <iframe>, and the optional one-line host script
 * that resizes the iframe to its content. Framework-free (used by the share panel, the oEmbed
 * endpoint and the docs).
 */
import type { Schema } from '@/lib/url-state/schema';
import type { WidgetMeta } from '@/lib/widgets/types';
import { embedUrl, type FrameState } from './schema';

/** Escapes text for a double-quoted HTML attribute value. */
export function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The iframe's `allow` list: fullscreen always, the camera only for widgets that use it. */
export function allowList(meta: Pick<WidgetMeta<Schema>, 'usesWebcam'>): string {
  return meta.usesWebcam ? 'fullscreen; camera' : 'fullscreen';
}

export function iframeTitle(meta: Pick<WidgetMeta<Schema>, 'title'>): string {
  return `Layerwise: ${meta.title}`;
}

export interface IframeOptions {
  readonly src: string;
  readonly meta: Pick<WidgetMeta<Schema>, 'title' | 'usesWebcam'>;
  /** CSS pixels. */
  readonly height: number;
  /** CSS pixels; omitted: the iframe takes the full width of its container. */
  readonly width?: number;
}

/** `<iframe src=… title=… loading="lazy" allow=…>`: responsive width unless a width is given. */
export function iframeCode({ src, meta, height, width }: IframeOptions): string {
  const h = Math.max(1, Math.round(height));
  const size = width === undefined ? `width="100%" height="${h}"` : `width="${Math.max(1, Math.round(width))}" height="${h}"`;
  const style = width === undefined ? 'width:100%;border:0' : `width:100%;max-width:${Math.round(width)}px;border:0`;
  return `<iframe src="${escapeAttr(src)}" title="${escapeAttr(iframeTitle(meta))}" ${size} loading="lazy" allow="${allowList(meta)}" allowfullscreen style="${style}"></iframe>`;
}

/** The host script that resizes Layerwise iframes on the page (served by the site at /embed.js). */
export function hostScriptCode(origin: string): string {
  return `<script src="${escapeAttr(`${origin.replace(/\/+$/, '')}/embed.js`)}" async></script>`;
}

export interface ShareCode {
  /** The embed page on its own (what the iframe shows). */
  readonly link: string;
  /** The iframe alone. */
  readonly iframe: string;
  /** The iframe plus the resize script. */
  readonly snippet: string;
}

/** Everything the share panel offers for a widget in a given state. */
export function shareCode(origin: string, meta: WidgetMeta<Schema>, state: Readonly<Record<string, unknown>>, height: number, frame: Partial<FrameState> = {}): ShareCode {
  const link = embedUrl(origin, meta, state, frame);
  const iframe = iframeCode({ src: link, meta, height });
  return { link, iframe, snippet: `${iframe}\n${hostScriptCode(origin)}` };
}
