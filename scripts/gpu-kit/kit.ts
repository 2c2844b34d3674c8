/**
 * The GPU kit's entry (bundled to kit.mjs by `npm run bench:gpu-kit`; also runs unbundled with
 * `npx tsx scripts/gpu-kit/kit.ts` where the `webgpu` package is installed): the site's models on
 * tfjs-backend-webgpu in Node, on Dawn, measured by the /bench harness's run() (the site's
 * profiler and device peaks). JSON report on stdout, progress and a short table on stderr.
 */
import { cpus, loadavg } from 'node:os';
import { writeFileSync } from 'node:fs';
import { type AdapterReport, adapterLine, adapterReport, listAdapters } from './adapter';
import { KIT_USAGE, type KitArgs, KitUsageError, dawnOptions, parseKitArgs } from './args';
import { type Dawn, installDawn } from './dawn';
import { type KitBuild, type MachineInfo, kitTable, runKit } from './report';
import { driverFilesFallback, swiftShaderIcd, vulkanEnv } from './vulkan-env';

declare const __LAYERWISE_KIT_BUILD__: KitBuild | undefined;

const build: KitBuild =
  typeof __LAYERWISE_KIT_BUILD__ !== 'undefined' ? __LAYERWISE_KIT_BUILD__ : { commit: 'unbundled', builtAt: '', tfjs: 'node_modules', webgpu: 'node_modules' };

const log = (s: string) => process.stderr.write(`${s}\n`);

/** Exit codes (KIT_USAGE): 0 ok, 1 a model failed, 2 bad options, 3 no WebGPU adapter. */
export const NO_ADAPTER = 3;

function machine(): MachineInfo {
  const c = cpus();
  return { node: process.version, platform: `${process.platform} ${process.arch}`, cpus: c.length, cpuModel: c[0]?.model ?? '', loadavg: loadavg() };
}

/** Writes to stdout and waits until it is flushed: process.exit() would cut a long report sent into a pipe. */
function writeOut(text: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(text, (e) => (e ? reject(e) : resolve())));
}

async function noAdapter(reason: string, args: KitArgs): Promise<number> {
  const vulkan = vulkanEnv();
  log(`gpu-kit: no WebGPU adapter: ${reason}`);
  if (vulkan.problem) log(`gpu-kit: ${vulkan.problem}`);
  log(
    `gpu-kit: Vulkan loader: ${vulkan.loader.join(', ') || 'none'}; drivers (ICD): ${vulkan.icds.map((i) => `${i.path} -> ${i.library ?? '?'}`).join(', ') || 'none'}`,
  );
  const sw = swiftShaderIcd();
  if (sw && !process.env.VK_DRIVER_FILES) log(`gpu-kit: for a dry run on the CPU, SwiftShader is here: VK_DRIVER_FILES=${sw} ./run.sh …`);
  await writeOut(
    `${JSON.stringify({ kit: build, machine: machine(), error: `no WebGPU adapter: ${reason}`, dawnOptions: dawnOptions(args), vulkan }, null, 2)}\n`,
  );
  return NO_ADAPTER;
}

async function main(argv: readonly string[]): Promise<number> {
  let args: KitArgs;
  try {
    args = parseKitArgs(argv);
  } catch (e) {
    if (e instanceof KitUsageError) {
      log(`gpu-kit: ${e.message}\n\n${KIT_USAGE}`);
      return 2;
    }
    throw e;
  }
  if (args.help) {
    await writeOut(`${KIT_USAGE}\n`);
    return 0;
  }
  if (args.version) {
    await writeOut(`${JSON.stringify(build, null, 2)}\n`);
    return 0;
  }
  if (process.platform !== 'linux' || process.arch !== 'x64')
    log(`gpu-kit: warning: this kit carries Dawn for linux-x64; this is ${process.platform}-${process.arch}, so loading it will probably fail`);

  // Set before Dawn starts the Vulkan loader, which reads it then.
  const driverFiles = driverFilesFallback(vulkanEnv());
  if (driverFiles) {
    process.env[driverFiles.name] = driverFiles.value;
    log(`gpu-kit: the Vulkan loader does not search NVIDIA's container mount; using ${driverFiles.name}=${driverFiles.value}`);
  }
  let dawn: Dawn;
  try {
    dawn = await installDawn(dawnOptions(args));
  } catch (e) {
    return noAdapter(e instanceof Error ? e.message : String(e), args);
  }
  try {
    if (args.listAdapters) {
      const adapters = await listAdapters(dawn.gpu);
      await writeOut(`${JSON.stringify({ kit: build, dawnOptions: dawnOptions(args), adapters, vulkan: vulkanEnv() }, null, 2)}\n`);
      for (const a of adapters) log(`${a.asked}: ${adapterLine(a)}`);
      return adapters.length ? 0 : NO_ADAPTER;
    }
    const found = await dawn.gpu.requestAdapter({ powerPreference: args.powerPreference });
    if (!found) return await noAdapter(`requestAdapter({powerPreference: '${args.powerPreference}'}) returned null`, args);
    const adapter: AdapterReport = adapterReport(found, args.powerPreference);
    log(`adapter: ${adapterLine(adapter)}`);

    // Loaded only now: tfjs-backend-webgpu registers itself at import time when navigator.gpu exists.
    // The backend's flags exist once its package is loaded: lib/runtime/backend.ts imports it again (the same module).
    await import('@tensorflow/tfjs-backend-webgpu');
    const tf = await import('@tensorflow/tfjs');
    tf.env().set('WEBGPU_USE_LOW_POWER_GPU', args.powerPreference === 'low-power');
    tf.env().set('PROD', true); // no "install tfjs-node" banner (the --check runs the cpu backend), as scripts/arch-io.ts
    const harness = await import('../../components/bench/harness');
    // The harness's progress ("pass 3/12", "measuring the device's peaks"), at most every 10 s:
    // silent on a GPU, a sign of life on a software adapter where one model takes minutes.
    let lastStatus = Date.now();
    const status = (text: string) => {
      if (Date.now() - lastStatus < 10_000) return;
      lastStatus = Date.now();
      log(`  … ${text}`);
    };
    const report = await runKit(
      args,
      { run: (o) => harness.run(o, status), logits: (o) => harness.logits(o, status) },
      { build, machine: machine(), adapter, vulkan: vulkanEnv(), dawnOptions: dawnOptions(args), log },
    );
    const json = `${JSON.stringify(report, null, 2)}\n`;
    if (args.out) writeFileSync(args.out, json);
    await writeOut(json);
    log(`\n${kitTable(report)}${args.out ? `\n\nreport written to ${args.out}` : ''}`);
    return report.failures.length ? 1 : 0;
  } finally {
    dawn.uninstall();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    log(`gpu-kit: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(1);
  },
);
