/**
 * `npm run -s arch -- run ...` end to end: argument errors exit 2 with a clear message; weights and
 * input written as .safetensors (by our writer, and by scripts/py/export_safetensors.py when
 * Debian's torch is installed) give PyTorch's logits.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../scripts/arch-cli';
import { runCommand } from '../../scripts/arch-run';
import { UsageError } from '../../scripts/arch-types';
import { fixtureKeys, readFixture, relL2 } from './testing/fixtures.node';
import { hashInit, hashInput } from './weights/hash-init';
import { writeSafetensors } from './weights/safetensors';

const root = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'layerwise-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const f = readFixture(new URL('./fixtures/parity/parity_shufflenet_v2_x0_5.json', import.meta.url));
const weights = join(dir, 'w.safetensors');
const input = join(dir, 'i.safetensors');
writeFileSync(weights, writeSafetensors(hashInit(fixtureKeys(f))));
writeFileSync(input, writeSafetensors([['input', { shape: [1, 3, 64, 64], data: hashInput([1, 3, 64, 64]) }]]));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) }, out, err };
}

/** The CLI as a process, exactly as `npm run -s arch -- run ...` starts it. */
function cli(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(join(root, 'node_modules/.bin/tsx'), ['scripts/arch.ts', 'run', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('arch run', () => {
  it('rejects bad arguments with a UsageError (exit 2)', async () => {
    const bad: string[][] = [
      [],
      ['shufflenet_v2_x0_5'],
      ['shufflenet_v2_x0_5', '--input', input, '--backend', 'webgl'],
      ['shufflenet_v2_x0_5', '--input', input, '--bogus'],
      ['shufflenet_v2_x0_5', '--input', join(dir, 'missing.safetensors')],
      ['shufflenet_v2_x0_5', '--input', weights], // no tensor named input
      ['shufflenet_v2_x0_5', '--input', input, '--repeat', '0'],
    ];
    for (const args of bad) {
      const { io } = capture();
      await expect(runCommand.run(args, io), args.join(' ')).rejects.toBeInstanceOf(UsageError);
    }
  });

  it('refuses weights of another model, naming keys and shapes (exit 2)', async () => {
    const { io, err } = capture();
    const code = await runCommand.run(['mnasnet0_5', '--weights', weights, '--input', input, '--backend', 'cpu'], io);
    expect(code).toBe(2);
    expect(err.join('')).toMatch(/missing key "layers\.0\.weight"|unexpected key/);
  });

  it('documents --allow-nonfinite in its help', async () => {
    const { io, out } = capture();
    expect(await main(['run', '--help'], io)).toBe(0);
    expect(out.join('')).toMatch(/--allow-nonfinite {4}run even when W holds NaN\/Inf values or negative BatchNorm running variances/);
  });

  it('refuses NaN weights with a per-tensor report unless --allow-nonfinite; refuses malformed files by rule', async () => {
    const sd = hashInit(fixtureKeys(f));
    const [key, t] = [...sd].find(([k]) => k.endsWith('running_var'))!;
    const data = t.data.slice();
    data[3] = NaN;
    data[5] = -1;
    sd.set(key, { shape: t.shape, data });
    const nan = join(dir, 'nan.safetensors');
    writeFileSync(nan, writeSafetensors(sd));
    const refused = capture();
    expect(await runCommand.run(['shufflenet_v2_x0_5', '--weights', nan, '--input', input, '--backend', 'cpu', '--json'], refused.io)).toBe(2);
    expect(refused.err.join('')).toContain('pass --allow-nonfinite to run anyway');
    expect(refused.err.join('')).toContain(`"${key}": 1 NaN/Inf value (first at [3]: NaN)`);
    expect(refused.err.join('')).toContain(`"${key}": 1 negative running variance (first at [5]: -1)`);
    const allowed = capture();
    expect(
      await runCommand.run(['shufflenet_v2_x0_5', '--weights', nan, '--input', input, '--backend', 'cpu', '--json', '--allow-nonfinite'], allowed.io),
    ).toBe(0);
    expect(allowed.err.join('')).toContain('warning: running anyway (--allow-nonfinite)');
    expect(JSON.parse(allowed.out.join('')).output).toHaveLength(1000);

    const good = readFileSync(weights);
    const bad = join(dir, 'trailing.safetensors');
    writeFileSync(bad, Buffer.concat([good, Buffer.from([1, 2, 3])]));
    const trailing = capture();
    expect(await runCommand.run(['shufflenet_v2_x0_5', '--weights', bad, '--input', input, '--backend', 'cpu'], trailing.io)).toBe(2);
    expect(trailing.err.join('')).toMatch(/are not a valid \.safetensors file:\n {2}trailing-bytes: /);
  });

  it('matches PyTorch on cpu (in process, --json)', async () => {
    const { io, out } = capture();
    const code = await runCommand.run(['shufflenet_v2_x0_5', '--weights', weights, '--input', input, '--backend', 'cpu', '--json'], io);
    expect(code).toBe(0);
    const r = JSON.parse(out.join('')) as { id: string; backend: string; output: number[]; ms: number };
    expect(r.id).toBe('shufflenet_v2_x0_5');
    expect(r.backend).toBe('cpu');
    expect(r.output).toHaveLength(1000);
    expect(relL2(r.output, f.output.all_logits)).toBeLessThan(1e-4);
    expect(r.ms).toBeGreaterThan(0);
  });

  it('runs a 1-channel digits model on a [1, 1, 28, 28] input and says which channels a wrong input lacks', async () => {
    const d = readFixture(new URL('./fixtures/parity/parity_resnet_digits.json', import.meta.url));
    const dw = join(dir, 'digits-w.safetensors');
    const di = join(dir, 'digits-i.safetensors');
    writeFileSync(dw, writeSafetensors(hashInit(fixtureKeys(d))));
    writeFileSync(di, writeSafetensors([['input', { shape: [1, 1, 28, 28], data: hashInput([1, 1, 28, 28]) }]]));
    const { io, out } = capture();
    expect(await runCommand.run(['resnet_digits', '--weights', dw, '--input', di, '--backend', 'cpu', '--json'], io)).toBe(0);
    const r = JSON.parse(out.join('')) as { output: number[] };
    expect(r.output).toHaveLength(10);
    expect(relL2(r.output, d.output.all_logits)).toBeLessThan(1e-4);
    await expect(runCommand.run(['resnet_digits', '--input', input, '--backend', 'cpu'], capture().io)).rejects.toThrow(
      /must be NCHW \[N, 1, H, W\] for resnet_digits, got \[1, 3, 64, 64\]/,
    );
  });

  it('matches PyTorch on wasm as a process; readable top-5 without --json', () => {
    const j = cli(['shufflenet_v2_x0_5', '--weights', weights, '--input', input, '--backend', 'wasm', '--json']);
    expect(j.code, j.stderr).toBe(0);
    const r = JSON.parse(j.stdout) as { output: number[] };
    expect(relL2(r.output, f.output.all_logits)).toBeLessThan(1e-4);
    const t = cli(['shufflenet_v2_x0_5', '--weights', weights, '--input', input]);
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout.trim().split('\n')).toHaveLength(6);
    const bad = cli(['nosuchmodel', '--input', input]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/nosuchmodel/);
  });

  // The reference implementation is a prerequisite of the suite (README, .ci/run), not optional:
  // a missing torch fails here with the install line instead of silently skipping the check.
  it('runs weights exported by scripts/py/export_safetensors.py (torchvision state_dict)', () => {
    const torch = existsSync('/usr/bin/python3') && spawnSync('/usr/bin/python3', ['-c', 'import torch, torchvision'], { encoding: 'utf8' }).status === 0;
    expect(torch, "Debian's torchvision is needed: sudo apt-get install -y python3-torchvision").toBe(true);
    const w = join(dir, 'mnas.safetensors');
    const i = join(dir, 'mnas-in.safetensors');
    const e = join(dir, 'mnas-expected.json');
    execFileSync('/usr/bin/python3', [
      join(root, 'scripts/py/export_safetensors.py'),
      'mnasnet0_5',
      '--out',
      w,
      '--input-out',
      i,
      '--size',
      '96',
      '--randomize-bn',
      '--expected-out',
      e,
    ]);
    const expected = JSON.parse(readFileSync(e, 'utf8')) as { logits: number[]; argmax: number };
    const r = cli(['mnasnet0_5', '--weights', w, '--input', i, '--backend', 'wasm', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = (JSON.parse(r.stdout) as { output: number[] }).output;
    expect(relL2(out, expected.logits)).toBeLessThan(1e-4);
  });
});
