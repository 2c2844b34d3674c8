import { describe, expect, it } from 'vitest';
import { getWidget } from '@/lib/widgets/registry';
import { allowList, escapeAttr, hostScriptCode, iframeCode, MAX_SHARE_PATH_CHARS, pathChars, shareCode, shareTooLongMessage } from './code';
import { parseEmbedParams } from './schema';

describe('share and iframe code', () => {
  const dense = getWidget('dense-connectivity')!;
  const runner = getWidget('lab-runner')!;
  const defaults = (id: string) => parseEmbedParams(getWidget(id)!, new URLSearchParams()).state;

  it('gives a link and an iframe with title, lazy loading and only the permissions the widget needs', () => {
    const c = shareCode('https://layerwise.example.org', dense, { ...defaults('dense-connectivity'), L: 7 }, 900);
    expect(c.link).toBe('https://layerwise.example.org/embed/dense-connectivity?v=1&L=7');
    expect(c.iframe).toBe(
      '<iframe src="https://layerwise.example.org/embed/dense-connectivity?v=1&amp;L=7" title="Layerwise: Dense connectivity" width="100%" height="900" loading="lazy" allow="fullscreen; cross-origin-isolated" allowfullscreen style="width:100%;border:0"></iframe>',
    );
    expect(c.snippet).toBe(`${c.iframe}\n<script src="https://layerwise.example.org/embed.js" async></script>`);
    // cross-origin-isolated for every widget: in an isolated host, the frame gets WASM threads only when delegated.
    expect(allowList(dense)).toBe('fullscreen; cross-origin-isolated');
    expect(allowList(runner)).toBe('fullscreen; cross-origin-isolated; camera');
    expect(shareCode('https://x.org', runner, defaults('lab-runner'), 640).iframe).toContain('allow="fullscreen; cross-origin-isolated; camera"');
  });

  it('carries frame parameters and fixed sizes', () => {
    const c = shareCode('http://127.0.0.1:3000/', runner, defaults('lab-runner'), 640, { theme: 'dark', run: 'click' });
    expect(c.link).toBe('http://127.0.0.1:3000/embed/lab-runner?v=1&theme=dark&run=click');
    expect(iframeCode({ src: c.link, meta: runner, height: 300.4, width: 500 })).toContain('width="500" height="300"');
    expect(iframeCode({ src: c.link, meta: runner, height: 300, width: 500 })).toContain('style="width:100%;max-width:500px;border:0"');
  });

  it('escapes attribute values', () => {
    expect(escapeAttr('a"b<c>&d')).toBe('a&quot;b&lt;c&gt;&amp;d');
    expect(iframeCode({ src: 'x"onload="alert(1)', meta: { title: 'T"', usesWebcam: false }, height: 10 })).toContain(
      'src="x&quot;onload=&quot;alert(1)" title="Layerwise: T&quot;"',
    );
    expect(hostScriptCode('https://a.org/')).toBe('<script src="https://a.org/embed.js" async></script>');
  });

  it('flags a link longer than the cap (servers answer 431 or 414) and says how long it would be', () => {
    const graph = getWidget('lab-graph')!;
    expect(shareCode('https://x.org', graph, { ...defaults('lab-graph'), open: 'layer1' }, 640).tooLong).toBeNull();
    // 'open' accepts 4,000 characters; every comma is written as %2C, so the link passes 8,000.
    const open = Array.from({ length: 1300 }, (_, i) => `g${i}`).join(',');
    const c = shareCode('https://x.org', graph, { ...defaults('lab-graph'), open }, 640);
    expect(c.tooLong).toEqual({ chars: pathChars(c.link), limit: MAX_SHARE_PATH_CHARS });
    expect(c.tooLong!.chars).toBeGreaterThan(MAX_SHARE_PATH_CHARS);
    expect(shareTooLongMessage(c.tooLong!)).toMatch(/^This view's link would be \d{1,3}(,\d{3})+ characters long, over the 8,000 /);
  });

  it('counts a link by its path and query, not its origin', () => {
    expect(pathChars('https://layerwise.example.org/embed/x?v=1')).toBe('/embed/x?v=1'.length);
    expect(pathChars('/embed/x?v=1')).toBe(12);
  });
});
