/**
 * What the kit says about the WebGPU adapter it measured on. Structural types only (no WebGPU
 * typings): the objects come from Dawn's `webgpu` package in the kit, from fakes in the tests.
 */

export interface AdapterInfoLike {
  readonly vendor?: string;
  readonly architecture?: string;
  readonly device?: string;
  readonly description?: string;
  readonly isFallbackAdapter?: boolean;
  readonly subgroupMinSize?: number;
  readonly subgroupMaxSize?: number;
}

/** GPUSupportedFeatures: set-like; some implementations are not iterable from JS, but all have has(). */
export type FeaturesLike = Iterable<string> | { has(name: string): boolean };

export interface AdapterLike {
  readonly info?: AdapterInfoLike;
  readonly features?: FeaturesLike;
  readonly limits?: Record<string, unknown> | object;
  /** Older WebGPU (before `info.isFallbackAdapter`). */
  readonly isFallbackAdapter?: boolean;
}

export interface GpuLike {
  requestAdapter(options?: { powerPreference?: string; forceFallbackAdapter?: boolean }): Promise<AdapterLike | null>;
}

/** The limits tfjs-webgpu asks for (tf-backend-webgpu's registerBackend) and the ones that bound a model's tensors. */
export const REPORTED_LIMITS = [
  'maxBufferSize',
  'maxStorageBufferBindingSize',
  'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX',
  'maxComputeWorkgroupsPerDimension',
  'maxStorageBuffersPerShaderStage',
] as const;

export interface AdapterReport {
  readonly vendor: string;
  readonly architecture: string;
  readonly device: string;
  readonly description: string;
  /** A software adapter (SwiftShader, lavapipe) says so here, where the implementation reports it. */
  readonly isFallbackAdapter: boolean | null;
  /** Every feature the adapter offers, sorted. */
  readonly features: readonly string[];
  /** Whether tfjs-webgpu can time kernels: it asks for 'timestamp-query' when the adapter has it. */
  readonly timestampQuery: boolean;
  readonly limits: Readonly<Record<string, number>>;
  readonly powerPreference: string;
}

/** WebGPU's feature names (W3C WebGPU, "GPUFeatureName"), probed with has() where the set cannot be iterated. */
export const KNOWN_FEATURES = [
  'core-features-and-limits',
  'depth-clip-control',
  'depth32float-stencil8',
  'texture-compression-bc',
  'texture-compression-bc-sliced-3d',
  'texture-compression-etc2',
  'texture-compression-astc',
  'texture-compression-astc-sliced-3d',
  'timestamp-query',
  'indirect-first-instance',
  'shader-f16',
  'rg11b10ufloat-renderable',
  'bgra8unorm-storage',
  'float32-filterable',
  'float32-blendable',
  'clip-distances',
  'dual-source-blending',
  'subgroups',
  'texture-formats-tier1',
  'texture-formats-tier2',
  'primitive-index',
] as const;

export function featureNames(f: FeaturesLike | undefined): string[] {
  if (!f) return [];
  if (Symbol.iterator in f) return [...(f as Iterable<string>)].map(String).sort();
  const set = f as { has(name: string): boolean };
  return KNOWN_FEATURES.filter((n) => set.has(n)).sort();
}

/** Reads an adapter into the report's plain, JSON-ready form. */
export function adapterReport(adapter: AdapterLike, powerPreference: string): AdapterReport {
  const i = adapter.info ?? {};
  const features = featureNames(adapter.features);
  const limits: Record<string, number> = {};
  const lim = (adapter.limits ?? {}) as Record<string, unknown>;
  // GPUSupportedLimits exposes its values as getters on the prototype: read them by name.
  for (const k of REPORTED_LIMITS) if (typeof lim[k] === 'number') limits[k] = lim[k] as number;
  const fallback = i.isFallbackAdapter ?? adapter.isFallbackAdapter;
  return {
    vendor: i.vendor ?? '',
    architecture: i.architecture ?? '',
    device: i.device ?? '',
    description: i.description ?? '',
    isFallbackAdapter: typeof fallback === 'boolean' ? fallback : null,
    features,
    timestampQuery: features.includes('timestamp-query'),
    limits,
    powerPreference,
  };
}

/** One line for people: "nvidia hopper · NVIDIA H200 (timestamp-query)". */
export function adapterLine(a: AdapterReport): string {
  const name = [a.vendor, a.architecture].filter(Boolean).join(' ');
  const desc = a.description || a.device;
  const parts = [name, desc].filter(Boolean).join(' · ') || 'unnamed adapter';
  return `${parts}${a.isFallbackAdapter ? ' [software fallback]' : ''} (${a.timestampQuery ? 'timestamp-query' : 'NO timestamp-query: per-layer times are wall time'})`;
}

/**
 * The distinct adapters WebGPU offers here: the high-performance and low-power choices and the
 * fallback adapter (a software one, where the implementation has it).
 */
export async function listAdapters(gpu: GpuLike): Promise<Array<AdapterReport & { asked: string }>> {
  const asks: Array<{ asked: string; options: { powerPreference?: string; forceFallbackAdapter?: boolean } }> = [
    { asked: 'high-performance', options: { powerPreference: 'high-performance' } },
    { asked: 'low-power', options: { powerPreference: 'low-power' } },
    { asked: 'forceFallbackAdapter', options: { forceFallbackAdapter: true } },
  ];
  const seen = new Map<string, AdapterReport & { asked: string }>();
  for (const { asked, options } of asks) {
    let adapter: AdapterLike | null = null;
    try {
      adapter = await gpu.requestAdapter(options);
    } catch {
      adapter = null;
    }
    if (!adapter) continue;
    const r = adapterReport(adapter, options.powerPreference ?? 'default');
    const key = JSON.stringify([r.vendor, r.architecture, r.device, r.description, r.isFallbackAdapter]);
    const prev = seen.get(key);
    seen.set(key, prev ? { ...prev, asked: `${prev.asked}, ${asked}` } : { ...r, asked });
  }
  return [...seen.values()];
}
