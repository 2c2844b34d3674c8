/**
 * `npm run bench:gpu-kit [-- --out DIR] [--webgpu FOLDER|TGZ] [--no-tar]`
 *
 * Packs the self-contained GPU kit into .gpu-kit/layerwise-gpu-kit/ (and .gpu-kit/layerwise-gpu-kit.tar.gz)
 * and prints its size and the command to run it on a Linux machine with a GPU and Vulkan.
 */
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAX_KIT_BYTES } from './files';
import { PackError, packKit } from './pack-kit';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const log = (s: string) => process.stderr.write(`${s}\n`);

const DEFAULT_LOADER = '/usr/lib/x86_64-linux-gnu/libvulkan.so.1';

const USAGE = `usage: npm run bench:gpu-kit [-- --out DIR] [--webgpu FOLDER|TGZ] [--offline] [--with-vulkan-loader [SO]] [--no-tar] [--no-minify]

Packs the GPU kit (WebGPU benchmark in Node on Dawn) into DIR/layerwise-gpu-kit/ (default DIR:
.gpu-kit) plus DIR/layerwise-gpu-kit.tar.gz. --webgpu: the \`webgpu\` npm package's folder or the
tarball \`npm pack webgpu@0.6.2\` writes; default node_modules/webgpu, else webgpu@0.6.2 fetched once with
\`npm pack\` into .gpu-kit/cache and checked against its published integrity (--offline: never fetch).
--with-vulkan-loader: also carry
this machine's Vulkan loader (default ${DEFAULT_LOADER}, 0.5 MB) for targets with a GPU driver
but no libvulkan.so.1; run.sh uses it only there.`;

function parse(argv: readonly string[]): { out: string; webgpu?: string; vulkanLoader?: string; offline: boolean; tar: boolean; minify: boolean } | null {
  let out = join(root, '.gpu-kit');
  let webgpu: string | undefined;
  let vulkanLoader: string | undefined;
  let offline = false;
  let tar = true;
  let minify = true;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') return null;
    else if (a === '--no-tar') tar = false;
    else if (a === '--offline') offline = true;
    else if (a === '--no-minify') minify = false;
    else if (a === '--with-vulkan-loader') vulkanLoader = argv[i + 1] && !argv[i + 1].startsWith('--') ? resolve(argv[++i]) : DEFAULT_LOADER;
    else if ((a === '--out' || a === '--webgpu') && argv[i + 1] && !argv[i + 1].startsWith('--')) {
      const v = resolve(argv[++i]);
      if (a === '--out') out = v;
      else webgpu = v;
    } else throw new PackError(`unknown or incomplete option "${a}"\n\n${USAGE}`);
  }
  return { out, webgpu, vulkanLoader, offline, tar, minify };
}

async function main(): Promise<number> {
  const o = parse(process.argv.slice(2));
  if (!o) {
    console.log(USAGE);
    return 0;
  }
  const r = await packKit({ root, outDir: o.out, webgpu: o.webgpu, offline: o.offline, vulkanLoader: o.vulkanLoader, tar: o.tar, minify: o.minify, log });
  const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;
  log(
    `largest files: ${r.files
      .slice(0, 4)
      .map((f) => `${f.path} ${mb(f.bytes)}`)
      .join(', ')}`,
  );
  console.log(
    `kit: ${relative(process.cwd(), r.dir) || r.dir} — ${mb(r.bytes)} (limit ${mb(MAX_KIT_BYTES)}), ${r.files.length} files; ${r.build.webgpu}, tfjs ${r.build.tfjs}, commit ${r.build.commit}`,
  );
  if (r.tarball) console.log(`tarball: ${relative(process.cwd(), r.tarball)} — ${mb(r.tarballBytes!)}`);
  console.log(`run it (Linux x86-64, Node.js 18+, a GPU with Vulkan): ${relative(process.cwd(), r.dir)}/run.sh --json > report.json`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    log(`bench:gpu-kit: ${e instanceof PackError ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(e instanceof PackError ? 2 : 1);
  },
);
