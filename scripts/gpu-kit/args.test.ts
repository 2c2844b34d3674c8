import { describe, expect, it } from 'vitest';
import { KIT_MODELS, KIT_USAGE, KitUsageError, dawnOptions, parseKitArgs } from './args';

describe('GPU kit options', () => {
  it('defaults: the five lesson models at 224, 5 runs after 2 warm-up, per-layer profile on', () => {
    const a = parseKitArgs([]);
    expect(a.models).toEqual(['shufflenet_v2_x1_0', 'mnasnet1_0', 'densenet121', 'resnext50_32x4d', 'resnet50']);
    expect(a).toMatchObject({
      size: 224,
      runs: 5,
      warmup: 2,
      layers: true,
      seed: 0,
      adapter: null,
      dawnBackend: null,
      dawn: [],
      powerPreference: 'high-performance',
      out: null,
    });
    expect(a.listAdapters || a.help || a.version).toBe(false);
    expect(a.quantizedTimestamps).toBe(false);
    // Dawn rounds timestamps down to 4096 ns unless told otherwise: the kit tells it.
    expect(dawnOptions(a)).toEqual(['disable-dawn-features=timestamp_quantization']);
    expect(dawnOptions(parseKitArgs(['--quantized-timestamps']))).toEqual([]);
  });

  it('reads every option, with a space or with =', () => {
    const a = parseKitArgs([
      '--models',
      'resnet50, densenet121',
      '--size=96',
      '--runs',
      '10',
      '--warmup=0',
      '--layers',
      '0',
      '--seed',
      '7',
      '--adapter',
      'NVIDIA H200',
      '--dawn-backend=vulkan',
      '--dawn',
      'enable-dawn-features=allow_unsafe_apis',
      '--dawn=enable-dawn-features=dump_shaders',
      '--low-power',
      '--out',
      'r.json',
      '--json',
    ]);
    expect(a).toMatchObject({
      models: ['resnet50', 'densenet121'],
      size: 96,
      runs: 10,
      warmup: 0,
      layers: false,
      seed: 7,
      powerPreference: 'low-power',
      out: 'r.json',
    });
    // Ours first (backend, adapter), then the user's own, in the order given.
    expect(dawnOptions(a)).toEqual([
      'backend=vulkan',
      'adapter=NVIDIA H200',
      'disable-dawn-features=timestamp_quantization',
      'enable-dawn-features=allow_unsafe_apis',
      'enable-dawn-features=dump_shaders',
    ]);
  });

  it('takes any lib/arch model, not only the five', () => {
    expect(parseKitArgs(['--models', 'shufflenet_v2_x0_5']).models).toEqual(['shufflenet_v2_x0_5']);
  });

  it.each([
    [['--models', 'resnet51'], /unknown model "resnet51".*shufflenet_v2_x1_0/],
    [['--models', 'resnet50,resnet50'], /lists a model twice/],
    [['--models', 'resnet50', '--models', 'densenet121'], /given twice \(use a comma list\)/],
    [['--models', ','], /--models needs a value/],
    [['--size', '8'], /--size must be 16\.\.512, got 8/],
    [['--size', '2.5'], /--size needs an integer, got "2.5"/],
    [['--runs', '0'], /--runs must be 1\.\.1000/],
    [['--layers', 'yes'], /--layers must be 0 or 1/],
    [['--runs'], /--runs needs a value/],
    [['--runs', '--json'], /--runs needs a value/],
    [['--json=1'], /--json takes no value/],
    [['--adapter', ' '], /--adapter needs a value/],
    [['--dawn', 'allow_unsafe_apis'], /--dawn takes name=value/],
    [['--backend', 'webgpu'], /unknown option "--backend"/],
    [['resnet50'], /unknown option "resnet50"/],
  ])('refuses %j with a clear message', (argv, msg) => {
    expect(() => parseKitArgs(argv)).toThrow(KitUsageError);
    expect(() => parseKitArgs(argv)).toThrow(msg);
  });

  it('--help, -h, --version and --list-adapters are switches', () => {
    expect(parseKitArgs(['-h']).help).toBe(true);
    expect(parseKitArgs(['--help']).help).toBe(true);
    expect(parseKitArgs(['--version']).version).toBe(true);
    expect(parseKitArgs(['--list-adapters']).listAdapters).toBe(true);
  });

  it('the usage names every option it parses and what the target needs', () => {
    for (const flag of [
      '--models',
      '--size',
      '--runs',
      '--warmup',
      '--layers',
      '--seed',
      '--adapter',
      '--dawn-backend',
      '--dawn',
      '--low-power',
      '--quantized-timestamps',
      '--out',
      '--list-adapters',
      '--json',
      '--version',
      '--help',
    ])
      expect(KIT_USAGE).toContain(flag);
    expect(KIT_USAGE).toContain('Node.js 18 or newer');
    expect(KIT_USAGE).toContain(KIT_MODELS.join(','));
  });
});
