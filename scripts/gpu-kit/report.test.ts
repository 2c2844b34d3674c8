import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LogitsOptions, RunOptions, RunResult } from '../../components/bench/types';
import { adapterLine, adapterReport, featureNames, listAdapters, type AdapterLike } from './adapter';
import { parseKitArgs } from './args';
import { kitTable, runKit, type KitContext } from './report';
import { driverFilesFallback, swiftShaderIcd, vulkanEnv } from './vulkan-env';

/** A result with every field the /bench harness's run() returns (components/bench/types.ts). */
function fakeResult(o: RunOptions, ms: number): RunResult {
  return {
    model: o.model,
    backend: o.backend,
    size: o.size!,
    device: 'fake vendor fake-arch',
    groupConv: 'packed',
    runs: o.runs!,
    warmup: o.warmup!,
    median_ms: ms,
    samples_ms: [ms + 1, ms, ms + 2],
    layer_sum_ms: ms / 2,
    layer_timer: 'webgpu-timestamp',
    trace_pass_ms: ms * 1.5,
    layers: [
      {
        name: 'conv1',
        op: 'conv',
        nodes: ['conv1', 'bn1', 'relu'],
        macs: 1e6,
        ms: ms / 2,
        timer: 'webgpu-timestamp',
        estimator: 'median',
        intensity: 10,
        rooflineFraction: 0.5,
      },
    ],
    peaks: {
      backend: 'webgpu',
      peakGflops: 1234,
      peakGBps: 567,
      matmulGflops: 1234,
      convGflops: 900,
      ridgeIntensity: 2.18,
      timer: 'webgpu-timestamp',
      kernels: [],
      measuredAt: '2026-12-01T00:00:00.000Z',
    },
    profile: { model: o.model },
    numTensorsBefore: 3,
    numTensorsAfter: o.model === 'mnasnet1_0' ? 5 : 3,
  };
}

class FakeAdapterLimits {
  get maxBufferSize() {
    return 2 ** 31;
  }
  get maxStorageBufferBindingSize() {
    return 2 ** 30;
  }
}

const fakeAdapter = (description: string, fallback: boolean, features: string[]): AdapterLike => ({
  info: { vendor: 'fakevendor', architecture: 'fakearch', device: '', description, isFallbackAdapter: fallback },
  features: new Set(features),
  limits: new FakeAdapterLimits(),
});

/** The same logits on both backends, or (when `off` names the model) webgpu's off by `off`. */
const logitsOf =
  (off: Record<string, number> = {}) =>
  async (o: LogitsOptions): Promise<number[]> =>
    [1, -2, 3, 0.5].map((v, i) => (o.backend === 'webgpu' && i === 0 ? v + (off[o.model] ?? 0) : v));

function context(log: string[]): KitContext {
  let t = 1_000_000;
  return {
    build: { commit: 'abc', builtAt: 'now', tfjs: '4.22.0', webgpu: 'webgpu@0.6.2' },
    machine: { node: 'v20.0.0', platform: 'linux x64', cpus: 2, cpuModel: 'cpu', loadavg: [0.5, 0.4, 0.3] },
    adapter: adapterReport(fakeAdapter('Fake GPU', false, ['timestamp-query', 'shader-f16']), 'high-performance'),
    vulkan: { loader: [], icds: [], env: {}, devices: [], problem: null },
    dawnOptions: [],
    log: (s) => log.push(s),
    now: () => (t += 500),
  };
}

