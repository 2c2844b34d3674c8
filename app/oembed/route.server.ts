/**
 * oEmbed endpoint: GET /oembed?url=<embed URL>&maxwidth=&maxheight=&format=json (lib/embed/oembed.ts).
 *
 * Named *.server.ts: next.config.mjs adds that extension to pageExtensions only when it is not
 * building a static export, where a per-request handler cannot exist. So `next start` serves it
 * and `npm run export` leaves it out.
 */
import { oembed } from '@/lib/embed/oembed';

export const dynamic = 'force-dynamic';

/** The origin the client used (request.url carries the server's own host name, not the Host header). */
function siteOrigin(request: Request, url: URL): string {
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host') ?? url.host;
  const proto = request.headers.get('x-forwarded-proto') ?? url.protocol.replace(/:$/, '');
  const candidate = `${proto.split(',')[0].trim()}://${host.split(',')[0].trim()}`;
  try {
    return new URL(candidate).origin;
  } catch {
    return url.origin;
  }
}

export function GET(request: Request): Response {
  const url = new URL(request.url);
  const q = url.searchParams;
  const result = oembed({ url: q.get('url'), maxwidth: q.get('maxwidth'), maxheight: q.get('maxheight'), format: q.get('format') }, siteOrigin(request, url));
  return Response.json(result.body, {
    status: result.status,
    headers: { 'Cache-Control': result.status === 200 ? 'public, max-age=3600' : 'no-store', 'Access-Control-Allow-Origin': '*' },
  });
}
