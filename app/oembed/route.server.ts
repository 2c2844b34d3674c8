/**
 * oEmbed endpoint: GET /oembed?url=<embed URL>&maxwidth=&maxheight=&format=json (lib/embed/oembed.ts).
 *
 * Named *.server.ts: next.config.mjs adds that extension to pageExtensions only when it is not
 * building a static export, where a per-request handler cannot exist. So `next start` serves it
 * and `npm run export` leaves it out.
 */
import { oembed } from '@/lib/embed/oembed';

export const dynamic = 'force-dynamic';

export function GET(request: Request): Response {
  const url = new URL(request.url);
  const q = url.searchParams;
  const result = oembed({ url: q.get('url'), maxwidth: q.get('maxwidth'), maxheight: q.get('maxheight'), format: q.get('format') }, url.origin);
  return Response.json(result.body, {
    status: result.status,
    headers: { 'Cache-Control': result.status === 200 ? 'public, max-age=3600' : 'no-store', 'Access-Control-Allow-Origin': '*' },
  });
}