describe('GPU kit report', () => {
  it('runs each model on webgpu with the options and reports the bench --json fields', async () => {
    const asked: RunOptions[] = [];
    const runner = { run: async (o: RunOptions) => (asked.push(o), fakeResult(o, 10 * asked.length)), logits: logitsOf() };
    const log: string[] = [];
    const r = await runKit(
      parseKitArgs(['--models', 'resnet50,mnasnet1_0', '--size', '64', '--runs', '3', '--warmup', '1', '--check', '0']),
      runner,
      context(log),
    );
    expect(asked).toEqual([
      { model: 'resnet50', backend: 'webgpu', size: 64, runs: 3, warmup: 1, layers: true, seed: 0, groupConv: 'auto' },
      { model: 'mnasnet1_0', backend: 'webgpu', size: 64, runs: 3, warmup: 1, layers: true, seed: 0, groupConv: 'auto' },
    ]);
    const json = JSON.parse(JSON.stringify(r));
    expect(Object.keys(json).sort()).toEqual([
      'adapter',
      'checks',
      'dawnOptions',
      'failures',
      'kit',
      'machine',
      'options',
      'results',
      'startedAt',
      'tensors',
      'vulkan',
      'wallSeconds',
    ]);
    // The same fields as `npm run -s bench -- --json` (scripts/bench.ts strips the tensor counts).
    const benchFields = Object.keys(fakeResult(asked[0], 1))
      .filter((k) => !k.startsWith('numTensors'))
      .sort();
    for (const res of json.results) expect(Object.keys(res).sort()).toEqual(benchFields);
    expect(json.results.map((x: RunResult) => x.median_ms)).toEqual([10, 20]);
    expect(json.adapter).toEqual({
      vendor: 'fakevendor',
      architecture: 'fakearch',
      device: '',
      description: 'Fake GPU',
      isFallbackAdapter: false,
      features: ['shader-f16', 'timestamp-query'],
      timestampQuery: true,
      limits: { maxBufferSize: 2 ** 31, maxStorageBufferBindingSize: 2 ** 30 },
      powerPreference: 'high-performance',
    });
    expect(json.options).toEqual({ size: 64, runs: 3, warmup: 1, layers: true, seed: 0, checkSize: 0 });
    expect(json.checks).toEqual([]);
    expect(json.tensors).toEqual([
      { model: 'resnet50', before: 3, after: 3 },
      { model: 'mnasnet1_0', before: 3, after: 5 },
    ]);
    expect(json.failures).toEqual([]);
    expect(json.wallSeconds).toBe(0.5);
    expect(log.some((l) => l.includes('mnasnet1_0 leaked 2 tensors'))).toBe(true);
  });

  it('a model that fails is reported and the next one still runs', async () => {
    const runner = {
      run: async (o: RunOptions) => {
        if (o.model === 'densenet121') throw new Error('GPU device lost');
        return fakeResult(o, 5);
      },
      logits: logitsOf(),
    };
    const r = await runKit(parseKitArgs(['--models', 'densenet121,resnet50', '--layers', '0']), runner, context([]));
    expect(r.failures).toEqual([{ model: 'densenet121', error: 'GPU device lost' }]);
    expect(r.results.map((x) => x.model)).toEqual(['resnet50']);
    const t = kitTable(r);
    expect(t).toMatch(/densenet121\s+224\s+failed/);
    expect(t).toContain('GPU device lost');
  });

  it('the table has one row per model, the adapter, the load and the peaks', async () => {
    const r = await runKit(
      parseKitArgs(['--models', 'resnet50', '--check', '0']),
      { run: async (o) => fakeResult(o, 12.345), logits: logitsOf() },
      context([]),
    );
    const t = kitTable(r);
    expect(t).toContain('adapter: fakevendor fakearch · Fake GPU (timestamp-query)');
    expect(t).toContain('load 0.50 0.40 0.30');
    expect(t).toMatch(/resnet50\s+224\s+12\.3\s+12\.3\s+6\.17\s+18\.5\s+1\s+webgpu-timestamp/);
    expect(t).toMatch(/peaks \(webgpu-timestamp\): \S+ GFLOP\/s \(matmul \S+, conv 900\)/);
    expect(t).toMatch(/567 GB\/s; ridge at 2\.18 FLOP\/B/);
  });
});

