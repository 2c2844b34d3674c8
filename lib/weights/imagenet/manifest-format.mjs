// @ts-check
/**
 * The manifest's format tag and version, and the empty manifest, defined once: manifest.ts checks
 * them, scripts/copy-assets.mjs writes the empty manifest at build time when the host has none, and
 * scripts/py/torchvision_weights.py writes the same two values (export.test.ts reads its output
 * back through manifest.ts). Plain JavaScript so copy-assets.mjs imports it without a build step.
 */
export const MANIFEST_FORMAT = 'layerwise-imagenet-weights';
export const MANIFEST_VERSION = 1;

/** What a site without ImageNet weights serves: lists nothing. */
export function emptyManifest() {
  return { format: MANIFEST_FORMAT, version: MANIFEST_VERSION, models: [] };
}
