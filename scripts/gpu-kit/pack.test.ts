/**
 * Packs the kit into a temporary folder with a stand-in for the `webgpu` package (CI has no Dawn
 * and no GPU; the real package goes through the same copy and the same size check in
 * `npm run bench:gpu-kit`), then runs the packed entry with every network call made to throw.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIT_NAME, MAX_KIT_BYTES } from './files';
import { PackError, type PackResult, WEBGPU_INTEGRITY, integrityOf, packKit } from './pack-kit';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'gpu-kit-test-'));

/** A `webgpu` package whose Dawn finds no adapter (the shape of dawn-gpu/node-webgpu 0.6: index.js + dist/linux-x64/dawn.node). */
function fakeWebgpu(dir: string, dawnBytes = 1000): string {
  mkdirSync(join(dir, 'dist', 'linux-x64'), { recursive: true });
  mkdirSync(join(dir, 'dist', 'win32-x64'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'webgpu', version: '0.0.0-test', type: 'module', main: 'index.js' }));
  writeFileSync(join(dir, 'LICENSE'), 'MIT');
  writeFileSync(
    join(dir, 'index.js'),
    "import { join } from 'node:path';\nexport const globals = { GPUBufferUsage: {} };\nexport function create() { return { requestAdapter: async () => null }; }\n",
  );
  writeFileSync(join(dir, 'dist', 'linux-x64', 'dawn.node'), '');
  truncateSync(join(dir, 'dist', 'linux-x64', 'dawn.node'), dawnBytes);
  writeFileSync(join(dir, 'dist', 'win32-x64', 'dawn.node'), 'not for linux');
  return dir;
}

/** Preloaded into the kit's process: any attempt to reach the network throws. */
const OFFLINE = join(tmp, 'offline.cjs');
writeFileSync(
  OFFLINE,
  `const net = require('node:net'), dns = require('node:dns');
const no = (what) => () => { throw new Error('network used: ' + what); };
net.Socket.prototype.connect = no('net.connect'); net.connect = net.createConnection = no('net.connect');
dns.lookup = no('dns.lookup'); dns.promises.lookup = no('dns.lookup'); globalThis.fetch = no('fetch');
`,
);

function runKit(r: PackResult, args: string[], viaSh = false) {
  const cmd = viaSh ? 'sh' : process.execPath;
  const argv = viaSh ? [join(r.dir, 'run.sh'), ...args] : [join(r.dir, 'kit.mjs'), ...args];
  return spawnSync(cmd, argv, {
    cwd: tmp,
    encoding: 'utf8',
    timeout: 30_000,
    // run.sh finds `node` on PATH: the one running these tests.
    env: { NODE_ENV: 'production', PATH: `${join(process.execPath, '..')}:/usr/bin:/bin`, NODE_OPTIONS: `--require ${OFFLINE}`, HOME: tmp },
  });
}