describe('GPU kit check against the cpu backend', () => {
  it('compares the logits at the check size and fails a model whose WebGPU logits are off', async () => {
    const asked: LogitsOptions[] = [];
    const logits = logitsOf({ mnasnet1_0: 0.01 });
    const runner = { run: async (o: RunOptions) => fakeResult(o, 5), logits: (o: LogitsOptions) => (asked.push(o), logits(o)) };
    const r = await runKit(parseKitArgs(['--models', 'resnet50,mnasnet1_0', '--check', '32', '--seed', '3']), runner, context([]));
    expect(asked).toEqual([
      { model: 'resnet50', size: 32, seed: 3, groupConv: 'auto', backend: 'cpu' },
      { model: 'resnet50', size: 32, seed: 3, groupConv: 'auto', backend: 'webgpu' },
      { model: 'mnasnet1_0', size: 32, seed: 3, groupConv: 'auto', backend: 'cpu' },
      { model: 'mnasnet1_0', size: 32, seed: 3, groupConv: 'auto', backend: 'webgpu' },
    ]);
    expect(r.checks[0]).toEqual({ model: 'resnet50', size: 32, relL2: 0, maxAbsDiff: 0, tolerance: 1e-4, ok: true });
    // |0.01| / |(1, -2, 3, 0.5)| = 0.01 / 3.775
    expect(r.checks[1].relL2).toBeCloseTo(0.01 / Math.sqrt(14.25), 10);
    expect(r.checks[1]).toMatchObject({ maxAbsDiff: expect.closeTo(0.01, 10), ok: false });
    expect(r.failures).toEqual([{ model: 'mnasnet1_0', error: expect.stringMatching(/^webgpu logits differ from cpu: relative L2 0\.0026\d* > 0\.0001$/) }]);
    // The timing is still reported, and the table says which one is wrong.
    expect(r.results.map((x) => x.model)).toEqual(['resnet50', 'mnasnet1_0']);
    const t = kitTable(r);
    expect(t).toMatch(/resnet50 .* 0\s*$/m);
    expect(t).toMatch(/mnasnet1_0 .* 0\.00265 WRONG/);
    expect(t).toContain('FAILED mnasnet1_0: webgpu logits differ from cpu');
  });

  it('the default check is at 64x64; --check 0 turns it off', () => {
    expect(parseKitArgs([]).checkSize).toBe(64);
    expect(parseKitArgs(['--check', '0']).checkSize).toBe(0);
    expect(() => parseKitArgs(['--check', '8'])).toThrow(/--check must be 16\.\.512/);
  });
});

describe('GPU kit adapter', () => {
  it('says when there is no timestamp-query and when the adapter is a software one', () => {
    const a = adapterReport(fakeAdapter('SwiftShader Device (Subzero)', true, []), 'high-performance');
    expect(a.timestampQuery).toBe(false);
    expect(adapterLine(a)).toBe('fakevendor fakearch · SwiftShader Device (Subzero) [software fallback] (NO timestamp-query: per-layer times are wall time)');
    // An implementation without info.isFallbackAdapter: unknown, not false.
    expect(adapterReport({ info: {}, features: [] }, 'low-power')).toMatchObject({ isFallbackAdapter: null, vendor: '', features: [], limits: {} });
  });

  it('reads features from a set that cannot be iterated, through has()', () => {
    const hasOnly = { has: (n: string) => n === 'timestamp-query' || n === 'shader-f16' };
    expect(featureNames(hasOnly)).toEqual(['shader-f16', 'timestamp-query']);
    expect(adapterReport({ features: hasOnly }, 'high-performance').timestampQuery).toBe(true);
    expect(featureNames(undefined)).toEqual([]);
  });

  it('lists each distinct adapter once, naming every request that found it', async () => {
    const gpu = {
      requestAdapter: async (o?: { powerPreference?: string; forceFallbackAdapter?: boolean }) => {
        if (o?.forceFallbackAdapter) return fakeAdapter('lavapipe', true, []);
        return fakeAdapter('Fake GPU', false, ['timestamp-query']);
      },
    };
    const list = await listAdapters(gpu);
    expect(list.map((a) => [a.description, a.asked])).toEqual([
      ['Fake GPU', 'high-performance, low-power'],
      ['lavapipe', 'forceFallbackAdapter'],
    ]);
    const none = await listAdapters({ requestAdapter: async () => null });
    expect(none).toEqual([]);
  });
});

