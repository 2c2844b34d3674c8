import { describe, expect, it } from 'vitest';
import type { RunOptions, RunResult } from '../../components/bench/types';
import { UsageError, parseArgs } from './args';
import { columns, fasterMedian, measure } from './measure';
import type { OrtResult } from './ort';

describe('bench --threads', () => {
  it('defaults to one thread on both sides', () => {
    expect(parseArgs(['--model', 'resnet50', '--ort']).threads).toBe(1);
  });

  it('takes 1..8, as --threads N or --threads=N', () => {
    expect(parseArgs(['--model', 'resnet50', '--backend', 'wasm', '--ort', '--threads', '2']).threads).toBe(2);
    expect(parseArgs(['--model', 'resnet50', '--threads=8']).threads).toBe(8);
  });

  it('refuses what it cannot run, with the reason', () => {
    const bad: Array<[string[], RegExp]> = [
      [['--threads', '0'], /--threads must be 1\.\.8, got 0/],
      [['--threads', '9'], /--threads must be 1\.\.8, got 9/],
      [['--threads', 'two'], /--threads needs an integer, got "two"/],
      [['--threads', '1.5'], /--threads needs an integer/],
      [['--threads'], /--threads needs a value/],
      [['--threads', '2', '--threads', '2'], /--threads given twice/],
      [['--backend', 'webgl', '--threads', '2'], /needs --backend wasm/],
    ];
    for (const [extra, message] of bad) {
      expect(() => parseArgs(['--model', 'resnet50', ...extra]), extra.join(' ')).toThrow(UsageError);
      expect(() => parseArgs(['--model', 'resnet50', ...extra]), extra.join(' ')).toThrow(message);
    }
    // wasm among other backends: the threads apply to its column.
    expect(parseArgs(['--model', 'resnet50', '--backend', 'wasm,webgl', '--threads', '2']).threads).toBe(2);
  });

  it('keeps the options it had', () => {
    const a = parseArgs(['--model', 'shufflenet_v2_x1_0,resnet50', '--ort', '--size', '224', '--runs', '7', '--rounds', '2', '--layers', '0']);
    expect(a).toMatchObject({
      models: ['shufflenet_v2_x1_0', 'resnet50'],
      backends: ['wasm'],
      size: 224,
      runs: 7,
      rounds: 2,
      layers: false,
      ort: true,
      threads: 1,
    });
  });
});

describe('bench measurement: interleaved, the faster median of each side', () => {
  const result = (o: RunOptions, ms: number, threads: number | null): RunResult => ({
    model: o.model,
    backend: o.backend,
    size: o.size ?? 224,
    device: 'WebAssembly (SIMD, 2 threads)',
    threads,
    groupConv: 'packed',
    runs: 1,
    warmup: 0,
    median_ms: ms,
    samples_ms: [ms],
    layer_sum_ms: null,
    layer_timer: null,
    trace_pass_ms: null,
    layers: [],
    peaks: null,
    profile: null,
    numTensorsBefore: 0,
    numTensorsAfter: 0,
  });
  const ortResult = (model: string, ms: number): OrtResult => ({ model, size: 224, median_ms: ms, samples_ms: [ms], threads: 2, workers: 2, version: 'test' });

  it('per model ORT, ours, ORT, ours; reports the faster median on each side', async () => {
    const a = parseArgs(['--model', 'resnext50_32x4d,resnet50', '--ort', '--rounds', '2', '--threads', '2', '--layers', '0']);
    const order: string[] = [];
    const ours = [40, 30, 20, 25]; // resnext r1, resnet r1, resnext r2, resnet r2
    const theirs = [50, 45, 35, 60];
    const h = { run: async (o: RunOptions) => (order.push(`ours ${o.model}`), result(o, ours.shift()!, 2)) };
    const ort = async (model: string) => (order.push(`ORT ${model}`), ortResult(model, theirs.shift()!));
    const m = await measure(a, columns(a), h, ort, () => undefined);
    expect(order).toEqual([
      'ORT resnext50_32x4d',
      'ours resnext50_32x4d',
      'ORT resnet50',
      'ours resnet50',
      'ORT resnext50_32x4d',
      'ours resnext50_32x4d',
      'ORT resnet50',
      'ours resnet50',
    ]);
    const key = (model: string) => `${model}\u00000`;
    expect(m.results.get(key('resnext50_32x4d'))!.median_ms).toBe(20);
    expect(m.results.get(key('resnet50'))!.median_ms).toBe(25);
    expect(m.orts.get('resnext50_32x4d')!.median_ms).toBe(35);
    expect(m.orts.get('resnet50')!.median_ms).toBe(45);
    // Every sample is kept (the "fastest run" table).
    expect(m.results.get(key('resnet50'))!.samples_ms).toEqual([30, 25]);
  });

  it('fails when our side ran on other threads than asked (a page that is not isolated)', async () => {
    const a = parseArgs(['--model', 'resnet50', '--threads', '2', '--layers', '0']);
    const h = { run: async (o: RunOptions) => result(o, 10, 1) };
    await expect(measure(a, columns(a), h, null, () => undefined)).rejects.toThrow(/ran on 1 thread, not the 2 asked for/);
  });

  it('fasterMedian', () => {
    expect(fasterMedian([{ median_ms: 3 }, { median_ms: 2 }])).toBe(2);
    expect(fasterMedian([])).toBeNaN();
  });
});
