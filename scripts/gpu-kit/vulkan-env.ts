/**
 * What the machine offers Dawn's Vulkan backend, read from the file system: reported with every
 * run, and the whole answer when no adapter is found (so "no GPU" comes with its reason).
 *
 * Dawn loads the Vulkan loader (libvulkan.so.1) at run time; the loader reads the drivers' ICD
 * manifests from the standard folders (or VK_DRIVER_FILES / VK_ICD_FILENAMES) and each manifest
 * names a driver library: NVIDIA's libGLX_nvidia.so.0, Mesa's lavapipe (software) or RADV/ANV.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The loader's own search folders for ICD manifests on Linux (Vulkan-Loader docs/LoaderDriverInterface.md, "Driver Discovery on Linux"). */
export const ICD_DIRS = ['/etc/xdg/vulkan/icd.d', '/etc/vulkan/icd.d', '/usr/local/share/vulkan/icd.d', '/usr/share/vulkan/icd.d'] as const;

/**
 * Where NVIDIA's container runtime mounts the driver's manifest: the loader does not look there,
 * so the kit points VK_DRIVER_FILES at it when the loader's own folders have none.
 */
export const EXTRA_ICD_DIRS = ['/usr/local/nvidia/share/vulkan/icd.d'] as const;

/** Where distributions and NVIDIA's container runtime put libvulkan.so.1. */
export const LIB_DIRS = ['/usr/lib/x86_64-linux-gnu', '/usr/lib64', '/usr/lib', '/lib/x86_64-linux-gnu', '/usr/local/lib', '/usr/local/nvidia/lib64'] as const;

export interface IcdManifest {
  readonly path: string;
  /** Whether the loader finds it by itself (a standard folder, or named by VK_DRIVER_FILES / VK_ICD_FILENAMES / VK_ADD_DRIVER_FILES). */
  readonly seen: boolean;
  /** ICD.library_path, or null when the file could not be read. */
  readonly library: string | null;
}

export interface VulkanEnv {
  /** Paths of libvulkan.so.1 found (plus LD_LIBRARY_PATH's folders); empty: Dawn cannot load Vulkan. */
  readonly loader: readonly string[];
  readonly icds: readonly IcdManifest[];
  /** VK_DRIVER_FILES, VK_ICD_FILENAMES, VK_ADD_DRIVER_FILES when set. */
  readonly env: Readonly<Record<string, string>>;
  /** /dev/dri/* and /dev/nvidia* device nodes. */
  readonly devices: readonly string[];
  /** A sentence: what is missing for a GPU adapter, or null when nothing obvious is. */
  readonly problem: string | null;
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function manifest(path: string, seen: boolean): IcdManifest {
  try {
    const j = JSON.parse(readFileSync(path, 'utf8')) as { ICD?: { library_path?: unknown } };
    return { path, seen, library: typeof j.ICD?.library_path === 'string' ? j.ICD.library_path : null };
  } catch {
    return { path, seen, library: null };
  }
}

const ENV_KEYS = ['VK_DRIVER_FILES', 'VK_ICD_FILENAMES', 'VK_ADD_DRIVER_FILES', 'LD_LIBRARY_PATH'] as const;

/** Where to look (the tests point these at a temporary folder). */
export interface VulkanPlaces {
  readonly icdDirs?: readonly string[];
  readonly extraIcdDirs?: readonly string[];
  readonly libDirs?: readonly string[];
  readonly devDir?: string;
}

export function vulkanEnv(env: Readonly<Record<string, string | undefined>> = process.env, places: VulkanPlaces = {}): VulkanEnv {
  const icdDirs = places.icdDirs ?? ICD_DIRS;
  const libDirs = [...(env.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean), ...(places.libDirs ?? LIB_DIRS)];
  const dev = places.devDir ?? '/dev';
  const loader = [...new Set(libDirs.map((d) => join(d, 'libvulkan.so.1')).filter((p) => existsSync(p)))];
  const icds = new Map<string, IcdManifest>();
  const named = ['VK_DRIVER_FILES', 'VK_ICD_FILENAMES', 'VK_ADD_DRIVER_FILES'].flatMap((k) => (env[k] ?? '').split(':').filter(Boolean));
  // VK_DRIVER_FILES / VK_ICD_FILENAMES replace the loader's search; VK_ADD_DRIVER_FILES adds to it.
  const replaced = !!(env.VK_DRIVER_FILES || env.VK_ICD_FILENAMES);
  for (const p of named) icds.set(p, manifest(p, true));
  for (const d of icdDirs) for (const f of list(d)) if (f.endsWith('.json') && !icds.has(join(d, f))) icds.set(join(d, f), manifest(join(d, f), !replaced));
  for (const d of places.extraIcdDirs ?? EXTRA_ICD_DIRS)
    for (const f of list(d)) if (f.endsWith('.json') && !icds.has(join(d, f))) icds.set(join(d, f), manifest(join(d, f), false));
  const devices = [
    ...list(join(dev, 'dri')).map((f) => join(dev, 'dri', f)),
    ...list(dev)
      .filter((f) => f.startsWith('nvidia'))
      .map((f) => join(dev, f)),
  ];
  const vars: Record<string, string> = {};
  for (const k of ENV_KEYS) if (env[k]) vars[k] = env[k]!;
  const manifests = [...icds.values()];
  const problem = !loader.length
    ? 'no Vulkan loader (libvulkan.so.1): install it (Debian/Ubuntu: apt-get install libvulkan1), put it on LD_LIBRARY_PATH, or pack the kit with --with-vulkan-loader'
    : !manifests.some((i) => i.seen)
      ? 'no Vulkan driver manifest (ICD .json) in ' +
        icdDirs.join(', ') +
        ': install the GPU vendor driver\'s Vulkan part (NVIDIA: nvidia_icd.json, in containers NVIDIA_DRIVER_CAPABILITIES must include "graphics"; Mesa: mesa-vulkan-drivers), or point VK_DRIVER_FILES at one'
      : null;
  return { loader, icds: manifests, env: vars, devices, problem };
}

/**
 * The variable that makes the loader see the manifests of NVIDIA's container mount, which it does
 * not search: VK_DRIVER_FILES when it sees no other manifest, VK_ADD_DRIVER_FILES beside the ones
 * it sees (Mesa's, say). Null when there are none, or when VK_DRIVER_FILES / VK_ICD_FILENAMES
 * already say where to look.
 */
export function driverFilesFallback(v: VulkanEnv, extraDirs: readonly string[] = EXTRA_ICD_DIRS): { name: string; value: string } | null {
  if (v.env.VK_DRIVER_FILES || v.env.VK_ICD_FILENAMES) return null;
  const extras = v.icds.filter((i) => !i.seen && i.library !== null && extraDirs.some((d) => i.path.startsWith(`${d}/`))).map((i) => i.path);
  if (!extras.length) return null;
  if (!v.icds.some((i) => i.seen)) return { name: 'VK_DRIVER_FILES', value: extras.join(':') };
  return { name: 'VK_ADD_DRIVER_FILES', value: [v.env.VK_ADD_DRIVER_FILES, ...extras].filter(Boolean).join(':') };
}

/** Chromium's and Chrome's SwiftShader Vulkan driver: a software adapter Dawn accepts, for a dry run. */
export const SWIFTSHADER_ICDS = ['/usr/lib/chromium/vk_swiftshader_icd.json', '/opt/google/chrome/vk_swiftshader_icd.json'] as const;

export function swiftShaderIcd(candidates: readonly string[] = SWIFTSHADER_ICDS): string | null {
  return candidates.find((p) => existsSync(p)) ?? null;
}
