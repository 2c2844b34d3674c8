// Runs before first paint (loaded synchronously in <head>) so a reader who chose a theme never sees
// a flash of the other one. "system" (or nothing stored) follows prefers-color-scheme.
(function () {
  try {
    var stored = localStorage.getItem('layerwise-theme');
    var choice = stored === 'light' || stored === 'dark' ? stored : 'system';
    var dark = choice === 'dark' || (choice === 'system' && window.matchMedia('(prefers-color-scheme: dark)').matches);
    document.documentElement.classList.toggle('dark', dark);
    document.documentElement.dataset.theme = choice;
  } catch (e) {
    /* storage blocked (e.g. embedded with cookies off): follow the system through CSS only */
  }
})();
