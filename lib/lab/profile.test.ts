import { describe, expect, it } from 'vitest';
import { buildGraph, graphCost } from '../arch';
import type { Graph } from '../arch/ir';
import type { ModelProfile, TimerKind } from '../runtime/profiler';
import { CSV_COLUMNS, csvField, exportFileName, profileToCsv, profileToJson } from './profile-export';
import { achievedGflops, sortRows, spreadNote, summarizeProfile, timerLabel, toLabProfile, totalsByKind } from './profile-stats';
import { resizeGraph } from './resize-graph';
import { fakeModelProfile } from './testing/fake-profile';

/** A synthetic runtime profile: every layer takes 0.01 ms + 1 ms per 10 M MACs. */
const fakeProfile = (graph: Graph, timer: TimerKind = 'wall'): ModelProfile => fakeModelProfile(graph, { timer });

describe('resizeGraph', () => {
  it('matches a graph built at that size', () => {
    const g224 = buildGraph('shufflenet_v2_x0_5');
    const g64 = buildGraph('shufflenet_v2_x0_5', { size: 64 });
    const r = resizeGraph(g224, 64);
    expect(r.input).toEqual(g64.input);
    expect(r.nodes.map((n) => n.outShape)).toEqual(g64.nodes.map((n) => n.outShape));
    expect(graphCost(r).total.macs).toBe(graphCost(g64).total.macs);
    expect(resizeGraph(g224, 224)).toBe(g224);
  });
  it('refuses sizes that vanish', () => {
    expect(() => resizeGraph(buildGraph('densenet121', { size: 64 }), 8)).toThrow(/size|output/);
  });
});

