/**
 * Real-browser render benchmark of components/graph/ArchitectureGraph (optional companion of
 * scripts/bench-graph.ts). Bundles a tiny harness page with esbuild (production React), compiles
 * the Tailwind classes the graph uses, opens it in Chromium via Playwright and measures, per
 * scenario, the React commit (mount of the whole SVG), the time to the next painted frame, and the
 * re-render when a node gets selected.
 * Does not touch app/ or e2e/.
 *
 *   node scripts/bench-graph-render.mjs                  # median of 5 mounts per scenario
 *   node scripts/bench-graph-render.mjs --runs 9
 *   node scripts/bench-graph-render.mjs --shots /tmp/g   # also saves screenshots (light and dark)
 *
 * Chromium: $CHROMIUM_PATH, else /usr/bin/chromium, else Playwright's own.
 */
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postcss from 'postcss';
import tailwind from '@tailwindcss/postcss';
import { chromium } from '@playwright/test';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const RUNS = Number(arg('--runs', 5));
const SHOTS = arg('--shots', null);

// Harness: mounts the graph for window.__scenario and reports timings on window.__result.
const harness = `
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { useState } from 'react';
import { buildGraph } from '@/lib/arch';
import { expandAll, toggleExpanded, setExpanded } from '@/lib/graph';
import { ArchitectureGraph } from '@/components/graph/ArchitectureGraph';

function Demo({ graph, initial, colorBy, times }) {
  const [expanded, setExp] = useState(initial);
  const [selected, setSelected] = useState(null);
  const [mode, setMode] = useState(colorBy);
  window.__setSelected = setSelected;
  return (
    <ArchitectureGraph graph={graph} expanded={expanded} onToggle={(g) => setExp((s) => toggleExpanded(s, g))}
      onSetExpanded={(ids, open) => setExp((s) => setExpanded(s, ids, open))}
      colorBy={mode} onColorByChange={setMode} times={times} selected={selected} onSelect={setSelected} height={760} />
  );
}

const rootEl = document.getElementById('root');
let root = null;
window.__mount = async ({ model, expand, colorBy, dark, withTimes }) => {
  document.documentElement.classList.toggle('dark', !!dark);
  if (root) root.unmount();
  rootEl.innerHTML = '';
  root = createRoot(rootEl);
  const graph = buildGraph(model);
  const initial = expand === 'all' ? expandAll(graph) : new Set(expand);
  const times = withTimes ? new Map(graph.nodes.map((n, i) => [n.name, 0.01 + ((i * 7919) % 97) / 40])) : undefined;
  const t0 = performance.now();
  flushSync(() => root.render(<Demo graph={graph} initial={initial} colorBy={colorBy} times={times} />));
  const t1 = performance.now();
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const t2 = performance.now();
  // Selecting a node (re-render with one item and its edges highlighted).
  const last = graph.nodes.at(-1).name;
  const t3 = performance.now();
  flushSync(() => window.__setSelected(expand === 'all' ? last : 'stem'));
  const t4 = performance.now();
  return { commit: t1 - t0, frame: t2 - t0, select: t4 - t3, elements: rootEl.querySelectorAll('svg *').length };
};
`;

const scenarios = [
  { name: 'densenet201 collapsed', model: 'densenet201', expand: [], colorBy: 'macs' },
  { name: 'densenet201 fully expanded', model: 'densenet201', expand: 'all', colorBy: 'macs' },
  { name: 'resnet50 fully expanded', model: 'resnet50', expand: 'all', colorBy: 'params' },
  { name: 'shufflenet_v2_x1_0 stage2 open', model: 'shufflenet_v2_x1_0', expand: ['stage2', 'stage2.0', 'stage2.1', 'stage2.1.branch2'], colorBy: 'output' },
  { name: 'mnasnet_a1 SE block open', model: 'mnasnet_a1', expand: ['layers.9', 'layers.9.0', 'layers.9.0.layers.6'], colorBy: 'time', withTimes: true },
];

async function main() {
  const bundle = await build({
    stdin: { contents: harness, loader: 'tsx', resolveDir: root, sourcefile: 'harness.tsx' },
    bundle: true,
    write: false,
    format: 'iife',
    jsx: 'automatic',
    minify: true,
    alias: { '@': root },
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  const css = await postcss([tailwind({ base: root })]).process(
    `@import 'tailwindcss' source(none);
@source '${path.join(root, 'components/graph')}';
@custom-variant dark (&:where(.dark, .dark *));
@theme { --color-accent-100: #d9eaff; --color-accent-300: #8ab8ff; --color-accent-500: #2f6fdb; --color-accent-600: #2458b8; }
body { margin: 16px; font-family: ui-sans-serif, system-ui, sans-serif; }
.dark body { background: #020617; color: #e2e8f0; }`,
    { from: path.join(root, 'harness.css') },
  );
  const html = `<!doctype html><html><head><meta charset="utf-8"><style>${css.css}</style></head><body><div id="root"></div><script>${bundle.outputFiles[0].text}</script></body></html>`;

  const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  const browser = await chromium.launch({ executablePath });
  const page = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.setContent(html);
  if (SHOTS) await mkdir(SHOTS, { recursive: true });

  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  console.log(`ArchitectureGraph render in Chromium (production React): median of ${RUNS} mounts after 1 warm-up`);
  console.log(['scenario'.padEnd(34), 'SVG elements', 'commit ms', 'to frame ms', 'select ms'].join('  '));
  for (const s of scenarios) {
    const runs = [];
    for (let i = 0; i <= RUNS; i++) {
      const r = await page.evaluate((sc) => window.__mount(sc), s);
      if (i > 0) runs.push(r);
    }
    const el = runs[0].elements;
    console.log(
      [
        s.name.padEnd(34),
        String(el).padStart(12),
        median(runs.map((r) => r.commit))
          .toFixed(1)
          .padStart(9),
        median(runs.map((r) => r.frame))
          .toFixed(1)
          .padStart(11),
        median(runs.map((r) => r.select))
          .toFixed(1)
          .padStart(9),
      ].join('  '),
    );
    if (SHOTS) {
      const file = s.name.replace(/\W+/g, '-');
      await page.screenshot({ path: path.join(SHOTS, `${file}.png`) });
      await page.evaluate((sc) => window.__mount({ ...sc, dark: true }), s);
      await page.screenshot({ path: path.join(SHOTS, `${file}-dark.png`) });
    }
  }
  await browser.close();
  if (errors.length) {
    console.error('Page errors:\n' + errors.join('\n'));
    process.exitCode = 1;
  }
}

await main().catch((e) => {
  console.error(e);
  process.exit(1);
});
