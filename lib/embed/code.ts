/**
 * The code an instructor pastes: a plain link, an <iframe>, and the optional one-line host script
 * that resizes the iframe to its content. Framework-free (used by the share panel, the oEmbed
 * endpoint and the docs).
 */
import { formatInt } from '@/lib/format';
import type { Schema } from '@/lib/url-state/schema';
import type { WidgetMeta } from '@/lib/widgets/types';
import { embedUrl, type FrameState } from './schema';

/** Escapes text for a double-quoted HTML attribute value. */
export function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The iframe's `allow` list: fullscreen always; cross-origin-isolated always, because a frame of
 * another origin is isolated only when its host is and delegates it (the feature's default
 * allowlist is 'self'; HTML, "cross-origin isolation"), and WASM threads need it; the camera only
 * for widgets that use it.
 */
export function allowList(meta: Pick<WidgetMeta<Schema>, 'usesWebcam'>): string {
  return ['fullscreen', 'cross-origin-isolated', ...(meta.usesWebcam ? ['camera'] : [])].join('; ');
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

/**
 * The longest link (path and query, characters) the share panel writes. Servers refuse long
 * request lines: `next start` (Node's http) answers 431 once the request line and headers pass
 * 16 KiB (Node's default --max-http-header-size), and the page's own URL returns as the Referer
 * header of each of its same-origin requests; nginx's default `large_client_header_buffers 4 8k`
 * refuses a request line over 8 KiB (414). 8,000 characters fits both with room for the headers.
 */
export const MAX_SHARE_PATH_CHARS = 8000;

/** A link the panel will not offer: how long it would be and the limit. */
export interface ShareTooLong {
  readonly chars: number;
  readonly limit: number;
}

/** The reader-facing sentence for a link over the limit. */
export function shareTooLongMessage({ chars, limit }: ShareTooLong): string {
  return `This view's link would be ${formatInt(chars)} characters long, over the ${formatInt(limit)} that web servers reliably accept, so it cannot be shared as a link. Return some settings to their defaults to share it.`;
}

/** Characters of a URL after its origin (path, query and fragment): what a request line carries. */
export function pathChars(url: string): number {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(url);
  return url.length - (m ? m[0].length : 0);
}

export interface ShareCode {
  /** The embed page on its own (what the iframe shows). */
  readonly link: string;
  /** The iframe alone. */
  readonly iframe: string;
  /** The iframe plus the resize script. */
  readonly snippet: string;
  /** Set when the link is too long to offer (see MAX_SHARE_PATH_CHARS). */
  readonly tooLong: ShareTooLong | null;
}

/**
 * Everything the share panel offers for a widget in a given state. `tooLong` is set when the link
 * would pass MAX_SHARE_PATH_CHARS: the panel then offers no link a server would refuse.
 */
export function shareCode(
  origin: string,
  meta: WidgetMeta<Schema>,
  state: Readonly<Record<string, unknown>>,
  height: number,
  frame: Partial<FrameState> = {},
): ShareCode {
  const link = embedUrl(origin, meta, state, frame);
  const chars = pathChars(link);
  const iframe = iframeCode({ src: link, meta, height });
  return {
    link,
    iframe,
    snippet: `${iframe}\n${hostScriptCode(origin)}`,
    tooLong: chars > MAX_SHARE_PATH_CHARS ? { chars, limit: MAX_SHARE_PATH_CHARS } : null,
  };
}
