/**
 * Which channels of a feature map a comparison row shows: the most active ones for this input,
 * ranked by mean |activation| over the map (ties: the lower channel). Pure, NCHW batch item 0.
 */
export interface ChannelRank {
  readonly channel: number;
  readonly meanAbs: number;
}

export function topChannels(map: { readonly shape: readonly number[]; readonly data: Float32Array }, n: number): ChannelRank[] {
  const [, c, h, w] = map.shape;
  const hw = h * w;
  const ranks: ChannelRank[] = [];
  for (let ch = 0; ch < c; ch++) {
    let s = 0;
    for (let i = 0; i < hw; i++) s += Math.abs(map.data[ch * hw + i]);
    ranks.push({ channel: ch, meanAbs: s / hw });
  }
  ranks.sort((a, b) => b.meanAbs - a.meanAbs || a.channel - b.channel);
  return ranks.slice(0, Math.max(0, n));
}
