import { createElement as h } from 'react';
import { renderToReadableStream } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DeferredWidget } from './DeferredWidget';

/**
 * The server side of the lesson shell: the widget's HTML is written in place, inside an Activity
 * boundary, even after a long stretch of page (React outlines a completed Suspense boundary once
 * about 12.8 kB have been written, streaming it in later: the layout would shift as it lands).
 */
async function render(filler: number): Promise<string> {
  const page = h(
    'main',
    null,
    h('p', null, 'x'.repeat(filler)),
    h(DeferredWidget, { id: 'dense-connectivity', props: { L: 6 }, title: 'Dense connectivity', height: 900 }),
  );
  const stream = await renderToReadableStream(page);
  await stream.allReady;
  return new Response(stream).text();
}

describe('DeferredWidget on the server', () => {
  it('renders the widget with its MDX props in place, in an Activity boundary, after 20 kB of page', async () => {
    const html = await render(20_000);
    const at = html.indexOf('data-lesson-widget="dense-connectivity"');
    expect(at).toBeGreaterThan(20_000);
    const shell = html.slice(at, at + 200);
    expect(shell).toContain('<!--&-->');
    expect(html).not.toContain('<!--$?-->');
    expect(html).not.toContain('$RC');
    expect(html).not.toContain('Loading the Dense connectivity widget');
    // L = 6 layers: L(L+1)/2 = 21 direct connections, from the widget itself.
    expect(html).toMatch(/Direct connections<\/dt><dd[^>]*>21</);
  });

  it('says so when a widget id is not registered', async () => {
    const stream = renderToReadableStream(h(DeferredWidget, { id: 'no-such-widget', props: {}, title: 'Nothing', height: 200 }));
    await expect(stream).rejects.toThrow(/no widget "no-such-widget" is registered/);
  });
});
