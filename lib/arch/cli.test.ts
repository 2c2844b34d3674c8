/** The arch CLI, called in-process with captured stdout/stderr. */
import { describe, expect, it } from 'vitest';
import { main } from '../../scripts/arch-cli';
import { buildGraph, MODEL_IDS } from './registry';

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t) });
  return { code, out, err };
}

describe('arch CLI', () => {
  it('list prints one id per line', async () => {
    const r = await run('list');
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n')).toEqual([...MODEL_IDS]);
  });

  it('list --dataset prints the ids of one dataset, in registry order', async () => {
    const r = await run('list', '--dataset', 'digits');
    expect(r.code).toBe(0);
    expect(r.out).toBe('densenet_digits\nresnext_digits\nresnet_digits\nshufflenet_v2_digits\nmnasnet_digits\n');
    const bad = await run('list', '--dataset', 'mnist');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/unknown dataset "mnist".*digits/);
  });

  it('summary --json has exactly {id, input, params, macs, layers}', async () => {
    const r = await run('summary', 'resnet50', '--size', '64', '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(Object.keys(s)).toEqual(['id', 'input', 'params', 'macs', 'layers']);
    expect(s.id).toBe('resnet50');
    expect(s.input).toEqual([3, 64, 64]);
    expect(s.params).toBe(25_557_032);
    expect(s.layers[0]).toEqual({ name: 'conv1', op: 'conv', outShape: [64, 32, 32], params: 9408, macs: 9408 * 32 * 32 });
    expect(s.layers.at(-1)).toMatchObject({ name: 'fc', op: 'linear', outShape: [1000] });
    for (const l of s.layers) expect(Object.keys(l)).toEqual(['name', 'op', 'outShape', 'params', 'macs']);
  });

  it('summary prints a table with stage subtotals and totals', async () => {
    const r = await run('summary', 'mnasnet0_5');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/layers\.8\.0\.layers\.3\s+conv 3x3\/2 dw\s+\[24, 56, 56\]/);
    expect(r.out).toMatch(/= Stem/);
    expect(r.out).toContain('Total params: 2,218,512');
  });

  it('bad id, bad option, bad size, bad command: message on stderr, exit 2', async () => {
    for (const argv of [
      ['summary', 'resnet51'],
      ['summary', 'resnet50', '--bogus'],
      ['summary', 'resnet50', '--size', 'big'],
      ['summary', 'resnet50', '--size', '1000'],
      ['summary'],
      ['list', 'extra'],
      ['list', '--dataset'],
      ['frobnicate'],
      [],
    ]) {
      const r = await run(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err.length, argv.join(' ')).toBeGreaterThan(10);
      expect(r.out).toBe('');
    }
    expect((await run('summary', 'resnet51')).err).toMatch(/unknown model id.*resnet50/);
  });

  it('rf --json prints {id, size, layers: [{name, rf, jump, start, global}]} for every node', async () => {
    const r = await run('rf', 'resnet50', '--size', '64', '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(Object.keys(s)).toEqual(['id', 'size', 'layers']);
    expect(s).toMatchObject({ id: 'resnet50', size: 64 });
    expect(s.layers).toHaveLength(buildGraph('resnet50', { size: 64 }).nodes.length);
    expect(s.layers[0]).toEqual({ name: 'conv1', rf: [7, 7], jump: [2, 2], start: [-3, -3], global: false });
    expect(s.layers.find((l: { name: string }) => l.name === 'maxpool')).toMatchObject({ rf: [11, 11], jump: [4, 4] });
    expect(s.layers.at(-1)).toEqual({ name: 'fc', rf: [64, 64], jump: [64, 64], start: [0, 0], global: true });
    for (const l of s.layers) expect(Object.keys(l)).toEqual(['name', 'rf', 'jump', 'start', 'global']);
  });

  it('rf prints a table; bad id or size: the usual messages, exit 2', async () => {
    const r = await run('rf', 'densenet_digits');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^densenet_digits at 28×28/);
    expect(r.out).toMatch(/features\.conv0\s+3×3\s+1×1\s+\(-1, -1\)/);
    expect(r.out).toMatch(/classifier\s+whole image/);
    const bad = await run('rf', 'resnet51');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/unknown model id.*resnet50/);
    expect(bad.err).toBe((await run('summary', 'resnet51')).err.replace('arch summary', 'arch rf'));
    const size = await run('rf', 'resnet50', '--size', 'big');
    expect(size.code).toBe(2);
    expect(size.err).toMatch(/--size expects an integer/);
    expect((await run('rf', 'resnet50', '--size', '1000')).code).toBe(2);
    const help = await run('rf', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/rf <id> \[--size N\] \[--json\][\s\S]*jump/);
    expect((await run('--help')).out).toMatch(/rf <id>/);
  });

  it('--help prints usage', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/summary <id> \[--size N\] \[--json\]/);
    expect((await run('summary', '--help')).code).toBe(0);
  });
});
