import { describe, expect, it } from 'vitest';
import { channelShuffleSchema } from '@/lib/widgets/channel-shuffle/meta';
import { denseConnectivitySchema } from '@/lib/widgets/dense-connectivity/meta';
import { initialState } from './LessonWidget';

describe('lesson widget state from MDX props', () => {
  it('reads props as the URL would, strings as given and other values in their URL form', () => {
    const { state, notices } = initialState(channelShuffleSchema, { channels: '12', follow: '3', step: 4, shuffle: false, downsample: 'true' });
    expect(notices).toEqual([]);
    expect(state).toEqual({ channels: '12', shuffle: false, downsample: true, follow: 3, step: 4 });
  });

  it('turns a typo into a notice and the default, and ignores children', () => {
    const { state, notices } = initialState(denseConnectivitySchema, { L: 40, growth: 4, children: 'x' });
    expect(state.L).toBe(5);
    expect(notices.map((n) => n.param)).toEqual(['L', 'growth']);
  });
});
