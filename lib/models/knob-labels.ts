/** Display labels of the lab's URL parameters (their docs come from the schema itself). */
export const KNOB_LABELS: Readonly<Record<string, string>> = {
  size: 'Input size',
  k: 'Growth rate k',
  blocks: 'Layers per block',
  init: 'Initial features k₀',
  bottleneck: 'Bottleneck (DenseNet-B)',
  theta: 'Compression θ',
  C: 'Cardinality C',
  d: 'Bottleneck width d',
  layers: 'Blocks per stage',
  repeats: 'Units per stage',
  channels: 'Stage widths',
  split: 'Split ratio c′/c',
  alpha: 'Width multiplier α',
};
