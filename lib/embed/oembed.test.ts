import { describe, expect, it } from 'vitest';
import { getWidgetEntry } from '@/lib/widgets/registry';
import { OEMBED_DEFAULT_WIDTH, oembed, oembedHref } from './oembed';

const origin = 'https://layerwise.example.org';

describe('oEmbed', () => {
  it('answers a rich response for an embed URL, with the canonical URL in its iframe', () => {
    const r = oembed({ url: `${origin}/embed/reward-explorer/?v=1&target=100&junk=1` }, origin);
    expect(r.status).toBe(200);
    if (r.status !== 200) return;
    const height = getWidgetEntry('reward-explorer')!.height;
    expect(r.body).toMatchObject({
      version: '1.0',
      type: 'rich',
      title: 'Layerwise: MnasNet reward explorer',
      provider_name: 'Layerwise',
      provider_url: `${origin}/`,
      width: OEMBED_DEFAULT_WIDTH,
      height,
    });
    expect(r.body.html).toBe(
      `<iframe src="${origin}/embed/reward-explorer?v=1&amp;target=100" title="Layerwise: MnasNet reward explorer" width="${OEMBED_DEFAULT_WIDTH}" height="${height}" loading="lazy" allow="fullscreen; cross-origin-isolated" allowfullscreen style="width:100%;max-width:${OEMBED_DEFAULT_WIDTH}px;border:0"></iframe>`,
    );
  });

  it('honours maxwidth and maxheight, and never exceeds them', () => {
    const small = oembed({ url: '/embed/lab-runner', maxwidth: '320', maxheight: '200' }, origin);
    expect(small.status).toBe(200);
    if (small.status === 200) {
      expect(small.body).toMatchObject({ width: 320, height: 200 });
      expect(small.body.html).toContain('width="320" height="200"');
      expect(small.body.html).toContain('allow="fullscreen; cross-origin-isolated; camera"');
    }
    const big = oembed({ url: '/embed/lab-runner', maxwidth: '5000', maxheight: '5000' }, origin);
    if (big.status === 200) expect(big.body).toMatchObject({ width: OEMBED_DEFAULT_WIDTH, height: getWidgetEntry('lab-runner')!.height });
    const tiny = oembed({ url: '/embed/lab-runner', maxwidth: '40', maxheight: '30' }, origin);
    if (tiny.status === 200) expect(tiny.body).toMatchObject({ width: 40, height: 30 });
  });

  it('answers errors as JSON: 404 for anything that is not an embed of this site, 501 for other formats, 400 for bad sizes', () => {
    expect(oembed({ url: null }, origin).status).toBe(404);
    expect(oembed({ url: 'https://evil.example.com/embed/reward-explorer' }, origin).status).toBe(404);
    expect(oembed({ url: `${origin}/lessons/densenet` }, origin).status).toBe(404);
    expect(oembed({ url: `${origin}/embed/no-such-widget` }, origin).status).toBe(404);
    expect(oembed({ url: 'http://[::1' }, origin).status).toBe(404);
    const xml = oembed({ url: '/embed/reward-explorer', format: 'xml' }, origin);
    expect(xml).toEqual({ status: 501, body: { error: 'format "xml" is not supported; use json' } });
    expect(oembed({ url: '/embed/reward-explorer', format: 'json' }, origin).status).toBe(200);
    for (const bad of ['0', '-1', 'abc', '1.5']) expect(oembed({ url: '/embed/reward-explorer', maxwidth: bad }, origin).status).toBe(400);
  });

  it('builds the discovery link', () => {
    expect(oembedHref(origin, `${origin}/embed/x?v=1&a=b`)).toBe(`${origin}/oembed?format=json&url=${encodeURIComponent(`${origin}/embed/x?v=1&a=b`)}`);
  });
});