describe('profile aggregation', () => {
  const graph = buildGraph('resnext50_32x4d', { size: 64 });
  const lab = toLabProfile(fakeProfile(graph), graph);

  it('has one row per step with kind, flops (2·MACs + element-wise ops) and gflops', () => {
    expect(lab.rows).toHaveLength(graph.nodes.length);
    const conv1 = lab.rows.find((r) => r.name === 'conv1')!;
    expect(conv1.kind).toBe('conv');
    expect(conv1.flops).toBe(2 * conv1.macs);
    expect(conv1.gflops).toBeCloseTo((2 * conv1.macs) / (conv1.ms / 1000) / 1e9, 6);
    expect(conv1.nodes).toEqual(['conv1']);
    const grouped = lab.rows.find((r) => r.name === 'layer1.0.conv2')!;
    expect(grouped.kind).toBe('grouped');
    const relu = lab.rows.find((r) => r.op === 'act')!;
    expect(relu.macs).toBe(0);
    // One max(0, x) per element, [64, 32, 32] after the stem at 64 px.
    expect(relu.flops).toBe(64 * 32 * 32);
    expect(relu.gflops).toBeCloseTo(relu.flops / (relu.ms / 1000) / 1e9, 6);
    // No device peaks measured: no roofline numbers, rather than made-up ones.
    expect(relu.rooflineFraction).toBeNaN();
    expect(relu.bound).toBeNull();
    expect(achievedGflops(1e9, 0)).toBeNaN();
    expect(achievedGflops(1e9, 1000)).toBeCloseTo(2);
  });

  it('recomputes MACs at the profiled size', () => {
    const g224 = buildGraph('resnext50_32x4d');
    // Profile taken with the 224 model on a 64-px input: the runtime reports 224-px MACs.
    const p = { ...fakeProfile(g224), inputShape: [1, 64, 64, 3] };
    const l = toLabProfile(p, resizeGraph(g224, 64));
    expect(l.size).toBe(64);
    expect(l.rows.reduce((s, r) => s + r.macs, 0)).toBe(graphCost(graph).total.macs);
  });

  it('totals by kind add up to the whole and shares to 1', () => {
    const t = totalsByKind(lab.rows);
    expect(t.reduce((s, k) => s + k.layers, 0)).toBe(lab.rows.length);
    expect(t.reduce((s, k) => s + k.macs, 0)).toBe(graphCost(graph).total.macs);
    expect(t.reduce((s, k) => s + k.msShare, 0)).toBeCloseTo(1, 9);
    expect(t.reduce((s, k) => s + k.macsShare, 0)).toBeCloseTo(1, 9);
    expect(t.map((k) => k.kind)).toContain('grouped');
    expect(t.find((k) => k.kind === 'bn-act')!.macs).toBe(0);
  });

  it('summarises total, median and gap', () => {
    const s = summarizeProfile(lab);
    expect(s.layers).toBe(graph.nodes.length);
    expect(s.timedLayers).toBe(graph.nodes.length);
    expect(s.sumLayersMs).toBeCloseTo(lab.sumLayersMs, 9);
    expect(s.gapMs).toBeCloseTo(lab.sumLayersMs - lab.wholeMs, 9);
    expect(s.relativeGap).toBeCloseTo(0.25, 9);
    expect(s.medianLayerMs).toBeGreaterThan(0);
    expect(s.wholeGflops).toBeCloseTo(s.totalFlops / (lab.wholeMs / 1000) / 1e9, 6);
    expect(s.totalFlops).toBeGreaterThan(2 * s.totalMacs);
  });

  it('ignores untimed layers instead of counting them as 0 ms', () => {
    const rows = lab.rows.map((r, i) => (i === 0 ? { ...r, ms: NaN, gflops: NaN } : r));
    const s = summarizeProfile({ ...lab, rows });
    expect(s.timedLayers).toBe(rows.length - 1);
    expect(Number.isFinite(s.sumLayersMs)).toBe(true);
  });

  it('sorts rows with NaN last', () => {
    const rows = lab.rows.slice(0, 5).map((r, i) => (i === 2 ? { ...r, ms: NaN } : r));
    const by = sortRows(rows, 'ms');
    expect(Number.isNaN(by[4].ms)).toBe(true);
    expect(by[0].ms).toBeGreaterThanOrEqual(by[1].ms);
    expect(sortRows(rows, 'order').map((r) => r.name)).toEqual(rows.map((r) => r.name));
  });

  it('labels timers', () => {
    expect(timerLabel(['webgl-timer'])).toBe('GPU kernel time (WebGL timer query)');
    expect(timerLabel(['wall'])).toBe('wall-clock time between steps');
    expect(timerLabel(['webgpu-timestamp', 'wall'])).toContain('+');
  });
});

