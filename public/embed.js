/*
 * Layerwise embed host script: makes Layerwise iframes as tall as their content.
 *
 *   <iframe src="https://layerwise.example.org/embed/dense-connectivity?v=1" title="…" width="100%" height="900"
 *           loading="lazy" allow="fullscreen; cross-origin-isolated" style="width:100%;border:0"></iframe>
 *   <script src="https://layerwise.example.org/embed.js" async></script>
 *
 * Every embed page posts its content height to its parent whenever it changes:
 *   { type: 'layerwise:resize', id: '<the URL's id parameter, or the widget id>', height: <CSS px> }
 *   { subject: 'lti.frameResize', height: <CSS px> }          (the form Canvas LMS understands)
 * This script applies a message only to the iframe that sent it (event.source is its window), only
 * when that iframe's src is an /embed/ page of the site this script came from, and only when the
 * message's origin is that iframe's origin. It also fires a 'layerwise:resize' DOM event on the
 * iframe (detail: { id, height }) for pages that want to react.
 *
 * Plain ES5, no dependencies; including it twice is harmless.
 */
(function () {
  'use strict';
  if (window.__layerwiseEmbedHost) return;
  window.__layerwiseEmbedHost = true;

  var MAX_HEIGHT = 100000;

  function parse(url) {
    var a = document.createElement('a');
    a.href = url;
    // IE leaves the port on default ports; normalise so origins compare equal.
    var port = a.port && !((a.protocol === 'http:' && a.port === '80') || (a.protocol === 'https:' && a.port === '443')) ? ':' + a.port : '';
    var path = a.pathname.charAt(0) === '/' ? a.pathname : '/' + a.pathname;
    return { origin: a.protocol + '//' + a.hostname + port, path: path };
  }

  // The site this script was loaded from: only its embeds are resized.
  var me = document.currentScript;
  if (!me) {
    var scripts = document.getElementsByTagName('script');
    for (var i = scripts.length - 1; i >= 0; i--) {
      if (/\/embed\.js(\?|#|$)/.test(scripts[i].src)) {
        me = scripts[i];
        break;
      }
    }
  }
  if (!me || !me.src) return;
  var site = parse(me.src).origin;

  function heightOf(data) {
    if (!data || typeof data !== 'object') return null;
    if (data.type !== 'layerwise:resize' && data.subject !== 'lti.frameResize') return null;
    var h = typeof data.height === 'number' ? data.height : /^\d+(\.\d+)?$/.test(String(data.height)) ? Number(data.height) : NaN;
    if (!(h >= 1 && h <= MAX_HEIGHT)) return null;
    return Math.ceil(h);
  }

  function frameFor(source) {
    var frames = document.getElementsByTagName('iframe');
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === source) return frames[i];
    }
    return null;
  }

  function onMessage(event) {
    var height = heightOf(event.data);
    if (height === null) return;
    var frame = frameFor(event.source);
    if (!frame || !frame.src) return;
    var src = parse(frame.src);
    if (src.origin !== site || src.path.indexOf('/embed/') !== 0 || event.origin !== src.origin) return;
    var px = height + 'px';
    if (frame.style.height === px) return;
    frame.style.height = px;
    frame.setAttribute('height', String(height));
    var detail = { id: typeof event.data.id === 'string' ? event.data.id : '', height: height };
    var evt;
    try {
      evt = new CustomEvent('layerwise:resize', { detail: detail });
    } catch (e) {
      evt = document.createEvent('CustomEvent');
      evt.initCustomEvent('layerwise:resize', false, false, detail);
    }
    frame.dispatchEvent(evt);
  }

  if (window.addEventListener) window.addEventListener('message', onMessage, false);
})();
