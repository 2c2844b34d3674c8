/**
 * Packs the GPU kit: kit.mjs (esbuild bundle of scripts/gpu-kit/kit.ts with tfjs, the executor,
 * the profiler and the /bench harness), the `webgpu` package (Dawn for Node: its index.js and the
 * linux-x64 dawn.node) in node_modules/webgpu beside it, run.sh and README.txt; then a .tar.gz.
 * The folder is refused over MAX_KIT_BYTES.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { build as esbuild } from 'esbuild';
import { KIT_NAME, MAX_KIT_BYTES, MIN_NODE_MAJOR, RUN_SH, readme } from './files';
import type { KitBuild } from './report';

export class PackError extends Error {}

/**
 * The `webgpu` package the kit is tested with, and its tarball's integrity as the npm registry
 * publishes it (`npm view webgpu@0.6.2 dist.integrity`). Used when node_modules has no `webgpu`.
 */
export const WEBGPU_VERSION = '0.6.2';
export const WEBGPU_INTEGRITY = 'sha512-3L4GfmqJLvYUIEWJngEQY+2HQiUlAFkg8+P8NDDj3Xx5hHHIFO/r8JW+ynfqBj7kHN4mbnwO74uB+lrRtLhp4Q==';

export interface PackOptions {
  /** The repository root (where scripts/, lib/, node_modules/ are). */
  readonly root: string;
  /** Output folder; the kit goes to <outDir>/layerwise-gpu-kit (+ .tar.gz). */
  readonly outDir: string;
  /**
   * The `webgpu` package: a folder or an npm tarball (.tgz). Default: <root>/node_modules/webgpu,
   * else webgpu@WEBGPU_VERSION fetched once with `npm pack` into <root>/.gpu-kit/cache and checked
   * against WEBGPU_INTEGRITY (unless `offline`).
   */
  readonly webgpu?: string;
  readonly offline?: boolean;
  /** Also write <outDir>/layerwise-gpu-kit.tar.gz (default true). */
  readonly tar?: boolean;
  readonly minify?: boolean;
  /**
   * Also carry this Vulkan loader (libvulkan.so.1) in lib/, for targets that have a GPU driver but
   * no loader (NVIDIA containers often do); run.sh uses it only when the system has none.
   */
  readonly vulkanLoader?: string;
  readonly log?: (line: string) => void;
}

export interface PackResult {
  readonly dir: string;
  readonly bytes: number;
  readonly tarball: string | null;
  readonly tarballBytes: number | null;
  readonly build: KitBuild;
  /** Files of the kit with their sizes, largest first. */
  readonly files: ReadonlyArray<{ readonly path: string; readonly bytes: number }>;
}

function walk(dir: string, base = dir): Array<{ path: string; bytes: number }> {
  const out: Array<{ path: string; bytes: number }> = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p, base));
    else out.push({ path: relative(base, p), bytes: statSync(p).size });
  }
  return out;
}

function gitCommit(root: string): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return dirty ? `${sha}+changes` : sha;
  } catch {
    return 'unknown';
  }
}

const version = (pkgDir: string): string => (JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version?: string }).version ?? '?';

export function integrityOf(file: string): string {
  return `sha512-${createHash('sha512').update(readFileSync(file)).digest('base64')}`;
}

