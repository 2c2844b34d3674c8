/**
 * `arch train` and `arch eval`: every bad flag, model, data file or weights file exits 2 with a
 * message saying what is wrong (in process, through main()); then, as processes exactly as
 * `npm run -s arch -- …` starts them, a digits model trains a few steps, writes its state_dict,
 * and `eval` of that file reports the test accuracy `train` reported.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDigitsNode } from '../lib/data/digits/node';
import { parseSafetensors, writeSafetensors, type WritableTensor } from '../lib/runtime/weights/safetensors';
import { main } from './arch-cli';
import { trainInputFromFlags } from './arch-train';

const root = new URL('../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'layerwise-train-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t) });
  return { code, out, err };
}

/** The CLI as a process. */
function cli(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(join(root, 'node_modules/.bin/tsx'), ['scripts/arch.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const int64 = (values: number[]) => {
  const b = new Uint8Array(8 * values.length);
  const v = new DataView(b.buffer);
  values.forEach((x, i) => v.setBigInt64(8 * i, BigInt(x), true));
  return b;
};
const int32 = (values: number[]) => new Uint8Array(Int32Array.from(values).buffer);

function dataFile(name: string, tensors: [string, WritableTensor][]): string {
  const path = join(dir, name);
  writeFileSync(path, writeSafetensors(tensors));
  return path;
}

// 32 real digits, as a --data file (I64 labels, as torch.save of a LongTensor would have them).
const digits = loadDigitsNode();
const N = 32;
const px = 28 * 28;
const images: WritableTensor = { shape: [N, 1, 28, 28], data: digits.train.images.slice(0, N * px) };
const labels = [...digits.train.labels.slice(0, N)];
const good = dataFile('good.safetensors', [
  ['images', images],
  ['labels', { shape: [N], bytes: int64(labels), dtype: 'I64' }],
]);

describe('arch train / eval: bad input exits 2 and says what is wrong', () => {
  const cases: [string[], RegExp | string][] = [
    [['train'], 'train expects exactly one model id, got 0'],
    [['train', 'densenet_digitz'], /unknown model id/],
    [['train', 'densenet_digits', '--bogus'], /Unknown option '--bogus'/],
    [['train', 'densenet_digits', '--lr', 'abc'], 'Learning rate (--lr) cannot be "abc": it must be a number above 0 up to 10 (default 0.05).'],
    [['train', 'densenet_digits', '--batch', '0'], 'Batch size (--batch) cannot be "0": it must be a whole number from 1 to 1024 (default 64).'],
    [['train', 'densenet_digits', '--optimizer', 'rmsprop'], 'Optimizer (--optimizer) cannot be "rmsprop": it must be one of sgd, adam (default sgd).'],
    [['train', 'densenet_digits', '--momentum', '0', '--nesterov'], 'Nesterov momentum (--nesterov) needs a momentum above 0.'],
    [['train', 'densenet_digits', '--steps', '5', '--epochs', '1'], 'Give steps (--steps) or epochs (--epochs), not both.'],
    [['train', 'densenet_digits', '--weight-decay=-1'], 'Weight decay (--weight-decay) cannot be "-1": it must be a number from 0 to 1 (default 0).'],
    [['train', 'densenet_digits', '--weight-decay', '-1'], /Option '--weight-decay' argument is ambiguous/],
    [
      ['train', 'densenet_digits', '--data', good, '--batch', '64'],
      'Batch size (--batch) 64 is larger than the training set (32 images), so no full batch exists.',
    ],
    [['train', 'densenet_digits', '--backend', 'webgl'], '--backend must be one of cpu, wasm, got "webgl"'],
    [['train', 'densenet_digits', '--dataset', 'mnist'], '--dataset must be one of digits, got "mnist"'],
    [['train', 'densenet_digits', '--dataset', 'digits', '--data', good], 'give --data D.safetensors or --dataset digits, not both'],
    [['train', 'resnet50'], /resnet50 takes \[N, 3, 224, 224\] images \(imagenet\), which do not ship with the site: give them with --data D\.safetensors/],
    [['train', 'resnet50', '--size', '64', '--dataset', 'digits'], /--dataset digits gives \[N, 1, 28, 28\] images, but resnet50 takes \[N, 3, 64, 64\]/],
    [['train', 'densenet_digits', '--data', join(dir, 'missing.safetensors')], /cannot read --data file .*missing\.safetensors/],
    [
      ['train', 'densenet_digits', '--steps', '2', '--out', join(dir, 'no', 'such', 'w.safetensors')],
      /--out .*: the folder .*no\/such does not exist or cannot be written/,
    ],
    [['eval'], 'eval expects exactly one model id, got 0'],
    [['eval', 'densenet_digits', '--seed=-1'], '--seed expects a whole number from 0 to 2147483647, got "-1"'],
    [['eval', 'resnet50', '--size', '32'], /resnet50 takes \[N, 3, 32, 32\] images/],
  ];
  it.each(cases.map(([argv, want]) => ({ argv, want, name: argv.join(' ').replace(dir, '…') })))('$name', async ({ argv, want }) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    if (typeof want === 'string') expect(r.err).toContain(want);
    else expect(r.err).toMatch(want);
  });

  it('checks a --data file against the model: tensors, dtypes, shapes, labels', async () => {
    const f = (name: string, t: [string, WritableTensor][]) => dataFile(name, t);
    const lab = (v: number[]): WritableTensor => ({ shape: [v.length], bytes: int64(v), dtype: 'I64' });
    const img = (shape: number[]): WritableTensor => ({ shape, data: new Float32Array(shape.reduce((a, b) => a * b, 1)) });
    const cases: [string, string][] = [
      [f('none.safetensors', [['x', img([2, 1, 28, 28])]]), 'must hold tensors "images" and "labels"; it holds: x'],
      [
        f('f16.safetensors', [
          ['images', { ...img([2, 1, 28, 28]), dtype: 'F16' } as WritableTensor],
          ['labels', lab([0, 1])],
        ]),
        '"images" must be F32, got F16',
      ],
      [
        f('rgb.safetensors', [
          ['images', img([2, 3, 28, 28])],
          ['labels', lab([0, 1])],
        ]),
        '"images" is [2, 3, 28, 28], but densenet_digits takes [N, 1, 28, 28]',
      ],
      [
        f('big.safetensors', [
          ['images', img([2, 1, 32, 32])],
          ['labels', lab([0, 1])],
        ]),
        '"images" is [2, 1, 32, 32], but densenet_digits takes [N, 1, 28, 28] (pass --size 32 to build it at 32×32)',
      ],
      [
        f('3d.safetensors', [
          ['images', img([1, 28, 28])],
          ['labels', lab([0])],
        ]),
        '"images" must be [N, C, H, W] with N ≥ 1, got [1, 28, 28]',
      ],
      [
        f('flab.safetensors', [
          ['images', img([2, 1, 28, 28])],
          ['labels', img([2])],
        ]),
        '"labels" must be I64 or I32, got F32',
      ],
      [
        f('nlab.safetensors', [
          ['images', img([2, 1, 28, 28])],
          ['labels', lab([0, 1, 2])],
        ]),
        '"labels" must be [N] = [2] (one per image), got [3]',
      ],
      [
        f('class.safetensors', [
          ['images', img([2, 1, 28, 28])],
          ['labels', lab([0, 10])],
        ]),
        'label 10 at index 1 is not a class of densenet_digits (0 … 9)',
      ],
      [
        f('neg.safetensors', [
          ['images', img([2, 1, 28, 28])],
          ['labels', lab([-1, 0])],
        ]),
        'label -1 at index 0 is not a class of densenet_digits (0 … 9)',
      ],
      [join(dir, 'good.safetensors').replace('good', 'nope'), 'cannot read --data file'],
    ];
    writeFileSync(join(dir, 'garbage.safetensors'), 'not a safetensors file');
    cases.push([join(dir, 'garbage.safetensors'), '--data ' + join(dir, 'garbage.safetensors') + ': ']);
    for (const [path, want] of cases) {
      for (const cmd of ['train', 'eval']) {
        const r = await run(cmd, 'densenet_digits', '--data', path);
        expect(r.code, `${cmd} ${path}`).toBe(2);
        expect(r.err, `${cmd} ${path}`).toContain(want);
      }
    }
  });

  it('refuses --init / --weights of another model, naming keys', async () => {
    const other = dataFile('other.safetensors', [['conv1.weight', { shape: [1], data: new Float32Array(1) }]]);
    for (const argv of [
      ['train', 'densenet_digits', '--init', other, '--steps', '1'],
      ['eval', 'densenet_digits', '--weights', other],
    ]) {
      const r = await run(...argv);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(new RegExp(`^arch ${argv[0]}: weights .*other\\.safetensors do not fit densenet_digits:\\n`));
    }
  });

  it('refuses a network too big to train on the backend, before making its weights', async () => {
    const n = 8;
    const big = dataFile('rgb224.safetensors', [
      ['images', { shape: [n, 3, 224, 224], data: new Float32Array(n * 3 * 224 * 224) }],
      ['labels', { shape: [n], bytes: int64(Array.from({ length: n }, (_, i) => i)), dtype: 'I64' }],
    ]);
    const t0 = performance.now();
    const r = await run('train', 'resnext101_32x8d', '--data', big, '--batch', '8', '--steps', '1', '--backend', 'wasm');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /^arch train: resnext101_32x8d: This network is too big to train on WebAssembly: .* a training step of 8 images needs .* Use a smaller --batch or --size\.\n$/,
    );
    // 88.8 M seeded weights alone would take seconds.
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it('maps switches to settings: --nesterov on, --no-shuffle / --no-dropout off', () => {
    expect(trainInputFromFlags({ nesterov: true, 'no-shuffle': true, 'no-dropout': true, lr: '0.1', steps: '3' })).toEqual({
      nesterov: true,
      shuffle: false,
      dropout: false,
      lr: '0.1',
      steps: '3',
    });
    expect(trainInputFromFlags({})).toEqual({});
  });

  it('--help lists every training flag', async () => {
    const r = await run('train', '--help');
    expect(r.code).toBe(0);
    for (const f of [
      '--steps N',
      '--epochs N',
      '--batch N',
      '--optimizer sgd|adam',
      '--lr X',
      '--momentum X',
      '--nesterov',
      '--weight-decay X',
      '--seed N',
      '--no-shuffle',
      '--no-dropout',
      '--out OUT',
      '--json',
    ])
      expect(r.out).toContain(f);
  });
});

describe('arch train / eval as processes', () => {
  // mnasnet_digits: the digits model with the fewest MACs (3.7 M per image), so the 2,000-image
  // test evaluations stay short.
  it('trains mnasnet_digits 3 steps on wasm, writes the state_dict; eval of it reports the same test accuracy', () => {
    const out = join(dir, 'trained.safetensors');
    const t = cli(['train', 'mnasnet_digits', '--steps', '3', '--batch', '16', '--seed', '1', '--backend', 'wasm', '--out', out, '--json']);
    expect(t.stderr).toBe('');
    expect(t.code).toBe(0);
    const r = JSON.parse(t.stdout);
    expect(Object.keys(r)).toEqual(['losses', 'test_accuracy', 'ms']);
    expect(r.losses).toHaveLength(3);
    for (const l of r.losses) expect(l).toBeGreaterThan(0);
    // An untrained 10-class model starts near ln 10.
    expect(r.losses[0]).toBeGreaterThan(1.5);
    expect(r.losses[0]).toBeLessThan(4);
    expect(r.test_accuracy).toBeGreaterThanOrEqual(0);
    expect(r.test_accuracy).toBeLessThanOrEqual(1);
    expect(r.ms).toBeGreaterThan(0);

    const sd = parseSafetensors(readFileSync(out));
    expect(sd.tensors.get('layers.1.num_batches_tracked')).toMatchObject({ dtype: 'I64', shape: [] });
    const nbt = sd.tensors.get('layers.1.num_batches_tracked')!.bytes;
    expect(new DataView(nbt.buffer, nbt.byteOffset, 8).getBigInt64(0, true)).toBe(3n);
    expect([...sd.tensors.keys()].slice(0, 3)).toEqual(['layers.0.weight', 'layers.1.weight', 'layers.1.bias']);

    // Resuming from the file carries num_batches_tracked on (3 + 1).
    const more = join(dir, 'more.safetensors');
    const t2 = cli(['train', 'mnasnet_digits', '--init', out, '--data', good, '--steps', '1', '--batch', '16', '--out', more, '--json']);
    expect(t2.code).toBe(0);
    const nbt2 = parseSafetensors(readFileSync(more)).tensors.get('layers.1.num_batches_tracked')!.bytes;
    expect(new DataView(nbt2.buffer, nbt2.byteOffset, 8).getBigInt64(0, true)).toBe(4n);

    const e = cli(['eval', 'mnasnet_digits', '--weights', out, '--json']);
    expect(e.stderr).toBe('');
    expect(e.code).toBe(0);
    const ev = JSON.parse(e.stdout);
    expect(Object.keys(ev)).toEqual(['accuracy', 'n', 'confusion']);
    expect(ev.n).toBe(2000);
    expect(ev.accuracy).toBe(r.test_accuracy);
    expect(ev.confusion).toHaveLength(10);
    expect(ev.confusion.flat().reduce((a: number, b: number) => a + b, 0)).toBe(2000);
  });

  it('trains any registered model: shufflenet_v2_x0_5 at 64×64 on an ImageNet-shaped --data file; eval takes the result', async () => {
    const n = 8;
    const rgb = dataFile('rgb64.safetensors', [
      ['images', { shape: [n, 3, 64, 64], data: new Float32Array(n * 3 * 64 * 64).map((_, i) => (i % 97) / 97) }],
      ['labels', { shape: [n], bytes: int32(Array.from({ length: n }, (_, i) => (i * 137) % 1000)), dtype: 'I32' }],
    ]);
    const out = join(dir, 'shufflenet.safetensors');
    const t = await run('train', 'shufflenet_v2_x0_5', '--size', '64', '--data', rgb, '--batch', '4', '--steps', '2', '--out', out, '--json');
    expect(t.err).toBe('');
    const r = JSON.parse(t.out);
    expect(r.losses).toHaveLength(2);
    // 1000 classes, untrained: about ln 1000 = 6.9.
    expect(Math.abs(r.losses[0] - Math.log(1000))).toBeLessThan(0.5);
    const e = await run('eval', 'shufflenet_v2_x0_5', '--size', '64', '--weights', out, '--data', rgb, '--json');
    expect(e.err).toBe('');
    expect(JSON.parse(e.out)).toMatchObject({ n: 8 });
  });

  it('trains on a --data file in order (--no-shuffle, I32 labels too) without a test split, and prints readable text', async () => {
    const i32 = dataFile('good32.safetensors', [
      ['images', images],
      ['labels', { shape: [N], bytes: int32(labels), dtype: 'I32' }],
    ]);
    // In process (no new tsx per run); the previous test ran the same code as processes.
    const a = await run(
      'train',
      'mnasnet_digits',
      '--data',
      good,
      '--batch',
      '16',
      '--steps',
      '2',
      '--no-shuffle',
      '--no-dropout',
      '--backend',
      'wasm',
      '--json',
    );
    const b = await run(
      'train',
      'mnasnet_digits',
      '--data',
      i32,
      '--batch',
      '16',
      '--epochs',
      '1',
      '--no-shuffle',
      '--no-dropout',
      '--backend',
      'wasm',
      '--json',
    );
    expect(a.err + b.err).toBe('');
    const ra = JSON.parse(a.out);
    const rb = JSON.parse(b.out);
    expect(Object.keys(ra)).toEqual(['losses', 'ms']);
    // Same images in the same order, same seed: one epoch of 32 / 16 is the same 2 steps.
    expect(rb.losses).toEqual(ra.losses);
    const text = await run('train', 'mnasnet_digits', '--data', good, '--batch', '16', '--steps', '1', '--backend', 'wasm');
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^step 1\/1  loss \d\.\d{4}  batch accuracy .*\nmnasnet_digits on wasm: 1 step of 16 \(.*good\.safetensors\) in .*images\/s\n$/);
    const ev = await run('eval', 'mnasnet_digits', '--data', good, '--random', '--backend', 'cpu');
    expect(ev.code).toBe(0);
    expect(ev.out).toMatch(/^mnasnet_digits \(seeded init, seed 0, untrained\) on cpu: accuracy .* on 32 images \(.*good\.safetensors\)\n\ntrue\\pred/);
  });
});
