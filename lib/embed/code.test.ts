import { describe, expect, it } from 'vitest';
import { getWidget } from '@/lib/widgets/registry';
import { allowList, escapeAttr, hostScriptCode, iframeCode, shareCode } from './code';
import { parseEmbedParams } from './schema';

describe('share and iframe code', () => {
  const dense = getWidget('dense-connectivity')!;
  const runner = getWidget('lab-runner')!;
  const defaults = (id: string) => parseEmbedParams(getWidget(id)!, new URLSearchParams()).state;

  it('gives a link and an iframe with title, lazy loading and only the permissions the widget needs', () => {
    const c = shareCode('https://layerwise.example.org', dense, { ...defaults('dense-connectivity'), L: 7 }, 900);
    expect(c.link).toBe('https://layerwise.example.org/embed/dense-connectivity?v=1&L=7');
    expect(c.iframe).toBe(
      '<iframe src="https://layerwise.example.org/embed/dense-connectivity?v=1&amp;L=7" title="Layerwise: Dense connectivity" width="100%" height="900" loading="lazy" allow="fullscreen" allowfullscreen style="width:100%;border:0"></iframe>',
    );
    expect(c.snippet).toBe(`${c.iframe}\n<script src="https://layerwise.example.org/embed.js" async></script>`);
    expect(allowList(dense)).toBe('fullscreen');
    expect(allowList(runner)).toBe('fullscreen; camera');
    expect(shareCode('https://x.org', runner, defaults('lab-runner'), 640).iframe).toContain('allow="fullscreen; camera"');
  });

  it('carries frame parameters and fixed sizes', () => {
    const c = shareCode('http://127.0.0.1:3000/', runner, defaults('lab-runner'), 640, { theme: 'dark', run: 'click' });
    expect(c.link).toBe('http://127.0.0.1:3000/embed/lab-runner?v=1&theme=dark&run=click');
    expect(iframeCode({ src: c.link, meta: runner, height: 300.4, width: 500 })).toContain('width="500" height="300"');
    expect(iframeCode({ src: c.link, meta: runner, height: 300, width: 500 })).toContain('style="width:100%;max-width:500px;border:0"');
  });

  it('escapes attribute values', () => {
    expect(escapeAttr('a"b<c>&d')).toBe('a&quot;b&lt;c&gt;&amp;d');
    expect(iframeCode({ src: 'x"onload="alert(1)', meta: { title: 'T"', usesWebcam: false }, height: 10 })).toContain('src="x&quot;onload=&quot;alert(1)" title="Layerwise: T&quot;"');
    expect(hostScriptCode('https://a.org/')).toBe('<script src="https://a.org/embed.js" async></script>');
  });
});
