/**
 * How the lab names a host's ImageNet weights, and the one sentence it shows where the host has
 * none. Framework-free (the picker, captions and tests share it).
 */
import { formatBytes } from '../../format/bytes';
import type { ImagenetEntry } from './manifest';

/** "ImageNet weights (torchvision, 2.78 MB)"; an --offline export says it is not trained. */
export function imagenetOptionLabel(e: ImagenetEntry): string {
  return `ImageNet weights (torchvision, ${formatBytes(e.bytes)}${e.dtype === 'F16' ? ', fp16' : ''})${e.pretrained ? '' : ': offline test export, not trained'}`;
}

/** What the model holds once loaded, e.g. "ImageNet weights (torchvision ShuffleNet_V2_X0_5_Weights.IMAGENET1K_V1)". */
export function imagenetLoadedLabel(e: ImagenetEntry): string {
  return `ImageNet weights (torchvision ${e.source.weights}${e.pretrained ? '' : ', offline test export, not trained'})`;
}

/** A short line under the option: accuracy and where the weights came from. */
export function imagenetDetail(e: ImagenetEntry): string {
  const acc = e.source.acc1 !== undefined ? `${e.source.acc1.toFixed(1)}% top-1 on ImageNet-1K` : null;
  if (!e.pretrained) return "Not trained: torchvision's random init (weights=None), here to test downloading, checking and caching";
  return [acc, `${e.source.weights}`].filter(Boolean).join(', ');
}

/** Where the host has no ImageNet weights for a model: how to add them, in one sentence (the command is set as code). */
export const IMAGENET_HOW_TO_ADD = {
  before: 'No ImageNet weights on this site yet: whoever hosts it adds them with ',
  command: 'npm run weights:torchvision',
  after: ' (see docs/hosting.md); until then, load a torchvision .safetensors file below.',
} as const;

/** The notice when a host's file cannot be used: what stays loaded, then the reason on its own line. */
export function imagenetErrorMessage(modelId: string, reason: string, kept: string | null): string {
  const keep = kept ? ` The previous weights (${kept}) stay loaded.` : '';
  return `The ImageNet weights for ${modelId} could not be used.${keep}\n${reason}`;
}

/** The progress line's detail while a file comes in. */
export function imagenetProgressDetail(p: { readonly loaded: number; readonly total: number; readonly stage: 'download' | 'verify' | 'cache' }): string {
  if (p.stage === 'cache') return "ImageNet weights from this browser's cache";
  if (p.stage === 'verify') return 'checking the SHA-256 of the ImageNet weights';
  return `downloading ImageNet weights: ${formatBytes(p.loaded)} of ${formatBytes(p.total)}`;
}