describe('npm run bench:gpu-kit', () => {
  let r: PackResult;
  beforeAll(async () => {
    r = await packKit({ root, outDir: join(tmp, 'out'), webgpu: fakeWebgpu(join(tmp, 'webgpu')) });
  }, 60_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('packs kit.mjs, run.sh, README.txt and only the linux-x64 Dawn binary, under 60 MB, plus a tarball', () => {
    expect(r.dir).toBe(join(tmp, 'out', KIT_NAME));
    const paths = r.files.map((f) => f.path).sort();
    expect(paths).toEqual(
      expect.arrayContaining([
        'BUILD.json',
        'README.txt',
        'kit.mjs',
        'run.sh',
        'node_modules/webgpu/LICENSE',
        'node_modules/webgpu/dist/linux-x64/dawn.node',
        'node_modules/webgpu/index.js',
        'node_modules/webgpu/package.json',
      ]),
    );
    expect(paths.some((p) => p.includes('win32'))).toBe(false);
    expect(r.bytes).toBeLessThanOrEqual(MAX_KIT_BYTES);
    expect(r.bytes).toBe(r.files.reduce((s, f) => s + f.bytes, 0));
    // tfjs + the executor + the profiler, minified: a few MB, never the whole node_modules.
    const bundle = r.files.find((f) => f.path === 'kit.mjs')!.bytes;
    expect(bundle).toBeGreaterThan(500_000);
    expect(bundle).toBeLessThan(15_000_000);
    expect(statSync(join(r.dir, 'run.sh')).mode & 0o111).not.toBe(0);
    expect(r.tarball && existsSync(r.tarball)).toBe(true);
    expect(r.tarballBytes).toBeLessThan(r.bytes);
    expect(r.build).toMatchObject({ tfjs: '4.22.0', webgpu: 'webgpu@0.0.0-test' });
    const readme = readFileSync(join(r.dir, 'README.txt'), 'utf8');
    expect(readme).toContain('./run.sh --json > report.json');
    expect(readme).toContain('Node.js 18 or newer');
  });

  it('the packed entry prints its usage and its build offline, with no install step', () => {
    const help = runKit(r, ['--help']);
    expect(help.stderr).toBe('');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('usage: ./run.sh [options]');
    const sh = runKit(r, ['--help'], true);
    expect(sh.status).toBe(0);
    expect(sh.stdout).toBe(help.stdout);
    const v = runKit(r, ['--version']);
    expect(v.status).toBe(0);
    expect(JSON.parse(v.stdout)).toEqual(r.build);
  });

  it('a bad option exits 2 with the reason and the usage', () => {
    const bad = runKit(r, ['--models', 'resnet51']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('gpu-kit: --models: unknown model "resnet51"');
    expect(bad.stdout).toBe('');
  });

  it('no adapter: exit 3, and the JSON says what Vulkan pieces the machine has', () => {
    const none = runKit(r, ['--models', 'resnet50', '--dawn', 'backend=vulkan']);
    expect(none.status).toBe(3);
    const j = JSON.parse(none.stdout);
    expect(j.error).toMatch(/^no WebGPU adapter: requestAdapter\(\{powerPreference: 'high-performance'\}\) returned null/);
    expect(j.dawnOptions).toEqual(['disable-dawn-features=timestamp_quantization', 'backend=vulkan']);
    expect(Object.keys(j.vulkan).sort()).toEqual(['devices', 'env', 'icds', 'loader', 'problem']);
    expect(j.kit).toEqual(r.build);
    expect(none.stderr).toContain('gpu-kit: no WebGPU adapter');
  });

  it('refuses a kit over 60 MB, naming the largest file', async () => {
    const big = fakeWebgpu(join(tmp, 'webgpu-big'), MAX_KIT_BYTES + 1);
    await expect(packKit({ root, outDir: join(tmp, 'big'), webgpu: big, tar: false })).rejects.toThrow(
      /over the 60 MB limit; largest: node_modules\/webgpu\/dist\/linux-x64\/dawn\.node 60\.0 MB/,
    );
  }, 60_000);

  it('says how to get the webgpu package when it is missing', async () => {
    const missing = packKit({ root, outDir: join(tmp, 'none'), webgpu: join(tmp, 'no-such-package') });
    await expect(missing).rejects.toThrow(PackError);
    await expect(missing).rejects.toThrow(/no-such-package does not exist\. Pass --webgpu .*npm install --save-dev webgpu@0\.6\.2/);
  });

  it('checks a tarball against the published integrity of webgpu@0.6.2', () => {
    const f = join(tmp, 'x.tgz');
    writeFileSync(f, 'abc');
    // sha512("abc"), base64: the Subresource Integrity form npm uses.
    expect(integrityOf(f)).toBe('sha512-3a81oZNherrMQXNJriBBMRLm+k6JqX6iCp7u5ktV05ohkpkqJ0/BqDa6PCOj/uu9RU1EI2Q86A4qmslPpUyknw==');
    expect(WEBGPU_INTEGRITY).toMatch(/^sha512-[A-Za-z0-9+/]{86}==$/);
  });
});
