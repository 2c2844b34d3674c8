/**
 * The run guard: before weights are built or a pass starts, compare what a network needs (its
 * footprint, lib/arch/footprint.ts) with what the backend can hold, and its MACs with how fast the
 * backend runs (throughput.ts). One rule for the lab, the embeds, /compare and the CLI:
 *   - refuse what cannot fit, with the numbers;
 *   - ask before anything expected to take more than CONFIRM_AFTER_MS;
 *   - else run.
 *
 * Pure and tfjs-free: UI components import it statically.
 */
import type { Footprint } from '../arch/footprint';
import { formatBytes, formatMacs, formatParams, formatSig } from '../format';
import { BACKEND_LABELS, type BackendName } from './backend-names';
import { throughputOf } from './throughput';

export interface MemoryBudget {
  /** Model (resident weights) plus the peak of one pass must fit in this. */
  readonly totalBytes: number;
  /** No single tensor may be larger (a texture or a storage buffer). */
  readonly maxTensorBytes: number;
}

const GiB = 2 ** 30;
const MiB = 2 ** 20;

/**
 * What each backend can be relied on to hold. The page cannot ask how much memory it may use, so
 * these are conservative constants:
 * - wasm: tfjs-backend-wasm 4.22 is 32-bit WebAssembly; its module's memory maximum is 65,536
 *   pages of 64 KiB, the whole 4 GiB address space (its getHeapMax() is 4,294,901,760 bytes).
 *   The heap grows by whole reallocations and fragments, and many devices cannot reserve 4 GiB:
 *   half of it. Tensors are plain heap ranges, so one tensor may take the whole budget.
 * - cpu: plain typed arrays on the JS heap; a browser tab has a few GiB before it is killed:
 *   2 GiB as for wasm.
 * - webgl: the GPU's memory is not visible to the page, and integrated or mobile GPUs share the
 *   system's: 1 GiB. A tensor is one texture of at most MAX_TEXTURE_SIZE texels a side; 4096 is
 *   common on mobile GPUs (WebGL 2 guarantees 2048), and a packed RGBA float32 texture of
 *   4096 × 4096 texels holds 256 MiB.
 * - webgpu: 1 GiB as for webgl. A tensor is one storage buffer; WebGPU's default limit
 *   maxStorageBufferBindingSize, which every adapter supports, is 128 MiB (WebGPU spec, "Limits").
 */
export const MEMORY_BUDGETS: Readonly<Record<BackendName, MemoryBudget>> = {
  wasm: { totalBytes: 2 * GiB, maxTensorBytes: 2 * GiB },
  cpu: { totalBytes: 2 * GiB, maxTensorBytes: 2 * GiB },
  webgl: { totalBytes: 1 * GiB, maxTensorBytes: 256 * MiB },
  webgpu: { totalBytes: 1 * GiB, maxTensorBytes: 128 * MiB },
};

/** "More than a few seconds": longer than this, the reader is asked first. */
export const CONFIRM_AFTER_MS = 5000;

export interface RunPlan {
  /** Forward passes the action makes (a first run: a warm-up and the timed pass). */
  readonly passes: number;
  /** Bytes held beyond one pass (captured feature maps, say). */
  readonly extraBytes?: number;
  /** What is being asked, for the sentence: "Run", "Profile"… */
  readonly verb?: string;
}

export type RunDecision =
  | { readonly kind: 'run'; readonly estimateMs: number }
  | { readonly kind: 'confirm'; readonly estimateMs: number; readonly message: string }
  | { readonly kind: 'refuse'; readonly message: string; readonly needBytes: number; readonly budgetBytes: number };

/** Expected milliseconds for `passes` passes of `macs` MACs on `backend`, from its throughput. */
export function estimateMs(macs: number, backend: BackendName, passes = 1): number {
  return (passes * macs) / throughputOf(backend).macsPerMs;
}

