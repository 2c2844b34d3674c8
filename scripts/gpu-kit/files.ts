/** The launcher and the README that go into the kit folder beside kit.mjs. */
import type { KitBuild } from './report';

export const KIT_NAME = 'layerwise-gpu-kit';
/** Issue 18: the kit folder may hold at most 60 MB (decimal megabytes). */
export const MAX_KIT_BYTES = 60_000_000;
export const MIN_NODE_MAJOR = 18;

/** POSIX sh, so it runs where bash is missing (minimal containers). */
export const RUN_SH = `#!/bin/sh
# Layerwise GPU kit: the site's models on WebGPU (Dawn for Node, over Vulkan) on this machine.
# Needs Node.js ${MIN_NODE_MAJOR} or newer and nothing else: \`node\` on PATH, or NODE=/path/to/node.
here=$(cd "$(dirname "$0")" && pwd)
node=\${NODE:-node}
if ! command -v "$node" >/dev/null 2>&1; then
  echo "gpu-kit: Node.js ${MIN_NODE_MAJOR} or newer is needed and \\"$node\\" was not found; install it or run NODE=/path/to/node $0" >&2
  exit 127
fi
major=$("$node" -e 'process.stdout.write(process.versions.node.split(".")[0])')
if [ "$major" -lt ${MIN_NODE_MAJOR} ] 2>/dev/null; then
  echo "gpu-kit: Node.js ${MIN_NODE_MAJOR} or newer is needed; $node is $("$node" --version)" >&2
  exit 1
fi
# A kit packed --with-vulkan-loader carries libvulkan.so.1: used only where the system has none.
if [ -e "$here/lib/libvulkan.so.1" ] && ! { ldconfig -p 2>/dev/null | grep -q 'libvulkan\.so\.1 '; }; then
  LD_LIBRARY_PATH="$here/lib\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}"
  export LD_LIBRARY_PATH
fi
exec "$node" "$here/kit.mjs" "$@"
`;

export function readme(build: KitBuild, bytes: number): string {
  return `Layerwise GPU kit (${KIT_NAME})
==================================

Runs Layerwise's five lesson models (shufflenet_v2_x1_0, mnasnet1_0, densenet121,
resnext50_32x4d, resnet50) on tfjs-backend-webgpu in Node, on the machine's GPU through
Dawn (the \`webgpu\` npm package, ${build.webgpu}) and Vulkan. Seeded weights: nothing is
downloaded, no network is used. The models are the site's own (lib/arch spec + executor);
the numbers come from the site's profiler (lib/runtime/profiler.ts) and device-peaks
measurement (lib/runtime/device-peaks.ts), the same fields as \`npm run -s bench -- --json\`.

Needs: Linux x86-64, Node.js ${MIN_NODE_MAJOR} or newer (nothing to install: the folder carries
its JS bundle and Dawn's native binary), a GPU with a Vulkan driver (the Vulkan loader
libvulkan.so.1 and the driver's ICD manifest, e.g. /usr/share/vulkan/icd.d/nvidia_icd.json).
A software Vulkan (Mesa's lavapipe, apt-get install mesa-vulkan-drivers) also works, slowly.

The one command:

    ./run.sh --json > report.json

(or: node kit.mjs --models resnet50,densenet121 --size 224 --runs 10 > report.json)

stdout: one JSON report: kit (build), machine (Node, CPUs, load), adapter (vendor,
architecture, device, description, features, timestampQuery, limits), vulkan (loader, ICDs,
device nodes), results[] (per model: median_ms whole-model time with the logits read back,
samples_ms, layer_sum_ms = per-layer GPU kernel times added up from timestamp queries,
trace_pass_ms, layers[] each with ms, timer, MACs, FLOP/B and share of the roofline, peaks =
the measured GFLOP/s and GB/s), failures[], tensors[].
stderr: progress and a short table.

Options: ./run.sh --help      Adapters Dawn sees: ./run.sh --list-adapters
Pick one: ./run.sh --adapter "NVIDIA"      Without timestamp-query: try
./run.sh --dawn enable-dawn-features=allow_unsafe_apis
Exit codes: 0 ok, 1 a model failed, 2 bad options, 3 no WebGPU adapter (the JSON then
says what Vulkan pieces the machine has and which one is missing).

Built ${build.builtAt} from commit ${build.commit}; tfjs ${build.tfjs}. Folder size:
${(bytes / 1e6).toFixed(1)} MB. Licences: kit.mjs.LEGAL.txt (tfjs, Apache-2.0) and
node_modules/webgpu (Dawn, BSD-3-Clause / MIT).
`;
}
