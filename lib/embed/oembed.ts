/**
 * oEmbed (https://oembed.com) for embed URLs: GET /oembed?url=<embed URL>[&maxwidth=…][&maxheight=…]
 * [&format=json] answers a `rich` response whose html is the iframe code. Only `next start` serves
 * it (a static export cannot answer per-URL requests); see the README.
 *
 * Errors are JSON too: 404 when the URL is not an embed page of this site, 501 for a format other
 * than json, 400 for a malformed maxwidth or maxheight. Framework-free.
 */
import { getWidgetEntry } from '@/lib/widgets/registry';
import { iframeCode, iframeTitle } from './code';
import { embedUrl, parseEmbedParams } from './schema';

/** Width the iframe asks for when the consumer sets no maxwidth. */
export const OEMBED_DEFAULT_WIDTH = 800;

export interface OEmbedRich {
  readonly version: '1.0';
  readonly type: 'rich';
  readonly title: string;
  readonly provider_name: 'Layerwise';
  readonly provider_url: string;
  readonly html: string;
  readonly width: number;
  readonly height: number;
  readonly cache_age: number;
}

export interface OEmbedError {
  readonly error: string;
}

export type OEmbedResult = { readonly status: 200; readonly body: OEmbedRich } | { readonly status: 400 | 404 | 501; readonly body: OEmbedError };

export interface OEmbedQuery {
  readonly url: string | null;
  readonly maxwidth?: string | null;
  readonly maxheight?: string | null;
  readonly format?: string | null;
}

const EMBED_PATH = /^\/embed\/([a-z0-9-]{1,64})\/?$/;

function parseMax(name: string, raw: string | null | undefined): { ok: true; value: number | null } | { ok: false; error: string } {
  if (raw === null || raw === undefined || raw === '') return { ok: true, value: null };
  if (!/^\d{1,6}$/.test(raw) || Number(raw) < 1)
    return { ok: false, error: `${name} must be a whole number of pixels, at least 1 (got "${raw.slice(0, 20)}")` };
  return { ok: true, value: Number(raw) };
}

/**
 * The oEmbed answer for a query, with `origin` the site's own origin (http://host:port). The URL
 * may be absolute (same origin) or site-relative; its parameters are checked with the widget's
 * embed schema and the html points at the canonical URL (bad parameters dropped).
 */
export function oembed(query: OEmbedQuery, origin: string): OEmbedResult {
  if (query.format && query.format !== 'json') return { status: 501, body: { error: `format "${query.format.slice(0, 20)}" is not supported; use json` } };
  if (!query.url) return { status: 404, body: { error: 'url is missing: pass the address of a Layerwise embed page, such as /embed/dense-connectivity' } };
  let u: URL;
  try {
    u = new URL(query.url, origin);
  } catch {
    return { status: 404, body: { error: 'url is not a valid address' } };
  }
  if (u.origin !== new URL(origin).origin) return { status: 404, body: { error: `url is not on this site (${new URL(origin).origin})` } };
  const m = EMBED_PATH.exec(u.pathname);
  const entry = m ? getWidgetEntry(m[1]) : undefined;
  if (!m || !entry) return { status: 404, body: { error: 'url is not a Layerwise embed page (/embed/<widget id>)' } };
  const maxW = parseMax('maxwidth', query.maxwidth);
  if (!maxW.ok) return { status: 400, body: { error: maxW.error } };
  const maxH = parseMax('maxheight', query.maxheight);
  if (!maxH.ok) return { status: 400, body: { error: maxH.error } };

  const { state, frame } = parseEmbedParams(entry.meta, u.searchParams);
  const src = embedUrl(origin, entry.meta, state, frame);
  // Never more than the consumer allows: a short frame scrolls (or grows, with /embed.js).
  const width = Math.min(OEMBED_DEFAULT_WIDTH, maxW.value ?? OEMBED_DEFAULT_WIDTH);
  const height = Math.min(entry.height, maxH.value ?? entry.height);
  return {
    status: 200,
    body: {
      version: '1.0',
      type: 'rich',
      title: iframeTitle(entry.meta),
      provider_name: 'Layerwise',
      provider_url: `${new URL(origin).origin}/`,
      html: iframeCode({ src, meta: entry.meta, height, width }),
      width,
      height,
      cache_age: 86400,
    },
  };
}

/** The discovery link's href for an embed page URL. */
export function oembedHref(origin: string, pageUrl: string): string {
  return `${origin.replace(/\/+$/, '')}/oembed?format=json&url=${encodeURIComponent(pageUrl)}`;
}