describe('GPU kit Vulkan check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vk-env-'));
  const lib = join(dir, 'lib');
  const icd = join(dir, 'icd.d');
  const dev = join(dir, 'dev');
  mkdirSync(lib);
  mkdirSync(icd);
  mkdirSync(join(dev, 'dri'), { recursive: true });

  it('names the missing loader first, then the missing driver manifest', () => {
    expect(vulkanEnv({}, { libDirs: [lib], icdDirs: [icd], extraIcdDirs: [], devDir: dev }).problem).toMatch(/no Vulkan loader \(libvulkan\.so\.1\)/);
    writeFileSync(join(lib, 'libvulkan.so.1'), '');
    const noIcd = vulkanEnv({}, { libDirs: [lib], icdDirs: [icd], extraIcdDirs: [], devDir: dev });
    expect(noIcd.loader).toEqual([join(lib, 'libvulkan.so.1')]);
    expect(noIcd.problem).toMatch(/no Vulkan driver manifest.*NVIDIA_DRIVER_CAPABILITIES/);
  });

  it('reads the driver manifests, VK_DRIVER_FILES and the device nodes', () => {
    writeFileSync(join(lib, 'libvulkan.so.1'), '');
    const lvp = join(icd, 'lvp_icd.x86_64.json');
    writeFileSync(
      lvp,
      JSON.stringify({ file_format_version: '1.0.0', ICD: { library_path: '/usr/lib/x86_64-linux-gnu/libvulkan_lvp.so', api_version: '1.3.255' } }),
    );
    writeFileSync(join(dev, 'dri', 'renderD128'), '');
    writeFileSync(join(dev, 'nvidia0'), '');
    const places = { libDirs: [lib], icdDirs: [icd], extraIcdDirs: [], devDir: dev };
    const plain = vulkanEnv({}, places);
    expect(plain.problem).toBeNull();
    expect(plain.icds).toEqual([{ path: lvp, seen: true, library: '/usr/lib/x86_64-linux-gnu/libvulkan_lvp.so' }]);
    expect(plain.devices).toEqual([join(dev, 'dri', 'renderD128'), join(dev, 'nvidia0')]);
    expect(driverFilesFallback(plain)).toBeNull();
    // VK_DRIVER_FILES replaces the loader's search: the folder's manifest is then not seen.
    const extra = join(dir, 'nvidia_icd.json');
    writeFileSync(extra, '{not json');
    const v = vulkanEnv({ VK_DRIVER_FILES: extra }, places);
    expect(v.icds).toEqual([
      { path: extra, seen: true, library: null },
      { path: lvp, seen: false, library: '/usr/lib/x86_64-linux-gnu/libvulkan_lvp.so' },
    ]);
    expect(v.env).toEqual({ VK_DRIVER_FILES: extra });
    expect(v.problem).toBeNull();
  });

  it("points VK_DRIVER_FILES at NVIDIA's container mount when the loader's folders have no manifest", () => {
    writeFileSync(join(lib, 'libvulkan.so.1'), '');
    const nvDir = join(dir, 'nvidia-icd.d');
    mkdirSync(nvDir, { recursive: true });
    const nv = join(nvDir, 'nvidia_icd.json');
    writeFileSync(nv, JSON.stringify({ ICD: { library_path: 'libGLX_nvidia.so.0' } }));
    const v = vulkanEnv({}, { libDirs: [lib], icdDirs: [join(dir, 'empty')], extraIcdDirs: [nvDir], devDir: dev });
    expect(v.icds).toEqual([{ path: nv, seen: false, library: 'libGLX_nvidia.so.0' }]);
    expect(v.problem).toMatch(/no Vulkan driver manifest/);
    expect(driverFilesFallback(v, [nvDir])).toEqual({ name: 'VK_DRIVER_FILES', value: nv });
    const told = vulkanEnv({ VK_DRIVER_FILES: nv }, { libDirs: [lib], icdDirs: [join(dir, 'empty')], extraIcdDirs: [nvDir], devDir: dev });
    expect(told.problem).toBeNull();
    expect(driverFilesFallback(told, [nvDir])).toBeNull();
    // Beside a manifest the loader does see (Mesa's): added, not replacing it.
    const both = vulkanEnv({}, { libDirs: [lib], icdDirs: [icd], extraIcdDirs: [nvDir], devDir: dev });
    expect(driverFilesFallback(both, [nvDir])).toEqual({ name: 'VK_ADD_DRIVER_FILES', value: nv });
  });

  it('finds a SwiftShader driver manifest for a dry run, or says there is none', () => {
    const sw = join(dir, 'vk_swiftshader_icd.json');
    writeFileSync(sw, '{}');
    expect(swiftShaderIcd([join(dir, 'nope.json'), sw])).toBe(sw);
    expect(swiftShaderIcd([join(dir, 'nope.json')])).toBeNull();
  });
});
