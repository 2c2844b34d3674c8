import { describe, expect, it } from 'vitest';
import { LTI_RESIZE_SUBJECT, MAX_HEIGHT, RESIZE_TYPE, requestedHeight, resizeMessages } from './messages';

describe('resize messages', () => {
  it('has the documented shape: the Layerwise form and the Canvas LMS form', () => {
    expect(resizeMessages('my-embed', 512.2)).toEqual([
      { type: 'layerwise:resize', id: 'my-embed', height: 513 },
      { subject: 'lti.frameResize', height: 513 },
    ]);
    expect(RESIZE_TYPE).toBe('layerwise:resize');
    expect(LTI_RESIZE_SUBJECT).toBe('lti.frameResize');
  });

  it('accepts only plausible heights from either form (the host script applies the same rule)', () => {
    expect(requestedHeight({ type: 'layerwise:resize', id: 'x', height: 640 })).toBe(640);
    expect(requestedHeight({ subject: 'lti.frameResize', height: '480' })).toBe(480);
    expect(requestedHeight({ subject: 'lti.frameResize', height: 480.5 })).toBe(481);
    for (const bad of [
      null,
      'layerwise:resize',
      42,
      {},
      { type: 'other', height: 10 },
      { type: 'layerwise:resize', height: 0 },
      { type: 'layerwise:resize', height: -3 },
    ]) {
      expect(requestedHeight(bad)).toBeNull();
    }
    expect(requestedHeight({ type: 'layerwise:resize', height: MAX_HEIGHT + 1 })).toBeNull();
    expect(requestedHeight({ type: 'layerwise:resize', height: Number.NaN })).toBeNull();
    expect(requestedHeight({ type: 'layerwise:resize', height: '12px' })).toBeNull();
  });
});