/** "about 12 s", "about 3.5 min": a duration as a reader reads an estimate. */
export function aboutDuration(ms: number): string {
  const s = ms / 1000;
  if (s < 90) return `about ${formatSig(s, 2)} s`;
  if (s < 5400) return `about ${formatSig(s / 60, 2)} min`;
  return `about ${formatSig(s / 3600, 2)} h`;
}

/** The refusal for a network that cannot fit `backend`'s memory, or null when it fits. */
export function memoryRefusal(
  fp: Footprint,
  backend: BackendName,
  extraBytes = 0,
  advice = 'Choose smaller settings.',
): Extract<RunDecision, { kind: 'refuse' }> | null {
  const budget = MEMORY_BUDGETS[backend];
  const label = BACKEND_LABELS[backend];
  const need = fp.residentBytes + fp.peakActivationBytes + extraBytes;
  if (need > budget.totalBytes) {
    return {
      kind: 'refuse',
      needBytes: need,
      budgetBytes: budget.totalBytes,
      message:
        `This network is too big to run on ${label}: ${formatParams(fp.params)} take ${formatBytes(fp.weightBytes)} of weights ` +
        `(${formatBytes(fp.residentBytes)} once prepared) and one pass needs ${formatBytes(fp.peakActivationBytes)} of activations, ` +
        `${formatBytes(need)} in all, over the ${formatBytes(budget.totalBytes)} ${label} can be relied on to hold. ${advice}`,
    };
  }
  if (fp.largestTensorBytes > budget.maxTensorBytes) {
    return {
      kind: 'refuse',
      needBytes: fp.largestTensorBytes,
      budgetBytes: budget.maxTensorBytes,
      message:
        `This network is too big to run on ${label}: one of its tensors takes ${formatBytes(fp.largestTensorBytes)}, ` +
        `over the ${formatBytes(budget.maxTensorBytes)} ${label} can hold in one tensor. ${advice}`,
    };
  }
  return null;
}

/** Run, or ask first when `passes` passes of `macs` MACs are expected to pass CONFIRM_AFTER_MS. */
function askIfLong(macs: number, backend: BackendName, passes: number, verb: string): RunDecision {
  const ms = estimateMs(macs, backend, passes);
  if (ms <= CONFIRM_AFTER_MS) return { kind: 'run', estimateMs: ms };
  const speed = throughputOf(backend).measured ? 'at the speed measured on this page' : 'at a cautious guess of its speed';
  return {
    kind: 'confirm',
    estimateMs: ms,
    message: `This will take ${aboutDuration(ms)} on ${BACKEND_LABELS[backend]} (${formatMacs(macs)}${passes > 1 ? ` × ${passes} passes` : ''}, ${speed}). ${verb} anyway?`,
  };
}

/** The guard's decision for one action on one backend. */
export function guardRun(fp: Footprint, backend: BackendName, plan: RunPlan): RunDecision {
  return memoryRefusal(fp, backend, plan.extraBytes) ?? askIfLong(fp.macs, backend, plan.passes, plan.verb ?? 'Run');
}

/**
 * The decision for several networks measured one after another (/compare): each is built, timed
 * `passesEach` times and freed before the next, so memory is each one's own and time is the sum.
 */
export function guardModels(fps: readonly Footprint[], backend: BackendName, passesEach: number, verb = 'Measure'): RunDecision {
  for (const fp of fps) {
    const refusal = memoryRefusal(fp, backend);
    if (refusal) return refusal;
  }
  return askIfLong(
    fps.reduce((a, fp) => a + fp.macs, 0),
    backend,
    passesEach,
    verb,
  );
}

/**
 * The backend a choice is expected to run on before it has started: the choice itself, or for
 * 'auto' the first backend of the order that has run on this page, else the first of the order
 * (the policy tries that one first; lib/runtime/backend-policy.ts).
 */
export function expectedBackend(
  choice: BackendName | 'auto',
  order: readonly BackendName[],
  measured: (b: BackendName) => boolean = (b) => throughputOf(b).measured,
): BackendName {
  if (choice !== 'auto') return choice;
  return order.find(measured) ?? order[0];
}