describe('profile export', () => {
  const graph = buildGraph('shufflenet_v2_x0_5', { size: 64 });
  const lab = toLabProfile(fakeProfile(graph, 'webgl-timer'), graph);

  it('writes CSV with the documented columns, one line per layer', () => {
    const csv = profileToCsv(lab);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines[0]).toBe('name,op,kind,nodes,macs,flops,bytes,intensity,ms,gflops,gbps,boundGflops,rooflineFraction,bound,timer,estimator');
    expect(lines).toHaveLength(graph.nodes.length + 1);
    const first = lines[1].split(',');
    expect(first[0]).toBe(graph.nodes[0].name);
    expect(first[3]).toBe(graph.nodes[0].name);
    expect(first[14]).toBe('webgl-timer');
    expect(Number(first[4])).toBe(lab.rows[0].macs);
    // Without measured peaks the roofline cells are empty, not 0.
    expect(first[11]).toBe('');
  });

  it('quotes fields and leaves missing numbers empty', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(NaN)).toBe('');
    expect(csvField(null)).toBe('');
    expect(csvField(1.5)).toBe('1.5');
  });

  it('writes JSON that round-trips with layers, summary and byKind', () => {
    const doc = JSON.parse(profileToJson(lab, { model: 'shufflenet_v2_x0_5' }));
    expect(doc.format).toBe('layerwise-profile/2');
    expect(doc.device).toBeNull();
    expect(doc.model).toBe('shufflenet_v2_x0_5');
    expect(doc.layers).toHaveLength(graph.nodes.length);
    expect(Object.keys(doc.layers[0])).toEqual(expect.arrayContaining([...CSV_COLUMNS]));
    expect(doc.layers[0]).toHaveProperty('intensity');
    expect(doc.layers[0]).toHaveProperty('rooflineFraction');
    expect(doc.summary.layers).toBe(graph.nodes.length);
    expect(doc.byKind.length).toBeGreaterThan(3);
    // How the whole model was read and how its passes spread, and the threads it ran on.
    expect(doc.threads).toBe(1);
    expect(doc.summary.wholeEstimator).toBe('median'); // a GPU timer: medians, like its layers
    expect(doc.summary.wholeSpread).toEqual({ fastest: lab.wholeMs, q1: lab.wholeMs, q3: lab.wholeMs, slowest: lab.wholeMs });
    const nanRow = JSON.parse(profileToJson({ ...lab, rows: [{ ...lab.rows[0], ms: NaN, gflops: NaN }] })).layers[0];
    expect(nanRow.ms).toBeNull();
  });

  it('with measured peaks: device roofs in JSON, a bound and a fraction for every timed step', () => {
    const device = {
      backend: 'wasm',
      peakGflops: 40,
      peakGBps: 8,
      matmulGflops: 40,
      convGflops: 30,
      timer: 'wall' as const,
      kernels: [],
      measuredAt: Date.UTC(2026, 11, 1),
    };
    const withRoofs = toLabProfile(fakeProfile(graph), graph, device);
    const doc = JSON.parse(profileToJson(withRoofs));
    expect(doc.device).toMatchObject({ backend: 'wasm', threads: 1, peakGflops: 40, peakGBps: 8, ridgeIntensity: 5, measuredAt: '2026-12-01T00:00:00.000Z' });
    for (const l of doc.layers) {
      expect(l.rooflineFraction).toBeGreaterThan(0);
      expect(l.intensity === null || l.intensity >= 0).toBe(true);
    }
    const conv = withRoofs.rows.find((r) => r.op === 'conv')!;
    expect(conv.boundGflops).toBeCloseTo(Math.min(40, conv.intensity * 8), 9);
    expect(conv.rooflineFraction).toBeCloseTo(Math.max(conv.flops / 40e9, conv.bytes / 8e9) / (conv.ms / 1000), 9);
  });

  it('names export files safely', () => {
    expect(exportFileName({ graphId: 'resnet50', backend: 'webgl', size: 224 }, 'profile', 'csv')).toBe('resnet50-webgl-224px-profile.csv');
    expect(exportFileName({ graphId: 'densenet k=12/x', backend: 'cpu', size: 64 }, 'flops vs time', 'svg')).toBe('densenet_k_12_x-cpu-64px-flops_vs_time.svg');
  });
});

describe('the spread note', () => {
  const graph = buildGraph('shufflenet_v2_x0_5', { size: 64 });
  const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
  const lab = (o: Parameters<typeof fakeModelProfile>[1]) => toLabProfile(fakeModelProfile(graph, o), graph, null);

  it('says nothing when the passes agree', () => {
    expect(spreadNote(lab({ threads: 2 }), fmt)).toBeNull();
  });

  it('with threads, names the thread pool; on one thread, other work on the device', () => {
    const threaded = spreadNote(lab({ threads: 2, slowestOverWhole: 3 }), fmt)!;
    expect(threaded).toMatch(/^On 2 WebAssembly threads the passes spread from [\d.]+ ms to [\d.]+ ms on this device: .*pool/);
    expect(threaded).toContain('extra passes');
    expect(spreadNote(lab({ threads: 1, slowestOverWhole: 3 }), fmt)).toMatch(/^The passes spread from .* something else on this device/);
    // GPU timers read medians and run no extra passes for spread.
    expect(spreadNote(lab({ backend: 'webgl', timer: 'webgl-timer', slowestOverWhole: 3 }), fmt)).not.toContain('extra passes');
  });
});
