// Builds the host page from its query string (see host.html) and records every message it gets,
// so tests can check what the embeds send (window.__messages).
(function () {
  var params = new URLSearchParams(location.search);
  var site = params.get('site');
  var list = document.getElementById('embeds');
  window.__messages = [];
  window.addEventListener('message', function (e) {
    window.__messages.push({ origin: e.origin, data: e.data });
  });
  if (!site) {
    list.textContent = 'No site given.';
    return;
  }
  params.getAll('e').forEach(function (path, i) {
    var section = document.createElement('section');
    var h = document.createElement('h2');
    h.textContent = 'Embed ' + (i + 1);
    var frame = document.createElement('iframe');
    frame.src = site + path;
    frame.title = 'Layerwise embed ' + (i + 1);
    frame.setAttribute('height', '150');
    frame.setAttribute('allow', 'fullscreen');
    frame.dataset.index = String(i);
    section.appendChild(h);
    section.appendChild(frame);
    list.appendChild(section);
  });
  if (params.get('spacer') === '1') {
    var spacer = document.createElement('div');
    spacer.className = 'spacer';
    spacer.id = 'spacer';
    list.appendChild(spacer);
  }
  var script = document.createElement('script');
  script.src = site + '/embed.js';
  script.async = true;
  document.body.appendChild(script);
})();