/** webgpu@WEBGPU_VERSION's tarball from the npm registry (through npm itself), cached and verified. */
function fetchWebgpu(cacheDir: string, log: (s: string) => void): string {
  const tgz = join(cacheDir, `webgpu-${WEBGPU_VERSION}.tgz`);
  if (!existsSync(tgz)) {
    mkdirSync(cacheDir, { recursive: true });
    log(`node_modules has no \`webgpu\` package: npm pack webgpu@${WEBGPU_VERSION} into ${cacheDir} (51 MB, every platform; the kit keeps linux-x64)`);
    try {
      execFileSync('npm', ['pack', `webgpu@${WEBGPU_VERSION}`, '--pack-destination', cacheDir, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
    } catch (e) {
      throw new PackError(`npm pack webgpu@${WEBGPU_VERSION} failed (${e instanceof Error ? e.message : String(e)}); pass --webgpu <folder or .tgz>`);
    }
  }
  const got = integrityOf(tgz);
  if (got !== WEBGPU_INTEGRITY) {
    rmSync(tgz, { force: true });
    throw new PackError(`${tgz} is not the published webgpu@${WEBGPU_VERSION}: integrity ${got}, expected ${WEBGPU_INTEGRITY} (removed; run again)`);
  }
  return tgz;
}

/** The `webgpu` package as a folder: the given one, or a tarball unpacked into `scratch`. */
function webgpuSource(o: PackOptions, scratch: string, log: (s: string) => void): string {
  const installed = join(o.root, 'node_modules', 'webgpu');
  const src = o.webgpu ?? (existsSync(installed) || o.offline ? installed : fetchWebgpu(join(o.root, '.gpu-kit', 'cache'), log));
  if (!existsSync(src))
    throw new PackError(
      `the \`webgpu\` npm package (Dawn for Node) is not there: ${src} does not exist. ` +
        `Pass --webgpu <its folder, or webgpu-${WEBGPU_VERSION}.tgz from \`npm pack webgpu@${WEBGPU_VERSION}\`>, drop --offline to fetch it, or add it (npm install --save-dev webgpu@${WEBGPU_VERSION})`,
    );
  if (statSync(src).isDirectory()) return src;
  if (!/\.t(ar\.)?gz$/.test(src)) throw new PackError(`--webgpu must be the package's folder or its .tgz, got ${src}`);
  execFileSync('tar', ['-xzf', src, '-C', scratch]);
  const dir = join(scratch, 'package');
  if (!existsSync(join(dir, 'package.json'))) throw new PackError(`${src} is not an npm package tarball (no package/package.json)`);
  return dir;
}

/**
 * Copies what the package needs at run time on linux-x64: package.json, its JS entry, licences,
 * and dist/ entries for linux-x64 (0.6.x: dist/linux-x64/dawn.node; older: dist/linux-x64.dawn.node).
 */
function copyWebgpu(src: string, dest: string): void {
  mkdirSync(dest, { recursive: true });
  const pkg = JSON.parse(readFileSync(join(src, 'package.json'), 'utf8')) as { main?: string; version?: string; dependencies?: Record<string, string> };
  const main = pkg.main ?? 'index.js';
  for (const f of readdirSync(src)) if (f === 'package.json' || f === main || /^(licen[cs]e|copying|notice)/i.test(f)) cpSync(join(src, f), join(dest, f));
  const dist = join(src, 'dist');
  const linux = existsSync(dist) ? readdirSync(dist).filter((f) => f.startsWith('linux-x64')) : [];
  if (!linux.length) throw new PackError(`${src} has no dist/linux-x64* (Dawn's native binary for Linux x86-64)`);
  for (const f of linux) cpSync(join(dist, f), join(dest, 'dist', f), { recursive: true });
  const entry = readFileSync(join(src, main), 'utf8');
  const bare = [...entry.matchAll(/(?:from\s+|import\(|require\()\s*['"]([^'"./][^'"]*)['"]/g)]
    .map((m) => m[1])
    .filter((s) => !s.startsWith('node:') && !['module', 'path', 'url', 'fs', 'os'].includes(s));
  if (bare.length) throw new PackError(`${src}/${main} imports packages the kit does not carry: ${[...new Set(bare)].join(', ')}`);
}

export async function packKit(o: PackOptions): Promise<PackResult> {
  const log = o.log ?? (() => undefined);
  const dir = join(o.outDir, KIT_NAME);
  const scratch = mkdtempSync(join(tmpdir(), 'gpu-kit-'));
  try {
    const webgpuDir = webgpuSource(o, scratch, log);
    const build: KitBuild = {
      commit: gitCommit(o.root),
      builtAt: new Date().toISOString(),
      tfjs: version(join(o.root, 'node_modules', '@tensorflow', 'tfjs')),
      webgpu: `webgpu@${version(webgpuDir)}`,
    };
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    log(`bundling scripts/gpu-kit/kit.ts -> ${relative(o.root, join(dir, 'kit.mjs'))} (esbuild)`);
    await esbuild({
      absWorkingDir: o.root,
      entryPoints: [join(o.root, 'scripts', 'gpu-kit', 'kit.ts')],
      outfile: join(dir, 'kit.mjs'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: `node${MIN_NODE_MAJOR}`,
      minify: o.minify ?? true,
      legalComments: 'linked',
      logLevel: 'warning',
      // tfjs' CommonJS builds call require() for Node's own modules; an ES module has none.
      banner: { js: "import { createRequire as __kitCreateRequire } from 'node:module'; const require = __kitCreateRequire(import.meta.url);" },
      define: { __LAYERWISE_KIT_BUILD__: JSON.stringify(build) },
      // Never used by a WebGPU run: the wasm backend is only a fallback (the harness asks for
      // webgpu strictly), and tfjs fetches nothing (Node 18+ has fetch anyway).
      external: ['@tensorflow/tfjs-backend-wasm', 'node-fetch'],
    });
    copyWebgpu(webgpuDir, join(dir, 'node_modules', 'webgpu'));
    if (o.vulkanLoader) {
      if (!existsSync(o.vulkanLoader))
        throw new PackError(`--with-vulkan-loader: ${o.vulkanLoader} does not exist (Debian/Ubuntu: apt-get install libvulkan1)`);
      mkdirSync(join(dir, 'lib'));
      cpSync(o.vulkanLoader, join(dir, 'lib', 'libvulkan.so.1'), { dereference: true });
    }
    writeFileSync(join(dir, 'run.sh'), RUN_SH);
    chmodSync(join(dir, 'run.sh'), 0o755);
    writeFileSync(join(dir, 'BUILD.json'), `${JSON.stringify(build, null, 2)}\n`);
    // The README states the folder's size: write it, measure, write it again with the number.
    writeFileSync(join(dir, 'README.txt'), readme(build, 0));
    const pre = walk(dir).reduce((s, f) => s + f.bytes, 0);
    writeFileSync(join(dir, 'README.txt'), readme(build, pre));
    const files = walk(dir).sort((a, b) => b.bytes - a.bytes);
    const bytes = files.reduce((s, f) => s + f.bytes, 0);
    if (bytes > MAX_KIT_BYTES)
      throw new PackError(
        `the kit is ${(bytes / 1e6).toFixed(1)} MB, over the ${MAX_KIT_BYTES / 1e6} MB limit; largest: ${files
          .slice(0, 3)
          .map((f) => `${f.path} ${(f.bytes / 1e6).toFixed(1)} MB`)
          .join(', ')}`,
      );
    let tarball: string | null = null;
    let tarballBytes: number | null = null;
    if (o.tar ?? true) {
      tarball = join(o.outDir, `${KIT_NAME}.tar.gz`);
      execFileSync('tar', ['-czf', tarball, '-C', o.outDir, basename(dir)]);
      tarballBytes = statSync(tarball).size;
    }
    return { dir, bytes, tarball, tarballBytes, build, files };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
