/**
 * The frame (title, label, test id) that lessons draw around the widgets whose components do not
 * draw their own (the ShuffleNet v2 and MnasNet widgets). Lessons and embeds use the same one.
 */
export interface WidgetFrameSpec {
  readonly title: string;
  readonly label?: string;
  readonly testId?: string;
}

export const WIDGET_FRAMES: Readonly<Record<string, WidgetFrameSpec>> = {
  'channel-shuffle': { title: 'Channel split and shuffle', label: '3 units, computed with TensorFlow.js', testId: 'channel-shuffle' },
  'guideline-lab': { title: 'Guideline lab', label: "the paper's micro-benchmarks, on your device", testId: 'guideline-lab' },
  'time-breakdown': { title: 'Where the time goes', label: 'shufflenet_v2_x1_0 on your device', testId: 'time-breakdown' },
  'reward-explorer': { title: 'Reward explorer', label: 'ACC(m)·[LAT(m)/T]^w', testId: 'reward-explorer' },
  'search-space': { title: 'Search-space explorer', label: '7 blocks, measured on your device', testId: 'search-space' },
};
